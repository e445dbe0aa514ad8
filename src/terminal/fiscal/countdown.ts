/**
 * The FM stops selling once its oldest receipt not yet acknowledged by the tax server is too old: two days by
 * the specification, one day by some vendors, so 24 h unless the installer sets otherwise.
 */
export const DEFAULT_BLOCK_AFTER_HOURS = 24;

export type CountdownLevel = 'ok' | 'half' | 'threeQuarters' | 'blocked';

export interface Countdown {
  level: CountdownLevel;
  /** Milliseconds until the FM blocks; null when nothing waits to be sent. */
  leftMs: number | null;
}

export function countdown(
  oldestUnsentAt: string | null,
  now: number,
  blockAfterHours = DEFAULT_BLOCK_AFTER_HOURS,
): Countdown {
  if (!oldestUnsentAt) return { level: 'ok', leftMs: null };
  const limit = blockAfterHours * 3600_000;
  const waited = Math.max(0, now - Date.parse(oldestUnsentAt));
  const leftMs = Math.max(0, limit - waited);
  const level: CountdownLevel =
    waited >= limit
      ? 'blocked'
      : waited >= limit * 0.75
        ? 'threeQuarters'
        : waited >= limit / 2
          ? 'half'
          : 'ok';
  return { level, leftMs };
}

/** `5 h 20 min` style, for the status bar and `pos fiscal status`. */
export function formatLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
