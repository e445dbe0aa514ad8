import type { Knex } from 'knex';
import { vatOf } from '../../common/money-rule.js';
import type { SyncEvent } from '../../common/protocol/sync.js';
import { productsByIds } from '../catalog/service.js';
import type { Db } from '../db/connection.js';
import { applyStockMoves, type StockMove } from '../stock/service.js';
import { cashiersForPull } from '../users/people.js';
import { checkEvents as checkBatch, type Verdict } from './checks.js';
import { dailySumsOf } from './daily.js';
import {
  addDailySums,
  findShiftIds,
  insertEffects,
  lockSales,
  refundBases,
  saleLineRates,
  type EffectRows,
  type RefundBasis,
} from './queries.js';

export interface EventOrigin {
  tenantId: string;
  storeId: string;
  deviceId: string;
  receivedAt: number;
}

/** What the checks looked up, reused when the rows are built. */
export interface EventLookups {
  productVat: Map<string, number>;
  saleLineVat: Map<string, number>;
  /** Shifts already on the server among those the events name. */
  shifts: Set<string>;
  /** Cashiers of the tenant among those the events name: id → active. */
  cashiers: Map<string, boolean>;
  refundBases: Map<string, RefundBasis>;
}

/**
 * What the checks need from the database, in one round of parallel reads. It may be given more events than are
 * then checked (a resent batch is looked up while its stored outcomes are read): the facts stay true for a subset.
 */
export async function lookupEvents(
  knex: Knex,
  origin: EventOrigin,
  events: readonly SyncEvent[],
): Promise<EventLookups> {
  const productIds = new Set<string>();
  const shiftIds = new Set<string>();
  const cashierIds = new Set<string>();
  const refundedSales = new Set<string>();
  for (const e of events) {
    if (e.type === 'sale.completed' || e.type === 'sale.refunded')
      for (const line of e.data.lines) productIds.add(line.productId);
    if ('shiftId' in e.data && e.data.shiftId) shiftIds.add(e.data.shiftId);
    if ('cashierId' in e.data && e.data.cashierId) cashierIds.add(e.data.cashierId);
    if (e.type === 'sale.refunded') refundedSales.add(e.data.saleId);
  }
  const [products, shifts, saleLineVat, cashiers, refundBasesFound] = await Promise.all([
    productsByIds(knex, origin.tenantId, [...productIds]),
    findShiftIds(knex, origin.tenantId, [...shiftIds]),
    saleLineRates(knex, origin.tenantId, [...refundedSales]),
    cashiersForPull(knex, origin.tenantId, [...cashierIds]),
    refundBases(knex, origin.tenantId, [...refundedSales]),
  ]);
  return {
    productVat: new Map(products.map((p) => [p.id, p.vatRate])),
    saleLineVat,
    shifts,
    cashiers: new Map([...cashiers].map(([id, c]) => [id, c.active])),
    refundBases: refundBasesFound,
  };
}

/** The bank's checks (sales/checks.ts) over what was looked up for this register's store. */
export function checkEvents(
  events: readonly SyncEvent[],
  origin: EventOrigin,
  lookups: EventLookups,
): Map<string, Verdict> {
  return checkBatch(events, {
    storeId: origin.storeId,
    products: new Set(lookups.productVat.keys()),
    shifts: lookups.shifts,
    cashiers: lookups.cashiers,
    refundBases: lookups.refundBases,
  });
}

/**
 * The refunds of a batch checked again inside the push's transaction, against what is refunded at that moment:
 * the checks before it read refunded quantities outside any lock, so two registers refunding the same sale at
 * once could both pass. The sales refunded are locked first (the transaction's first statement, so MySQL's
 * snapshot for the reads after it is taken once the lock is held and sees every refund committed before); the
 * second of two concurrent pushes waits, then reads the first one's refund. Returns the reason of each refund
 * that no longer fits, in the words of the first check; sales and other events are not judged again.
 */
