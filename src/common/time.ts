/** Server tables keep times as integer epoch milliseconds (same on SQLite and MySQL); the API speaks ISO-8601 UTC. */
export function toIso(ms: number | string | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return new Date(Number(ms)).toISOString();
}

export function nowMs(): number {
  return Date.now();
}
