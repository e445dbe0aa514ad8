import { AppError } from '../../common/errors.js';
import type { Money } from '../../common/money.js';
import {
  saleRefundedData,
  type SaleCompletedData,
  type SaleRefundedData,
} from '../../common/protocol/sync.js';
import { formatQuantity, type Quantity } from '../../common/quantity.js';

/** The whole sale (what is left of it), or chosen lines of it; a line without `qty` means all that is left. */
export type RefundSelection = { whole: true } | { lines: readonly { lineIndex: number; qty?: Quantity }[] };

export interface RefundMeta {
  refundNo: string;
  /** The id of the sale's `sale.completed` event. */
  saleId: string;
  shiftId?: string;
  cashierId?: string;
  reason?: string;
}

export interface RefundableLine {
  lineIndex: number;
  productId: string;
  name: string;
  sold: Quantity;
  /** What can still be refunded of this line. */
  left: Quantity;
}

interface ProductPool {
  productId: string;
  name: string;
  soldQty: Quantity;
  soldTotal: Money;
  refundedQty: Quantity;
  refundedTotal: Money;
}

/**
 * Refund rules.
 * - Refunds speak of products (the protocol's refund lines carry a productId, not a line number), so a product
 *   sold on several lines (scale labels) is one pool: its quantities and totals summed.
 * - Money back is pro-rata to what the customer paid for the line after all discounts: the amount for the
 *   cumulative refunded quantity c is round(soldTotal × c / soldQty), less what earlier refunds gave back. Each
 *   refund is a whole number of minor units, and refunding everything in pieces returns exactly the line total.
 * - The refund that completes a sale returns sale.total less earlier refunds, so cash rounding of the sale is
 *   given back too and refunds of a sale never sum to more than was paid.
 * - Refusing more than sold (less earlier refunds): REFUND_OVER_SOLD.
 */
export function computeRefund(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
  selection: RefundSelection,
  meta: RefundMeta,
): SaleRefundedData {
  const pools = productPools(sale, previous);
  const requested = requestedByProduct(sale, pools, selection);

  const lines: SaleRefundedData['lines'] = [];
  for (const [productId, qty] of requested) {
    const pool = pools.get(productId);
    if (!pool || qty === 0) continue;
    const left = pool.soldQty - pool.refundedQty;
    if (qty > left) {
      throw new AppError('REFUND_OVER_SOLD', {
        params: { name: pool.name, left: formatQuantity(Math.max(0, left)) },
        details: { productId, sold: pool.soldQty, refunded: pool.refundedQty, requested: qty },
      });
    }
    const total = Math.max(0, amountAt(pool, pool.refundedQty + qty) - pool.refundedTotal);
    lines.push({ productId, qty, total });
  }
  if (lines.length === 0) {
    const first = sale.lines[0];
    throw new AppError('REFUND_OVER_SOLD', { params: { name: first?.name ?? '', left: '0' } });
  }

  const previousTotal = sum(previous.map((r) => r.total));
  const completes = [...pools.values()].every(
    (pool) => pool.refundedQty + (requested.get(pool.productId) ?? 0) === pool.soldQty,
  );
  const total = completes ? Math.max(0, sale.total - previousTotal) : sum(lines.map((l) => l.total));

  const data: SaleRefundedData = {
    refundNo: meta.refundNo,
    saleId: meta.saleId,
    lines,
    payments: refundPayments(sale, previous, total),
    total,
  };
  if (meta.shiftId) data.shiftId = meta.shiftId;
  if (meta.cashierId) data.cashierId = meta.cashierId;
  if (meta.reason) data.reason = meta.reason;
  return saleRefundedData.parse(data);
}

