// Imports name .js files: besides the panel's bundler, the node tests load this module.
import type { SalesReportQuery } from '../../common/protocol/reports.js';
import { STORE_DAY_MS, storeDayOf, storeDayStart } from '../../common/time.js';

/** Store calendar days (Asia/Tashkent) as YYYY-MM-DD, both ends included, as /reports expects. */
export interface DayRange {
  from: string;
  to: string;
}

/** What the range picker holds: while the owner picks, only the first end may be set. */
export type PickedRange = [string | null, string | null];

export type RangePreset = 'today' | 'yesterday' | 'week' | 'month';

/** Days are counted on the store's calendar, not the browser's: an owner abroad still sees Tashkent days. */
function shiftDay(day: string, days: number): string {
  return storeDayOf(storeDayStart(day) + days * STORE_DAY_MS);
}

export function presetRange(preset: RangePreset, now = Date.now()): DayRange {
  const today = storeDayOf(now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = shiftDay(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'week':
      return { from: shiftDay(today, -6), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/**
 * A range is asked for only once both ends are picked (the first click must not fire a one-day report);
 * ends picked backwards are put in order.
 */
export function rangeFromPicked([first, second]: PickedRange): DayRange | null {
  if (!first || !second) return null;
  return first <= second ? { from: first, to: second } : { from: second, to: first };
}

export function toPicked(range: DayRange): PickedRange {
  return [range.from, range.to];
}

export function salesReportPath(range: DayRange, groupBy: SalesReportQuery['groupBy']): string {
  return `/reports/sales?${new URLSearchParams({ from: range.from, to: range.to, groupBy }).toString()}`;
}

export function receiptsReportPath(range: DayRange): string {
  return `/reports/receipts?${new URLSearchParams({ from: range.from, to: range.to }).toString()}`;
}

export function shiftsReportPath(range: DayRange): string {
  return `/reports/shifts?${new URLSearchParams({ from: range.from, to: range.to }).toString()}`;
}

/** Every store day of the range in order, so a chart shows the days without sales as zero, not as a gap. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = shiftDay(day, 1)) days.push(day);
  return days;
}

/** `2026-11-25` → `25.11.2026`, the panel's date format; a store day has no time zone left to convert. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** File names of downloads: `sales-day-2026-11-01-2026-11-25.csv`. */
export function rangeSlug(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from}-${range.to}`;
}
