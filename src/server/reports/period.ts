import { AppError } from '../../common/errors.js';
import { storeDayOf, storeDayStart, STORE_DAY_MS } from '../../common/time.js';
import type { Period } from './queries.js';

/** A year is the longest range one request may ask for, so a typo cannot scan a decade of sales. */
const MAX_RANGE_DAYS = 366;

export function periodOf(
  tenantId: string,
  storeIds: string[],
  from?: string,
  to?: string,
  now = Date.now(),
): { period: Period; from: string; to: string } {
  const today = storeDayOf(now);
  const fromDay = from ?? to ?? today;
  const toDay = to ?? (from ? today : today);
  const fromMs = storeDayStart(fromDay);
  const toMs = storeDayStart(toDay) + STORE_DAY_MS;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs))
    throw new AppError('VALIDATION_FAILED', { params: { field: 'from', reason: 'not a date' } });
  if (toMs <= fromMs)
    throw new AppError('VALIDATION_FAILED', { params: { field: 'to', reason: 'before from' } });
  if (toMs - fromMs > MAX_RANGE_DAYS * STORE_DAY_MS)
    throw new AppError('VALIDATION_FAILED', {
      params: { field: 'to', reason: `at most ${MAX_RANGE_DAYS} days` },
    });
  return { period: { tenantId, storeIds, fromMs, toMs }, from: fromDay, to: toDay };
}
