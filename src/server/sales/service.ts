import type { Knex } from 'knex';
import { vatIncluded } from '../../common/money.js';
import type { SyncEvent } from '../../common/protocol/sync.js';
import { productsByIds } from '../catalog/service.js';
import type { Db } from '../db/connection.js';
import { applyStockMoves, type StockMove } from '../stock/service.js';
import { findShiftIds, insertEffects, saleLineRates, type EffectRows } from './queries.js';

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
  /** Shifts already on the server among those the events open or close. */
  shifts: Set<string>;
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
  const refundedSales = new Set<string>();
  for (const e of events) {
    if (e.type === 'sale.completed' || e.type === 'sale.refunded')
      for (const line of e.data.lines) productIds.add(line.productId);
    if (e.type === 'shift.opened' || e.type === 'shift.closed') shiftIds.add(e.data.shiftId);
    if (e.type === 'sale.refunded') refundedSales.add(e.data.saleId);
  }
  const [products, shifts, saleLineVat] = await Promise.all([
    productsByIds(knex, origin.tenantId, [...productIds]),
    findShiftIds(knex, origin.tenantId, [...shiftIds]),
    saleLineRates(knex, origin.tenantId, [...refundedSales]),
  ]);
  return { productVat: new Map(products.map((p) => [p.id, p.vatRate])), saleLineVat, shifts };
}

/**
 * Checks in batch order against the looked-up facts: products must be the tenant's (a foreign id must never move
 * another tenant's stock), a shift is opened once and closed only after it was opened. Stock is never checked:
 * a sale made offline happened. Returns a reason per refused event id.
 */
export function checkEvents(events: readonly SyncEvent[], lookups: EventLookups): Map<string, string> {
  const { productVat } = lookups;
  const problems = new Map<string, string>();
  const openShifts = new Set(lookups.shifts);
  for (const e of events) {
    let problem: string | undefined;
    switch (e.type) {
      case 'sale.completed':
      case 'sale.refunded': {
        const unknown = e.data.lines.find((line) => !productVat.has(line.productId));
        if (unknown) problem = `unknown product ${unknown.productId}`;
        break;
      }
      case 'shift.opened':
        if (openShifts.has(e.data.shiftId)) problem = `shift ${e.data.shiftId} already opened`;
        else openShifts.add(e.data.shiftId);
        break;
      case 'shift.closed':
        if (!openShifts.has(e.data.shiftId)) problem = `unknown shift ${e.data.shiftId}`;
        break;
      case 'cash.moved':
      case 'audit.recorded':
        break;
    }
    if (problem) problems.set(e.id, problem);
  }
  return problems;
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
  };
}

/**
 * VAT of a sale: each line's VAT on what was actually paid for it. A cart discount not spread over the lines
 * lowers every line's taxable amount in proportion (the receipt total is what the buyer paid).
 */
function saleVat(lines: ReadonlyArray<{ total: number; vatRate: number }>, total: number): number {
  const gross = lines.reduce((sum, line) => sum + line.total, 0);
  const scale = gross > 0 && total < gross ? total / gross : 1;
  return lines.reduce((sum, line) => sum + vatIncluded(Math.round(line.total * scale), line.vatRate), 0);
}

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
          vat: saleVat(d.lines, d.total),
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
            discount: line.discount,
            total: line.total,
            vat_rate: line.vatRate,
            vat: vatIncluded(line.total, line.vatRate),
            mxik: line.mxik ?? null,
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
            lookups.saleLineVat.get(`${d.saleId}:${line.productId}`) ??
            lookups.productVat.get(line.productId) ??
            0;
          return {
            tenant_id: tenantId,
            refund_id: e.id,
            line_no: i + 1,
            product_id: line.productId,
            qty: line.qty,
            total: line.total,
            vat_rate: vatRate,
            vat: vatIncluded(line.total, vatRate),
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
          vat: saleVat(
            lines.map((l) => ({ total: l.total, vatRate: l.vat_rate })),
            d.total,
          ),
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
  return applyStockMoves(db, trx, origin.tenantId, origin.storeId, moves);
}
