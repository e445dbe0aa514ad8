/** Display formats of the panel, the same in every language: `12 500 so‘m`, `1 250.500`, `dd.mm.yyyy`. */

import type { Lang } from '../common/i18n/index.js';
import type { Unit } from '../common/protocol/catalog.js';
import { STORE_UTC_OFFSET_MS } from '../common/time.js';

const pad = (n: number) => String(n).padStart(2, '0');

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** One spelling of the so‘m per panel language, the same as the i18n tables' `reports.currency`. */
const somByLanguage: Record<Lang, string> = { uz: 'so‘m', ru: 'сум', en: 'UZS' };
let som = somByLanguage.uz;

/** Called when the panel's language changes (amounts are formatted while rendering, after the switch). */
export function setMoneyLanguage(lang: Lang): void {
  som = somByLanguage[lang];
}

/** Money arrives in minor units (1 so‘m = 100 tiyin); tiyin are shown only when there are any. */
export function formatMoney(minor: number, currency = 'UZS'): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = groupThousands(String(Math.floor(abs / 100)));
  const cents = abs % 100;
  const amount = cents === 0 ? whole : `${whole},${pad(cents)}`;
  return `${sign}${amount} ${currency === 'UZS' ? som : currency}`;
}

/**
 * The store's wall clock (Asia/Tashkent, UTC+5, no daylight saving) for an ISO timestamp, whatever the browser's
 * zone: an owner abroad reads the times the shop lived, matching the store days the reports are cut by.
 */
function storeClock(iso: string): Date {
  return new Date(Date.parse(iso) + STORE_UTC_OFFSET_MS);
}

/** Store date of an ISO timestamp as dd.mm.yyyy; null stays null so callers choose the placeholder. */
export function formatDate(iso: string | null): string | null {
  if (iso === null) return null;
  const d = storeClock(iso);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

export function formatDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const d = storeClock(iso);
  return `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * A quantity in thousandths for its unit: pieces whole (`1 250`), weighed and poured goods always with three
 * decimals (`2.500`, `-0.250`), so a column of kilograms lines up.
 */
export function formatQuantity(qty: number, unit: Unit): string {
  const sign = qty < 0 ? '-' : '';
  const abs = Math.abs(qty);
  const whole = groupThousands(String(Math.floor(abs / 1000)));
  const fraction = abs % 1000;
  if (unit === 'pcs' && fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(3, '0')}`;
}
