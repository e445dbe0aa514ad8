import { AppError } from '../../common/errors.js';
import { REGISTER_KEEP_DAYS } from '../../common/protocol/settings.js';
import type { Unit } from '../../common/protocol/catalog.js';
import type { SaleRefundedData } from '../../common/protocol/sync.js';
import { formatQuantity, QTY_SCALE } from '../../common/quantity.js';
import {
  fiscalReceiptOfRefund,
  lastFiscalStatus,
  localOriginalFiscal,
  queueFiscalDocument,
  readFiscalConfig,
  type OriginalFiscal,
} from '../fiscal/service.js';
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
import {
  commitRefund,
  findSaleByReceipt,
  insertRefundOriginal,
  receiptPrefix,
  refundRowsOfSale,
  type StoredSale,
} from '../store/queries/sales.js';
import type { Cashier } from './cashier.js';
import { settingsOf, type RegisterContext } from './context.js';
import { assertDrawerHolds, drawerCash, requireOpenShift } from './shift.js';

/**
 * A sale of this register by its number, or by the digits at its end (`123` → `POS-01-000123`): the cashier reads
 * the last digits off the customer's receipt and types only those.
 */
export function findSale(ctx: RegisterContext, receiptNo: string): StoredSale {
  const full = localReceiptNo(ctx, receiptNo);
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

/**
 * The full number of a sale of this register that was moved off it (older than the store keeps on registers), as
 * typed (`123` or `POS-01-000123`); null for anything else. Such a sale is refunded through the server.
 */
export function movedOffReceipt(ctx: RegisterContext, receiptNo: string): string | null {
  const full = localReceiptNo(ctx, receiptNo);
  return wasMovedOff(ctx, full) ? full : null;
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

/** What the cashier typed as this register's receipt number: `123` → `POS-01-000123`. */
function localReceiptNo(ctx: RegisterContext, receiptNo: string): string {
  const typed = receiptNo.trim().toUpperCase();
  const seq = /^\d{1,9}$/.test(typed) ? Number(typed) : 0;
  return seq > 0 ? formatReceiptNo(receiptPrefix(ctx.identity.deviceName), seq) : typed;
}

/**
 * The sale a refund takes back: one of this register's (in `pos.sqlite`), or one another register of the store
 * made, looked up on the server (then `register` names that register and `serverRefunds` are the refunds of it
 * every register had synced when it was looked up).
 */
export interface RefundOriginal {
  sale: StoredSale;
  /** The register that made the sale; null when it was this one. */
  register: string | null;
  /** The sale's fiscal result; null when it has none (a store without fiscalisation, or not signed yet). */
  fiscal: OriginalFiscal | null;
  /** The register whose FM signed the sale, as the server last heard (FMs move between PCs). */
  fmHeldBy: string | null;
  serverRefunds: ReadonlyArray<{ id: string; data: SaleRefundedData }> | null;
}

/** A sale of this register as a refund's original; null when this register did not make it. */
export function localOriginal(ctx: RegisterContext, receiptNo: string): RefundOriginal | null {
  const sale = findSaleByReceipt(ctx.db, localReceiptNo(ctx, receiptNo));
  if (!sale) return null;
  return {
    sale,
    register: null,
    fiscal: localOriginalFiscal(ctx, sale.id),
    fmHeldBy: ctx.identity.deviceName,
    serverRefunds: null,
  };
}

/**
 * Every refund of the sale known here: this register's own, and for a sale of another register also those the
 * server held when it was looked up (by id, so a refund of this register already synced counts once).
 */
export function earlierRefunds(ctx: RegisterContext, original: RefundOriginal): SaleRefundedData[] {
  const own = refundRowsOfSale(ctx.db, original.sale.id);
  if (!original.serverRefunds) return own.map((r) => r.data);
  const known = new Set(original.serverRefunds.map((r) => r.id));
  return [
    ...original.serverRefunds.map((r) => r.data),
    ...own.filter((r) => !known.has(r.id)).map((r) => r.data),
  ];
}

/**
 * A fiscal refund goes through the FM that signed the sale, quoting it (`RefundInfo`): refused here, before any
 * money leaves, when this register's FM is another one. Compared by the FM, not the register, as FMs move.
 */
export function assertSameFm(ctx: RegisterContext, original: RefundOriginal): void {
  if (!original.fiscal || !readFiscalConfig(ctx)) return;
  const own = lastFiscalStatus(ctx)?.terminalId;
  if (own === undefined || own === original.fiscal.terminalId) return;
  throw new AppError('FISCAL_REFUND_OTHER_FM', {
    params: {
      receiptNo: original.sale.receiptNo,
      terminalId: original.fiscal.terminalId,
      own,
      register: original.fmHeldBy ?? original.register ?? ctx.identity.deviceName,
    },
  });
}

/** A refund names its original by the receipt number (this register's sales) or as looked up. */
export type OriginalRef = { receiptNo: string } | { original: RefundOriginal };

function originalOf(ctx: RegisterContext, ref: OriginalRef): RefundOriginal {
  if ('original' in ref) return ref.original;
  const found = localOriginal(ctx, ref.receiptNo);
  if (!found)
    throw new AppError('SALE_NOT_FOUND', { params: { receiptNo: localReceiptNo(ctx, ref.receiptNo) } });
  return found;
}

export interface RefundOption extends RefundableLine {
  /** From the local catalog; null when the product is no longer in it (then any quantity up to what is left). */
  unit: Unit | null;
}

export function refundOptions(
  ctx: RegisterContext,
  ref: string | RefundOriginal,
): { sale: StoredSale; original: RefundOriginal; lines: RefundOption[] } {
  const original = originalOf(ctx, typeof ref === 'string' ? { receiptNo: ref } : { original: ref });
  const sale = original.sale;
  return {
    sale,
    original,
    lines: refundableLines(sale.data, earlierRefunds(ctx, original)).map((line) => ({
      ...line,
      unit: getProduct(ctx.db, line.productId)?.unit ?? sale.data.lines[line.lineIndex]?.unit ?? null,
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
  input: OriginalRef & { selection: RefundSelection; method: RefundMethod },
): RefundPreview {
  const shift = requireOpenShift(ctx);
  const original = originalOf(ctx, input);
  const sale = original.sale;
  assertSameFm(ctx, original);
  checkRefundQuantities(ctx, sale, input.selection);
  const data = computeRefund(
    sale.data,
    earlierRefunds(ctx, original),
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
 * Refund of a sale this register made (offline too), or of one another register of the store made (looked up
 * with `lookUpOriginal`): whole or chosen lines, never more than is left by every register's refunds known here.
 * Committed with its outbox event and the original as it was quoted, in one transaction.
 */
export function refundSale(
  ctx: RegisterContext,
  input: OriginalRef & {
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
  const original = originalOf(ctx, input);
  const sale = original.sale;
  // Before anything is written: no money leaves for a refund its FM could not sign.
  assertSameFm(ctx, original);
  checkRefundQuantities(ctx, sale, input.selection);
  const occurredAt = new Date().toISOString();
  let fiscal = false;
  const earlier = earlierRefunds(ctx, original);
  const committed = commitRefund(ctx.db, {
    deviceName: ctx.identity.deviceName,
    occurredAt,
    build: (refundNo) => {
      const data = computeRefund(
        sale.data,
        earlier,
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
      insertRefundOriginal(ctx.db, {
        refundId,
        saleId: sale.id,
        receiptNo: sale.receiptNo,
        register: original.register,
        saleOccurredAt: sale.occurredAt,
        saleData: sale.data,
        fiscal: original.fiscal,
      });
      const receipt = fiscalReceiptOfRefund(ctx, data, {
        ...sale,
        fiscal: original.fiscal,
        register: original.register,
        earlier,
      });
      if (!receipt) return;
      queueFiscalDocument(ctx.db, { docId: refundId, kind: 'refund', receipt });
      fiscal = true;
    },
  });
  return { ...committed, occurredAt, sale, fiscal };
}
