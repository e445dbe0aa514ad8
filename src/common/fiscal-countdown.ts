import { FISCAL_UNSENT_LIMIT_MS } from './limits.js';

/**
 * Time left before a register's fiscal module refuses sales because its oldest receipt has not reached the tax
 * server: FISCAL_UNSENT_LIMIT_MS after `oldestUnsentAt`. Null when nothing is unsent; negative once overdue.
 */
export function fiscalTimeLeftMs(oldestUnsentAt: string | null | undefined, now = Date.now()): number | null {
  if (!oldestUnsentAt) return null;
  const oldest = Date.parse(oldestUnsentAt);
  return Number.isFinite(oldest) ? oldest + FISCAL_UNSENT_LIMIT_MS - now : null;
}

/** Whole hours and minutes of a positive duration, rounded down (a countdown never promises more than is left). */
export function hoursAndMinutes(ms: number): { hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
