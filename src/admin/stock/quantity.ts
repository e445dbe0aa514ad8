import type { StockAdjustmentBody, StockReceiptBody, Unit } from '../../common/protocol/catalog.js';
import { parseQuantity, QTY_SCALE, type Quantity } from '../../common/quantity.js';

export type QuantityProblem = 'quantity' | 'wholeUnits' | 'positive';

/**
 * What the owner types in a stock dialog → thousandths: `12`, `1,250` (kg, l: up to three decimals). Pieces
 * are counted whole, so `1,5` of a piece product is refused here rather than stored as half a bottle.
 */
export function parseStockQuantity(
  text: string,
  unit: Unit,
  { allowZero }: { allowZero: boolean },
): { qty: Quantity } | { problem: QuantityProblem } {
  const qty = parseQuantity(text.replace(/[\s\u00a0]/g, ''));
  if (qty === null || qty > 1e12) return { problem: 'quantity' };
  if (unit === 'pcs' && qty % QTY_SCALE !== 0) return { problem: 'wholeUnits' };
  if (qty === 0 && !allowZero) return { problem: 'positive' };
  return { qty };
}

/** "Receive": one line for this product; an empty note is left out. */
export function receiptBody(productId: string, qty: Quantity, note: string): StockReceiptBody {
  return { lines: [{ productId, qty }], ...(note.trim() ? { note: note.trim() } : {}) };
}

/** "Count": the level becomes what was counted; the server books the difference with this reason. */
export function countBody(productId: string, countedQty: Quantity, reason: string): StockAdjustmentBody {
  return { productId, countedQty, reason: reason.trim() };
}
