import { AppError } from '../../common/errors.js';
import { REGISTER_KEEP_DAYS } from '../../common/protocol/settings.js';
import type { Unit } from '../../common/protocol/catalog.js';
import type { SaleRefundedData } from '../../common/protocol/sync.js';
import { formatQuantity, QTY_SCALE } from '../../common/quantity.js';
import { fiscalReceiptOfRefund, queueFiscalDocument } from '../fiscal/service.js';
import {
  computeRefund,
  refundableLines,
  type RefundableLine,
  type RefundMethod,
  type RefundSelection,
} from '../sale/refund.js';
import { formatReceiptNo, parseReceiptNo } from '../sale/receipt-number.js';
import { prunedThrough } from '../store/queries/retention.js';
import { getProduct } from '../store/queries/catalog.js';
import { commitRefund, findSaleByReceipt, refundsOfSale, type StoredSale } from '../store/queries/sales.js';
import type { Cashier } from './cashier.js';
import { settingsOf, type RegisterContext } from './context.js';
import { assertDrawerHolds, drawerCash, requireOpenShift } from './shift.js';

/**
 * A sale of this register by its number, or by the digits at its end (`123` → `POS-01-000123`): the cashier reads
 * the last digits off the customer's receipt and types only those.
 */
export function findSale(ctx: RegisterContext, receiptNo: string): StoredSale {
  const typed = receiptNo.trim().toUpperCase();
  const seq = /^\d{1,9}$/.test(typed) ? Number(typed) : 0;
  const full = seq > 0 ? formatReceiptNo(ctx.identity.deviceName, seq) : typed;
  const sale = findSaleByReceipt(ctx.db, full);
  if (sale) return sale;
  if (wasMovedOff(ctx, full))
    throw new AppError('SALE_NOT_KEPT', {
      params: {
        receiptNo: full,
        days: settingsOf(ctx).registerKeepDays ?? REGISTER_KEEP_DAYS.default,
      },
    });
  throw new AppError('SALE_NOT_FOUND', { params: { receiptNo: full } });
}

/** A number of this register at or below the last sale moved off it: the server has it, this register no more. */
function wasMovedOff(ctx: RegisterContext, receiptNo: string): boolean {
  const through = prunedThrough(ctx.db);
  const wanted = parseReceiptNo(receiptNo);
  const last = through ? parseReceiptNo(through) : null;
  return (
    wanted !== null &&
    last !== null &&
    wanted.kind === 'sale' &&
    wanted.device === last.device &&
    wanted.seq <= last.seq
  );
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

export interface RefundPreview {
  /** Lines, payments and total as the refund would store them (its number is given at the commit). */
  data: SaleRefundedData;
  names: string[];
  /** The sale was paid (partly) by card or QR: the cashier may choose between that and cash. */
  choice: boolean;
  /** Cash the drawer should hold now: a cash refund above it is refused. */
  drawer: number;
}

/** What the refund confirmation shows before anything is written; errors (more than left) are thrown here. */
export function previewRefund(
  ctx: RegisterContext,
  input: { receiptNo: string; selection: RefundSelection; method: RefundMethod },
): RefundPreview {
  const shift = requireOpenShift(ctx);
  const sale = findSale(ctx, input.receiptNo);
  checkRefundQuantities(ctx, sale, input.selection);
  const data = computeRefund(
    sale.data,
    refundsOfSale(ctx.db, sale.id),
    input.selection,
    { refundNo: '-', saleId: sale.id },
    settingsOf(ctx).cashRounding,
    input.method,
  );
  const names = data.lines.map(
    (line) => sale.data.lines.find((l) => l.productId === line.productId)?.name ?? line.productId,
  );
  const choice = sale.data.payments.some((p) => p.method !== 'cash');
  return { data, names, choice, drawer: drawerCash(ctx, shift.id) };
}

/**
 * Refund of a sale this register made (offline too): whole or chosen lines, never more than is left.
 * Committed with its outbox event in one transaction.
 */
export function refundSale(
  ctx: RegisterContext,
  input: {
    receiptNo: string;
    selection: RefundSelection;
    cashier: Cashier;
    reason?: string;
    method?: RefundMethod;
  },
): {
  refundId: string;
  refundNo: string;
  occurredAt: string;
  data: SaleRefundedData;
  sale: StoredSale;
  fiscal: boolean;
} {
  const shift = requireOpenShift(ctx);
  const sale = findSale(ctx, input.receiptNo);
  checkRefundQuantities(ctx, sale, input.selection);
  const occurredAt = new Date().toISOString();
  let fiscal = false;
  const committed = commitRefund(ctx.db, {
    deviceName: ctx.identity.deviceName,
    occurredAt,
    build: (refundNo) => {
      const data = computeRefund(
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
        input.method,
      );
      // Cash handed back comes out of this drawer: not more than it holds.
      const cash = data.payments.filter((p) => p.method === 'cash').reduce((sum, p) => sum + p.amount, 0);
      if (cash > 0) assertDrawerHolds(ctx, shift.id, cash);
      return data;
    },
    // On a fiscal register the refund quotes the original's fiscal result and goes to the FM after the commit.
    within: (refundId, data) => {
      const receipt = fiscalReceiptOfRefund(ctx, data, sale);
      if (!receipt) return;
      queueFiscalDocument(ctx.db, { docId: refundId, kind: 'refund', receipt });
      fiscal = true;
    },
  });
  return { ...committed, occurredAt, sale, fiscal };
}
