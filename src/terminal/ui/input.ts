import { AppError } from '../../common/errors.js';
import { parseMoney, type Money } from '../../common/money.js';
import { parseQuantity, type Quantity } from '../../common/quantity.js';
import type { Discount } from '../sale/cart.js';
import { InputError } from './text.js';

/** What the cashier typed as an amount of so‘m → minor units; `allowNegative` for cash taken out. */
export function typedMoney(text: string, options: { allowNegative?: boolean } = {}): Money {
  const value = parseMoney(text);
  if (value === null || (value < 0 && !options.allowNegative)) {
    throw new InputError('ui.error.money', { text: text.trim() || '—' });
  }
  return value;
}

/** `2`, `1.250`, `0,5` → thousandths. */
export function typedQuantity(text: string): Quantity {
  const qty = parseQuantity(text);
  if (qty === null || qty <= 0)
    throw new AppError('INVALID_QUANTITY', { params: { qty: text.trim() || '—' } });
  return qty;
}

/** `10%` or `7.5 %` → a percentage in basis points; `5000` → an amount in so‘m; empty → no discount. */
export function typedDiscount(text: string): Discount | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '0') return null;
  const percent = /^(\d+(?:[.,]\d{1,2})?)\s*%$/.exec(trimmed);
  if (percent) return { percentBp: Math.round(Number(percent[1]!.replace(',', '.')) * 100) };
  const money = parseMoney(trimmed);
  if (money === null || money < 0) throw new AppError('INVALID_DISCOUNT', { params: { reason: trimmed } });
  return { amount: money };
}

export function typedReason(text: string): string {
  const reason = text.trim();
  if (!reason) throw new InputError('ui.error.reasonRequired');
  return reason;
}