export async function recheckRefunds(
  db: Db,
  trx: Knex,
  origin: EventOrigin,
  events: readonly SyncEvent[],
  lookups: EventLookups,
): Promise<Map<string, string>> {
  const saleIds = new Set<string>();
  for (const e of events)
    if (e.type === 'sale.refunded' && lookups.refundBases.has(e.data.saleId)) saleIds.add(e.data.saleId);
  const late = new Map<string, string>();
  if (saleIds.size === 0) return late;
  await lockSales(db, trx, origin.tenantId, [...saleIds]);
  const current = await refundBases(trx, origin.tenantId, [...saleIds]);
  const verdicts = checkEvents(events, origin, {
    ...lookups,
    refundBases: new Map([...lookups.refundBases, ...current]),
  });
  for (const e of events) {
    const problem = e.type === 'sale.refunded' ? verdicts.get(e.id)?.problem : undefined;
    if (problem) late.set(e.id, problem);
  }
  return late;
}

function emptyRows(): EffectRows {
  return {
    sales: [],
    saleLines: [],
    salePayments: [],
    refunds: [],
    refundLines: [],
    refundPayments: [],
    shifts: [],
    shiftCloses: [],
    cashMovements: [],
    fiscalReceipts: [],
  };
}

/**
 * A line as the money rule stores it. Registers older than the rule send no `gross`, `vat` or `unit`: gross is
 * then total + discount and VAT the line's own by the same formula, so every view sums the same stored values.
 */
function storedLine(line: {
  total: number;
  discount?: number;
  gross?: number;
  vat?: number;
  vatRate: number;
}): { gross: number; discount: number; vat: number } {
  const discount = line.discount ?? (line.gross !== undefined ? line.gross - line.total : 0);
  return {
    gross: line.gross ?? line.total + discount,
    discount,
    vat: line.vat ?? vatOf(line.total, line.vatRate),
  };
}

