import { AppError } from '../../common/errors.js';
import type { Money } from '../../common/money.js';
import { priceRefund, spread, type LineValues } from '../../common/money-rule.js';
import {
  saleRefundedData,
  type RefundLine,
  type SaleCompletedData,
  type SaleLine,
  type SaleRefundedData,
} from '../../common/protocol/sync.js';
import { formatQuantity, type Quantity } from '../../common/quantity.js';

/** The whole sale (what is left of it), or chosen lines of it; a line without `qty` means all that is left. */
export type RefundSelection = { whole: true } | { lines: readonly { lineIndex: number; qty?: Quantity }[] };

/**
 * Where the money goes: `original` gives card and QR parts back to them (cash for the rest), `cash` pays all of it
 * from the drawer (a customer whose card is not at hand), rounded to the store's coin like any cash.
 */
export type RefundMethod = 'original' | 'cash';

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
  /** The sold lines' stored values, summed (a product on several lines is one pool). */
  sold: Omit<LineValues, 'vat'>;
  refundedQty: Quantity;
}

/**
 * Refund rules.
 * - Refunds speak of products (the protocol's refund lines carry a productId, not a line number), so a product
 *   sold on several lines (scale labels) is one pool: its quantities and stored values summed.
 * - The values of each refunded line come from the stored sale lines by the money rule (`priceRefund`):
 *   in proportion to the quantity, cumulative over earlier refunds, so refunding everything in pieces returns
 *   each line's total; the cash part is rounded down to the store's coin like a sale's.
 * - Money goes back the way it came: to the card or QR account first (up to what each method paid less earlier
 *   refunds to it), cash for the rest. Refunding a card sale in cash would be a cash advance from the drawer.
 * - Refusing more than sold (less earlier refunds): REFUND_OVER_SOLD.
 */
export function computeRefund(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
  selection: RefundSelection,
  meta: RefundMeta,
  cashRounding = 0,
  method: RefundMethod = 'original',
): SaleRefundedData {
  const pools = productPools(sale, previous);
  const requested = requestedByProduct(sale, pools, selection);

  const wanted: { pool: ProductPool; qty: Quantity }[] = [];
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
    wanted.push({ pool, qty });
  }
  if (wanted.length === 0) {
    const first = sale.lines[0];
    throw new AppError('REFUND_OVER_SOLD', { params: { name: first?.name ?? '', left: '0' } });
  }

  const values = priceRefund({
    lines: wanted.map(({ pool, qty }) => ({ sold: pool.sold, refundedQty: pool.refundedQty, qty })),
    refundable: method === 'cash' ? [] : refundableByMethod(sale, previous),
    cashRounding,
  });
  const lines: RefundLine[] = values.lines.map((v, i) => ({
    productId: wanted[i]?.pool.productId ?? '',
    ...v,
  }));
  const data: SaleRefundedData = {
    refundNo: meta.refundNo,
    saleId: meta.saleId,
    lines,
    payments: values.payments.map((p) => withCardOf(sale, p)),
    total: values.total,
  };
  if (values.rounding > 0) data.rounding = values.rounding;
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

/** Per card/QR method of the sale, in its order: what it paid less what earlier refunds gave back to it. */
function refundableByMethod(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
): { method: 'card' | 'qr'; amount: Money }[] {
  const methods = [...new Set(sale.payments.map((p) => p.method))].filter(
    (m): m is 'card' | 'qr' => m !== 'cash',
  );
  return methods.map((method) => {
    const paid = sum(sale.payments.filter((p) => p.method === method).map((p) => p.amount));
    const refunded = sum(
      previous
        .flatMap((r) => r.payments)
        .filter((p) => p.method === method)
        .map((p) => p.amount),
    );
    return { method, amount: Math.max(0, paid - refunded) };
  });
}

/** A card or QR refund names the card type (or provider) and reference of the sale's payment by that method. */
function withCardOf(
  sale: SaleCompletedData,
  payment: { method: 'cash' | 'card' | 'qr'; amount: Money },
): SaleRefundedData['payments'][number] {
  const paid = sale.payments.find((p) => p.method === payment.method);
  if (payment.method === 'cash' || !paid) return payment;
  return {
    ...payment,
    ...(paid.cardType ? { cardType: paid.cardType } : {}),
    ...(paid.reference ? { reference: paid.reference } : {}),
  };
}

/** A sold line's stored values; a sale stored before the money rule lacks `gross` and `unit`. */
export function storedValues(line: SaleLine): Omit<LineValues, 'vat'> {
  const values: Omit<LineValues, 'vat'> = {
    qty: line.qty,
    gross: line.gross ?? line.total + line.discount,
    discount: line.discount,
    total: line.total,
    vatRate: line.vatRate,
    unit: line.unit ?? 'pcs',
  };
  if (line.packageCode) values.packageCode = line.packageCode;
  if (line.mxik) values.mxik = line.mxik;
  return values;
}

/**
 * The sale's lines as the money rule stores them. A sale stored before the rule kept its cash rounding down
 * apart from the lines (total < Σ lines): it is spread over them here as the rule would have, so a refund
 * never gives back more than was paid.
 */
function soldValues(sale: SaleCompletedData): Omit<LineValues, 'vat'>[] {
  const values = sale.lines.map(storedValues);
  const kept = values.reduce((a, v) => a + v.total, 0) - sale.total;
  if (sale.rounding !== undefined || kept <= 0) return values;
  const shares = spread(
    kept,
    values.map((v) => v.total),
  );
  return values.map((v, i) => ({
    ...v,
    discount: v.discount + (shares[i] ?? 0),
    total: v.total - (shares[i] ?? 0),
  }));
}

function productPools(
  sale: SaleCompletedData,
  previous: readonly SaleRefundedData[],
): Map<string, ProductPool> {
  const pools = new Map<string, ProductPool>();
  const sold = soldValues(sale);
  for (const [index, line] of sale.lines.entries()) {
    const values = sold[index] ?? storedValues(line);
    const pool = pools.get(line.productId);
    if (!pool) {
      pools.set(line.productId, {
        productId: line.productId,
        name: line.name,
        soldQty: line.qty,
        sold: values,
        refundedQty: 0,
      });
      continue;
    }
    pool.soldQty += line.qty;
    pool.sold = {
      ...pool.sold,
      qty: pool.sold.qty + values.qty,
      gross: pool.sold.gross + values.gross,
      discount: pool.sold.discount + values.discount,
      total: pool.sold.total + values.total,
    };
  }
  for (const refund of previous) {
    for (const line of refund.lines) {
      const pool = pools.get(line.productId);
      if (pool) pool.refundedQty += line.qty;
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

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
