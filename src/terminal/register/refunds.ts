import { AppError } from '../../common/errors.js';
import type { Unit } from '../../common/protocol/catalog.js';
import type { SaleRefundedData } from '../../common/protocol/sync.js';
import { formatQuantity, QTY_SCALE } from '../../common/quantity.js';
import { computeRefund, refundableLines, type RefundableLine, type RefundSelection } from '../sale/refund.js';
import { getProduct } from '../store/queries/catalog.js';
import { commitRefund, findSaleByReceipt, refundsOfSale, type StoredSale } from '../store/queries/sales.js';
import type { Cashier } from './cashier.js';
import { settingsOf, type RegisterContext } from './context.js';
import { requireOpenShift } from './shift.js';

export function findSale(ctx: RegisterContext, receiptNo: string): StoredSale {
  const sale = findSaleByReceipt(ctx.db, receiptNo.trim().toUpperCase());
  if (!sale) throw new AppError('SALE_NOT_FOUND', { params: { receiptNo } });
  return sale;
}

export interface RefundOption extends RefundableLine {
  /** From the local catalog; null when the product is no longer in it (then any quantity up to what is left). */
  unit: Unit | null;
}

export function refundOptions(
  ctx: RegisterContext,
  receiptNo: string,
): { sale: StoredSale; lines: RefundOption[] } {
  const sale = findSale(ctx, receiptNo);
  return {
    sale,
    lines: refundableLines(sale.data, refundsOfSale(ctx.db, sale.id)).map((line) => ({
      ...line,
      unit: getProduct(ctx.db, line.productId)?.unit ?? null,
    })),
  };
}

/** Pieces go back whole; kilograms and litres to the gram or millilitre (three decimals). */
function checkRefundQuantities(ctx: RegisterContext, sale: StoredSale, selection: RefundSelection): void {
  if ('whole' in selection) return;
  for (const { lineIndex, qty } of selection.lines) {
    const line = sale.data.lines[lineIndex];
    if (!line || qty === undefined) continue;
    if (getProduct(ctx.db, line.productId)?.unit === 'pcs' && qty % QTY_SCALE !== 0) {
      throw new AppError('INVALID_QUANTITY', { params: { qty: formatQuantity(qty) } });
    }
  }
}

/**
 * Refund of a sale this register made (offline too): whole or chosen lines, never more than is left.
 * Committed with its outbox event in one transaction.
 */
export function refundSale(
  ctx: RegisterContext,
  input: { receiptNo: string; selection: RefundSelection; cashier: Cashier; reason?: string },
): { refundId: string; refundNo: string; occurredAt: string; data: SaleRefundedData; sale: StoredSale } {
  const shift = requireOpenShift(ctx);
  const sale = findSale(ctx, input.receiptNo);
  checkRefundQuantities(ctx, sale, input.selection);
  const occurredAt = new Date().toISOString();
  const committed = commitRefund(ctx.db, {
    deviceName: ctx.identity.deviceName,
    occurredAt,
    build: (refundNo) =>
      computeRefund(
        sale.data,
        refundsOfSale(ctx.db, sale.id),
        input.selection,
        {
          refundNo,
          saleId: sale.id,
          shiftId: shift.id,
          cashierId: input.cashier.id,
          reason: input.reason,
        },
        settingsOf(ctx).cashRounding,
      ),
  });
  return { ...committed, occurredAt, sale };
}
