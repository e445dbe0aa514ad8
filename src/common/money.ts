/**
 * Money is an integer count of minor units (UZS: tiyin, 100 per so‘m). Never a float.
 * Tiyin coins are out of use, so prices usually are whole so‘m; the display drops zero tiyin.
 */
export type Money = number;

export const MINOR_PER_MAJOR = 100;

export function isMoney(value: unknown): value is Money {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

const currencyLabels: Record<string, string> = { UZS: 'so‘m' };

/** `1250000` → `12 500 so‘m`; `-150` → `-1,50 so‘m`. Spaces group thousands as Uzbek receipts do. */
export function formatMoney(minor: Money, currency = 'UZS'): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / MINOR_PER_MAJOR);
  const cents = abs % MINOR_PER_MAJOR;
  const grouped = String(major).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const amount = cents === 0 ? grouped : `${grouped},${String(cents).padStart(2, '0')}`;
  return `${sign}${amount} ${currencyLabels[currency] ?? currency}`;
}

/** Parses what a person types: `12500`, `12 500`, `12500.50`, `12500,5` (major units) → minor units. */
export function parseMoney(text: string): Money | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [whole = '0', fraction = ''] = cleaned.replace('-', '').split('.');
  const minor = Number(whole) * MINOR_PER_MAJOR + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return negative ? -minor : minor;
}

/** Rounds half away from zero: the only rounding used for money (line totals, discounts, VAT). */
export function roundHalfUp(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/** VAT included in a gross amount at a rate in basis points (12% = 1200): gross × rate / (10000 + rate). */
export function vatIncluded(gross: Money, rateBp: number): Money {
  return rateBp <= 0 ? 0 : roundHalfUp((gross * rateBp) / (10_000 + rateBp));
}
