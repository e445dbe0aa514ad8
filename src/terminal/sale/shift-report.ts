import type { z } from 'zod';
import type { Money } from '../../common/money.js';
import type { EventType, eventDataSchemas } from '../../common/protocol/sync.js';
import { vatOf } from '../../common/money-rule.js';
import type { VatByRate } from './cart.js';

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
  /** First and last receipt numbers of the shift's sales and refunds (null when none). */
  receipts: { first: string | null; last: string | null };
  refundReceipts: { first: string | null; last: string | null };
  /** `discount`: Σ stored line discounts (own, sale, cash rounding); `rounding`: the rounding part. */
  sales: { count: number; total: Money; discount: Money; rounding: Money };
  refunds: { count: number; total: Money; discount: Money };
  /** sales.total − refunds.total. */
  net: Money;
  /** What customers paid, per method; cash net of change. */
  payments: MethodTotals;
  refundPayments: MethodTotals;
  /** Card types and QR providers (`uzcard`, `humo`, `payme`…), net of refunds where the method is known. */
  byCardType: Record<string, Money>;
  /** VAT per rate net of refunds, summed from the stored line values (never extracted again). */
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
    receipts: { first: null, last: null },
    refundReceipts: { first: null, last: null },
    sales: { count: 0, total: 0, discount: 0, rounding: 0 },
    refunds: { count: 0, total: 0, discount: 0 },
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
  const addVat = (rate: number, gross: Money, amount: Money) => {
    const sum = vat.get(rate) ?? { rate, gross: 0, vat: 0 };
    vat.set(rate, { rate, gross: sum.gross + gross, vat: sum.vat + amount });
  };

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
        report.receipts.first ??= sale.receiptNo;
        report.receipts.last = sale.receiptNo;
        report.sales.total += sale.total;
        report.sales.discount += sale.discount;
        report.sales.rounding += sale.rounding ?? 0;
        for (const payment of sale.payments) {
          report.payments[payment.method] += payment.amount;
          if (payment.cardType) add(report.byCardType, payment.cardType, payment.amount);
        }
        report.payments.cash -= sale.change;
        // Sales stored before the money rule carry no `vat`: it is the line's by the same formula.
        for (const l of sale.lines) addVat(l.vatRate, l.total, l.vat ?? vatOf(l.total, l.vatRate));
        break;
      }
      case 'sale.refunded': {
        const refund = event.data;
        // A refund without a shift id was handed in as belonging to this shift.
        if (refund.shiftId !== undefined && refund.shiftId !== shiftId) break;
        report.refunds.count += 1;
        report.refundReceipts.first ??= refund.refundNo;
        report.refundReceipts.last = refund.refundNo;
        report.refunds.total += refund.total;
        for (const payment of refund.payments) {
          report.refundPayments[payment.method] += payment.amount;
          if (payment.cardType) add(report.byCardType, payment.cardType, -payment.amount);
        }
        for (const l of refund.lines) {
          const rate = l.vatRate ?? 0;
          report.refunds.discount += l.discount ?? 0;
          addVat(rate, -l.total, -(l.vat ?? vatOf(l.total, rate)));
        }
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
