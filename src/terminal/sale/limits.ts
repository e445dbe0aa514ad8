import { AppError } from '../../common/errors.js';
import {
  MAX_LINE_QTY,
  MAX_LINE_TOTAL,
  MAX_SALE_LINES,
  MAX_SALE_TOTAL,
  MAX_UNIT_PRICE,
} from '../../common/limits.js';
import { formatMoney } from '../../common/money.js';
import { formatQuantity, QTY_SCALE } from '../../common/quantity.js';
import type { CartLine, CartState } from './cart.js';

/**
 * A line's gross amount computed exactly: at the bounds price × quantity passes 2^53, where float arithmetic
 * would silently round (and the cart's totals would break), so it is checked in BigInt before anything adds it up.
 */
function exactGross(line: CartLine): bigint {
  if (line.labelPrice !== null) return BigInt(line.labelPrice);
  const raw = BigInt(line.product.unitPrice) * BigInt(line.qty);
  const scale = BigInt(QTY_SCALE);
  return (raw + scale / 2n) / scale;
}

/**
 * Refuses a cart beyond the shared bounds of src/common/limits.ts (what the server would refuse in the sale
 * event): a quantity, a unit price, a line's amount before discounts, the sale's amount, the number of lines.
 * Called on every change, so the cashier hears of it at the scan or the typed quantity, not at payment.
 */
export function checkCartLimits(cart: CartState): void {
  if (cart.lines.length > MAX_SALE_LINES)
    throw new AppError('SALE_TOO_MANY_LINES', { params: { max: MAX_SALE_LINES } });
  let sum = 0n;
  for (const line of cart.lines) {
    if (line.qty > MAX_LINE_QTY)
      throw new AppError('QUANTITY_TOO_LARGE', {
        params: { qty: formatQuantity(line.qty), max: formatQuantity(MAX_LINE_QTY) },
      });
    if (line.product.unitPrice > MAX_UNIT_PRICE)
      throw new AppError('PRICE_TOO_LARGE', { params: { max: formatMoney(MAX_UNIT_PRICE) } });
    const gross = exactGross(line);
    if (gross > BigInt(MAX_LINE_TOTAL))
      throw new AppError('LINE_TOTAL_TOO_LARGE', {
        params: { name: line.product.name, max: formatMoney(MAX_LINE_TOTAL) },
      });
    sum += gross;
  }
  // Discounts only lower the total, so the sum of gross amounts bounds it.
  if (sum > BigInt(MAX_SALE_TOTAL))
    throw new AppError('SALE_TOTAL_TOO_LARGE', { params: { max: formatMoney(MAX_SALE_TOTAL) } });
}
