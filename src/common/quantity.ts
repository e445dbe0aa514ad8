/** Quantities are integer thousandths: 1 piece = 1000, 1.250 kg = 1250. Weighed goods need no floats. */
export type Quantity = number;

export const QTY_SCALE = 1000;

export function fromUnits(units: number): Quantity {
  return Math.round(units * QTY_SCALE);
}

/** `3` → 3000, `1.25` / `1,250` → 1250; at most three decimals. */
export function parseQuantity(text: string): Quantity | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,3})?$/.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  const qty = Number(whole) * QTY_SCALE + Number(fraction.padEnd(3, '0'));
  return Number.isSafeInteger(qty) ? qty : null;
}

/** 3000 → `3`, 1250 → `1.250` (weighed goods keep three decimals). */
export function formatQuantity(qty: Quantity): string {
  const sign = qty < 0 ? '-' : '';
  const abs = Math.abs(qty);
  const whole = Math.floor(abs / QTY_SCALE);
  const fraction = abs % QTY_SCALE;
  return fraction === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(fraction).padStart(3, '0')}`;
}

/** Price per unit × quantity in thousandths, rounded half up to a whole minor unit. */
export function lineAmount(unitPrice: number, qty: Quantity): number {
  const raw = (unitPrice * qty) / QTY_SCALE;
  return raw < 0 ? -Math.round(-raw) : Math.round(raw);
}
