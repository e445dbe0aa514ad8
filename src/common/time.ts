/** Server tables keep times as integer epoch milliseconds (same on SQLite and MySQL); the API speaks ISO-8601 UTC. */
export function toIso(ms: number | string | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return new Date(Number(ms)).toISOString();
}

export function nowMs(): number {
  return Date.now();
}

/** Shops keep Tashkent time (UTC+5, no daylight saving): a report's "day" is a Tashkent calendar day. */
export const STORE_UTC_OFFSET_MS = 5 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** `2026-11-25` → the UTC ms at which that store day starts. */
export function storeDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - STORE_UTC_OFFSET_MS;
}

/** The store day (YYYY-MM-DD) a UTC instant falls on. */
export function storeDayOf(ms: number): string {
  return new Date(ms + STORE_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days since the epoch in store time, the key SQL groups by. */
export function storeDayNumber(ms: number): number {
  return Math.floor((ms + STORE_UTC_OFFSET_MS) / DAY_MS);
}

export function dayNumberToDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export const STORE_DAY_MS = DAY_MS;

/** A register clock further off than this is shown to the cashier and the owner (a fiscal module refuses it). */
export const CLOCK_WARN_MS = 2 * 60_000;

/**
 * How far a register's clock is off, from its offset (server time − register time), or null while it is within
 * CLOCK_WARN_MS or unknown. `behind`: the server is ahead, so the register's clock is behind.
 */
export function clockOff(
  offsetMs: number | null | undefined,
): { behind: boolean; hours: number; minutes: number } | null {
  if (offsetMs === null || offsetMs === undefined || Math.abs(offsetMs) <= CLOCK_WARN_MS) return null;
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return { behind: offsetMs > 0, hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