const sumOf = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The rows and stock moves of events that passed the checks. Pure. */
export function effectsOf(
  origin: EventOrigin,
  events: readonly SyncEvent[],
  lookups: EventLookups,
): { rows: EffectRows; moves: StockMove[] } {
  const rows = emptyRows();
  const moves: StockMove[] = [];
  const { tenantId, storeId, deviceId, receivedAt } = origin;
  for (const e of events) {
    const occurredAt = Date.parse(e.occurredAt);
    switch (e.type) {
      case 'sale.completed': {
        const d = e.data;
        const values = d.lines.map((line) => storedLine(line));
        rows.sales.push({
          tenant_id: tenantId,
          id: e.id,
          store_id: storeId,
          device_id: deviceId,
          shift_id: d.shiftId,
          cashier_id: d.cashierId,
          receipt_no: d.receiptNo,
          total: d.total,
          discount: d.discount,
          change_due: d.change,
          // The sum of the lines' own VAT: what the receipt, X/Z and every report grouping add up.
          vat: sumOf(values.map((v) => v.vat)),
          occurred_at: occurredAt,
          received_at: receivedAt,
        });
        d.lines.forEach((line, i) => {
          rows.saleLines.push({
            tenant_id: tenantId,
            sale_id: e.id,
            line_no: i + 1,
            product_id: line.productId,
            name: line.name,
            qty: line.qty,
            unit_price: line.unitPrice,
            gross: values[i]?.gross ?? line.total,
            discount: line.discount,
            total: line.total,
            vat_rate: line.vatRate,
            vat: values[i]?.vat ?? 0,
            unit: line.unit ?? null,
            package_code: line.packageCode ?? null,
            mxik: line.mxik ?? null,
            marking_codes: line.markingCodes ? JSON.stringify(line.markingCodes) : null,
          });
          moves.push({ productId: line.productId, kind: 'sale', qty: -line.qty, ref: e.id });
        });
        d.payments.forEach((p, i) => {
          rows.salePayments.push({
            tenant_id: tenantId,
            sale_id: e.id,
            line_no: i + 1,
            method: p.method,
            amount: p.amount,
            card_type: p.cardType ?? null,
            reference: p.reference ?? null,
          });
        });
        break;
      }
      case 'sale.refunded': {
        const d = e.data;
        const lines = d.lines.map((line, i) => {
          // The refund reverses the VAT of the sold line; the product's current rate only if the sale is not here.
          const vatRate =
            line.vatRate ??
            lookups.saleLineVat.get(`${d.saleId}:${line.productId}`) ??
            lookups.productVat.get(line.productId) ??
            0;
          const values = storedLine({ ...line, vatRate });
          return {
            tenant_id: tenantId,
            refund_id: e.id,
            line_no: i + 1,
            product_id: line.productId,
            qty: line.qty,
            gross: values.gross,
            discount: values.discount,
            total: line.total,
            vat_rate: vatRate,
            vat: values.vat,
            unit: line.unit ?? null,
            package_code: line.packageCode ?? null,
            mxik: line.mxik ?? null,
          };
        });
        rows.refundLines.push(...lines);
        rows.refunds.push({
          tenant_id: tenantId,
          id: e.id,
          store_id: storeId,
          device_id: deviceId,
          sale_id: d.saleId,
          shift_id: d.shiftId ?? null,
          cashier_id: d.cashierId ?? null,
          refund_no: d.refundNo,
          total: d.total,
          vat: sumOf(lines.map((l) => l.vat)),
          reason: d.reason ?? null,
          occurred_at: occurredAt,
          received_at: receivedAt,
        });
        d.payments.forEach((p, i) => {
          rows.refundPayments.push({
            tenant_id: tenantId,
            refund_id: e.id,
            line_no: i + 1,
            method: p.method,
            amount: p.amount,
          });
        });
        for (const line of d.lines)
          moves.push({ productId: line.productId, kind: 'refund', qty: line.qty, ref: e.id });
        break;
      }
      case 'shift.opened':
        rows.shifts.push({
          tenant_id: tenantId,
          id: e.data.shiftId,
          store_id: storeId,
          device_id: deviceId,
          cashier_id: e.data.cashierId,
          opening_cash: e.data.openingCash,
          opened_at: occurredAt,
          counted_cash: null,
          closed_at: null,
        });
        break;
      case 'shift.closed':
        rows.shiftCloses.push({ id: e.data.shiftId, countedCash: e.data.countedCash, closedAt: occurredAt });
        break;
      case 'cash.moved':
        rows.cashMovements.push({
          tenant_id: tenantId,
          id: e.id,
          store_id: storeId,
          device_id: deviceId,
          shift_id: e.data.shiftId,
          amount: e.data.amount,
          reason: e.data.reason,
          occurred_at: occurredAt,
          received_at: receivedAt,
        });
        break;
      case 'sale.fiscalised':
        rows.fiscalReceipts.push({
          tenant_id: tenantId,
          doc_id: e.data.saleId ?? e.data.refundId!,
          kind: e.data.saleId ? 'sale' : 'refund',
          store_id: storeId,
          device_id: deviceId,
          terminal_id: e.data.terminalId,
          receipt_seq: e.data.receiptSeq,
          date_time: e.data.dateTime,
          fiscal_sign: e.data.fiscalSign,
          qr_url: e.data.qrUrl,
          received_at: receivedAt,
        });
        break;
    }
  }
  return { rows, moves };
}

/** Writes the effects of checked events in the caller's transaction; returns the products whose stock moved. */
export async function writeEventEffects(
  db: Db,
  trx: Knex,
  origin: EventOrigin,
  events: readonly SyncEvent[],
  lookups: EventLookups,
): Promise<string[]> {
  const { rows, moves } = effectsOf(origin, events, lookups);
  await insertEffects(trx, origin.tenantId, rows);
  await addDailySums(db, trx, dailySumsOf(origin.tenantId, rows));
  return applyStockMoves(db, trx, origin.tenantId, origin.storeId, moves);
}
