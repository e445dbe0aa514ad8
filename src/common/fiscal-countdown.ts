import { FISCAL_UNSENT_LIMIT_MS } from './limits.js';

/**
 * Time left before a register's fiscal module refuses sales because its oldest receipt has not reached the tax
 * server: the register's own limit (`blockAfterHours`, as it reports it) after `oldestUnsentAt`, or
 * FISCAL_UNSENT_LIMIT_MS for a register that does not report one. Null when nothing is unsent; negative once
 * overdue.
 */
export function fiscalTimeLeftMs(
  fiscal: { oldestUnsentAt: string | null; blockAfterHours?: number } | null | undefined,
  now = Date.now(),
): number | null {
  if (!fiscal?.oldestUnsentAt) return null;
  const oldest = Date.parse(fiscal.oldestUnsentAt);
  const limit = fiscal.blockAfterHours ? fiscal.blockAfterHours * 3_600_000 : FISCAL_UNSENT_LIMIT_MS;
  return Number.isFinite(oldest) ? oldest + limit - now : null;
}

/** Whole hours and minutes of a positive duration, rounded down (a countdown never promises more than is left). */
export function hoursAndMinutes(ms: number): { hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