/** What the refund screen offers: each sale line with what is left of it to refund. */
export function refundableLines(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
): RefundableLine[] {
  const pools = productPools(sale, previous);
  // Earlier refunds of a pooled product are taken from its lines in order.
  const taken = new Map<string, Quantity>();
  return sale.lines.map((line, lineIndex) => {
    const pool = pools.get(line.productId);
    const refundedBefore = taken.get(line.productId) ?? 0;
    const fromThisLine = Math.min(line.qty, Math.max(0, (pool?.refundedQty ?? 0) - refundedBefore));
    taken.set(line.productId, refundedBefore + fromThisLine);
    return {
      lineIndex,
      productId: line.productId,
      name: line.name,
      sold: line.qty,
      left: line.qty - fromThisLine,
    };
  });
}

/**
 * Money goes back the way it came: to the card or QR account first (up to what each method paid less earlier
 * refunds to it), cash for the rest. Refunding a card sale in cash would be a cash advance from the drawer.
 */
function refundPayments(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
  total: Money,
): SaleRefundedData['payments'] {
  const payments: SaleRefundedData['payments'] = [];
  let remaining = total;
  const methods = [...new Set(sale.payments.map((p) => p.method))].filter((m) => m !== 'cash');
  for (const method of methods) {
    const paid = sum(sale.payments.filter((p) => p.method === method).map((p) => p.amount));
    const refunded = sum(
      previous
        .flatMap((r) => r.payments)
        .filter((p) => p.method === method)
        .map((p) => p.amount),
    );
    const amount = Math.min(remaining, Math.max(0, paid - refunded));
    if (amount > 0) payments.push({ method, amount });
    remaining -= amount;
  }
  if (remaining > 0 || payments.length === 0) payments.push({ method: 'cash', amount: remaining });
  return payments;
}

function productPools(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
): Map<string, ProductPool> {
  const pools = new Map<string, ProductPool>();
  for (const line of sale.lines) {
    const pool = pools.get(line.productId) ?? {
      productId: line.productId,
      name: line.name,
      soldQty: 0,
      soldTotal: 0,
      refundedQty: 0,
      refundedTotal: 0,
    };
    pool.soldQty += line.qty;
    pool.soldTotal += line.total;
    pools.set(line.productId, pool);
  }
  for (const refund of previous) {
    for (const line of refund.lines) {
      const pool = pools.get(line.productId);
      if (!pool) continue;
      pool.refundedQty += line.qty;
      pool.refundedTotal += line.total;
    }
  }
  return pools;
}

function requestedByProduct(
  sale: SaleCompletedData,
  pools: Map<string, ProductPool>,
  selection: RefundSelection,
): Map<string, Quantity> {
  const requested = new Map<string, Quantity>();
  if ('whole' in selection) {
    for (const pool of pools.values())
      requested.set(pool.productId, Math.max(0, pool.soldQty - pool.refundedQty));
    return requested;
  }
  for (const { lineIndex, qty } of selection.lines) {
    const line = Number.isInteger(lineIndex) ? sale.lines[lineIndex] : undefined;
    if (!line) throw new AppError('LINE_NOT_FOUND', { params: { line: lineIndex + 1 } });
    const pool = pools.get(line.productId);
    const already = requested.get(line.productId) ?? 0;
    const wanted =
      qty ?? Math.min(line.qty, Math.max(0, (pool?.soldQty ?? 0) - (pool?.refundedQty ?? 0) - already));
    if (!Number.isSafeInteger(wanted) || wanted < 0 || (qty !== undefined && wanted === 0)) {
      throw new AppError('INVALID_QUANTITY', { params: { qty: String(qty) } });
    }
    requested.set(line.productId, already + wanted);
  }
  return requested;
}

/** round(soldTotal × qty / soldQty), half up, exact in BigInt (the product can pass 2^53). */
function amountAt(pool: ProductPool, qty: Quantity): Money {
  if (qty >= pool.soldQty) return pool.soldTotal;
  const numerator = 2n * BigInt(pool.soldTotal) * BigInt(qty) + BigInt(pool.soldQty);
  return Number(numerator / (2n * BigInt(pool.soldQty)));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
