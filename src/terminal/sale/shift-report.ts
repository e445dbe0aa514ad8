import type { z } from 'zod';
import type { Money } from '../../common/money.js';
import type { EventType, eventDataSchemas } from '../../common/protocol/sync.js';
import { vatByRate, type VatByRate } from './cart.js';

/** An event of the outbox or the register's journal; only its type and data matter here. */
export type ShiftEvent = {
  [T in EventType]: { type: T; data: z.infer<(typeof eventDataSchemas)[T]> };
}[EventType];

export interface MethodTotals {
  cash: Money;
  card: Money;
  qr: Money;
}

export interface ShiftReport {
  shiftId: string;
  cashierId: string | null;
  /** `X` while the shift is open (a mid-shift reading), `Z` once it is closed with counted cash. */
  kind: 'X' | 'Z';
  openingCash: Money;
  sales: { count: number; total: Money; discount: Money };
  refunds: { count: number; total: Money };
  /** sales.total − refunds.total. */
  net: Money;
  /** What customers paid, per method; cash net of change. */
  payments: MethodTotals;
  refundPayments: MethodTotals;
  /** Card types and QR providers (`uzcard`, `humo`, `payme`…), net of refunds where the method is known. */
  byCardType: Record<string, Money>;
  /** VAT included in the sales, per rate, summed from each receipt's own figures. */
  vat: VatByRate[];
  cashIn: Money;
  cashOut: Money;
  expectedCash: Money;
  countedCash: Money | null;
  /** counted − expected: negative when the drawer is short. */
  difference: Money | null;
}

/**
 * X/Z figures of one shift from its events (other shifts' events are ignored). The drawer should hold
 * opening cash + cash taken for sales − change given − cash refunded + cash put in − cash taken out.
 */
export function shiftReport(shiftId: string, events: readonly ShiftEvent[]): ShiftReport {
  const report: ShiftReport = {
    shiftId,
    cashierId: null,
    kind: 'X',
    openingCash: 0,
    sales: { count: 0, total: 0, discount: 0 },
    refunds: { count: 0, total: 0 },
    net: 0,
    payments: { cash: 0, card: 0, qr: 0 },
    refundPayments: { cash: 0, card: 0, qr: 0 },
    byCardType: {},
    vat: [],
    cashIn: 0,
    cashOut: 0,
    expectedCash: 0,
    countedCash: null,
    difference: null,
  };
  const vat = new Map<number, VatByRate>();

  for (const event of events) {
    switch (event.type) {
      case 'shift.opened':
        if (event.data.shiftId !== shiftId) break;
        report.openingCash = event.data.openingCash;
        report.cashierId = event.data.cashierId;
        break;
      case 'sale.completed': {
        const sale = event.data;
        if (sale.shiftId !== shiftId) break;
        report.sales.count += 1;
        report.sales.total += sale.total;
        report.sales.discount += sale.discount;
        for (const payment of sale.payments) {
          report.payments[payment.method] += payment.amount;
          if (payment.cardType) add(report.byCardType, payment.cardType, payment.amount);
        }
        report.payments.cash -= sale.change;
        for (const entry of vatByRate(sale.lines.map((l) => ({ rate: l.vatRate, total: l.total })))) {
          const sum = vat.get(entry.rate) ?? { rate: entry.rate, gross: 0, vat: 0 };
          vat.set(entry.rate, { rate: entry.rate, gross: sum.gross + entry.gross, vat: sum.vat + entry.vat });
        }
        break;
      }
      case 'sale.refunded': {
        const refund = event.data;
        // A refund without a shift id was handed in as belonging to this shift.
        if (refund.shiftId !== undefined && refund.shiftId !== shiftId) break;
        report.refunds.count += 1;
        report.refunds.total += refund.total;
        for (const payment of refund.payments) report.refundPayments[payment.method] += payment.amount;
        break;
      }
      case 'cash.moved':
        if (event.data.shiftId !== shiftId) break;
        if (event.data.amount >= 0) report.cashIn += event.data.amount;
        else report.cashOut -= event.data.amount;
        break;
      case 'shift.closed':
        if (event.data.shiftId !== shiftId) break;
        report.kind = 'Z';
        report.countedCash = event.data.countedCash;
        break;
    }
  }

  report.net = report.sales.total - report.refunds.total;
  report.vat = [...vat.values()].sort((a, b) => a.rate - b.rate);
  report.expectedCash =
    report.openingCash + report.payments.cash - report.refundPayments.cash + report.cashIn - report.cashOut;
  if (report.countedCash !== null) report.difference = report.countedCash - report.expectedCash;
  return report;
}

function add(totals: Record<string, Money>, key: string, amount: Money): void {
  totals[key] = (totals[key] ?? 0) + amount;
}
