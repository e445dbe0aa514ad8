import { AppError } from '../../common/errors.js';
import { formatMoney, type Money } from '../../common/money.js';
import { saleCompletedData, type Payment, type SaleCompletedData } from '../../common/protocol/sync.js';
import { cartTotals, toSaleLines, type CartState } from './cart.js';

export const cardTypes = ['uzcard', 'humo', 'visa', 'mastercard'] as const;
export type CardType = (typeof cardTypes)[number];
export const qrProviders = ['click', 'payme', 'uzum'] as const;
export type QrProvider = (typeof qrProviders)[number];

/** What the cashier entered at the pay dialog. */
export type Tender =
  | { method: 'cash'; tendered: Money }
  | { method: 'card'; amount: Money; cardType: CardType; reference?: string }
  | { method: 'qr'; amount: Money; provider: QrProvider; reference?: string };

export interface PaymentStatus {
  /** The amount to pay: the cart total, rounded when everything so far is cash. */
  due: Money;
  /** due − cart total (negative when rounded down). */
  rounding: Money;
  paid: Money;
  /** Still to pay, 0 when covered. */
  remaining: Money;
  /** Cash to give back, 0 when none. */
  change: Money;
}

/**
 * Cash rounding: coins under 50/100 so'm are out of use, so a total paid entirely in cash is rounded to the
 * store's step (`cashRounding` in minor units: 0 = off, 5000 = 50 so'm, 10000 = 100 so'm), to the nearest
 * step with halves up: 12 345 → 12 300, 12 350 → 12 400 so'm at 100. Card and QR are exact, so a sale with any
 * card or QR part is not rounded. A positive total is never rounded to nothing.
 */
export function roundCash(total: Money, step: number): Money {
  if (!Number.isSafeInteger(step) || step <= 0) return total;
  const rounded = Math.floor((total + Math.floor(step / 2)) / step) * step;
  return rounded === 0 && total > 0 ? total : rounded;
}

/** Where the pay dialog stands; never throws for an incomplete payment (that is what `remaining` shows). */
export function paymentStatus(total: Money, tenders: readonly Tender[], cashRounding: number): PaymentStatus {
  const allCash = tenders.every((t) => t.method === 'cash');
  const due = allCash ? roundCash(total, cashRounding) : total;
  const cash = sum(tenders.filter((t) => t.method === 'cash').map((t) => t.tendered));
  const other = sum(tenders.map((t) => (t.method === 'cash' ? 0 : t.amount)));
  const paid = cash + other;
  return {
    due,
    rounding: due - total,
    paid,
    remaining: Math.max(0, due - paid),
    // Card and QR pay against the due first; only cash gives change.
    change: Math.max(0, cash - Math.max(0, due - other)),
  };
}

export interface Settlement extends PaymentStatus {
  payments: Payment[];
}

/**
 * Checks the tenders against the total and produces the payments of the sale: UNDERPAID when short, OVERPAID
 * when card or QR together exceed what is due (a card is never charged to give cash back), INVALID_PAYMENT for
 * zero amounts, unknown card types or cash offered when cards already cover everything.
 */
export function settle(total: Money, tenders: readonly Tender[], cashRounding: number): Settlement {
  for (const tender of tenders) checkTender(tender);
  const status = paymentStatus(total, tenders, cashRounding);
  if (tenders.length === 0 || status.remaining > 0) {
    const remaining = tenders.length === 0 ? status.due : status.remaining;
    throw new AppError('UNDERPAID', {
      params: { remaining: formatMoney(remaining) },
      details: { remaining },
    });
  }
  const other = sum(tenders.map((t) => (t.method === 'cash' ? 0 : t.amount)));
  if (other > status.due) {
    throw new AppError('OVERPAID', {
      params: { remaining: formatMoney(status.due) },
      details: { over: other - status.due },
    });
  }
  if (other === status.due && tenders.some((t) => t.method === 'cash')) {
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'cash not needed' } });
  }
  if (tenders.length > 10)
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'at most 10 payments' } });
  return { ...status, payments: tenders.map(toPayment) };
}

export interface SaleMeta {
  receiptNo: string;
  shiftId: string;
  cashierId: string;
  /** Settings `cashRounding`, minor units. */
  cashRounding: number;
}

/**
 * The `sale.completed` data of a paid cart. `total` is what the customer pays: the cart total, rounded for an
 * all-cash sale, so `Σ payments − change = total` always holds for the drawer and the reports; the line totals
 * keep the exact shelf amounts and sum to the unrounded total (see `saleRounding`). `discount` is line plus
 * cart discounts; rounding is not a discount.
 */
export function completeSale(cart: CartState, tenders: readonly Tender[], meta: SaleMeta): SaleCompletedData {
  if (cart.lines.length === 0) throw new AppError('EMPTY_CART');
  const totals = cartTotals(cart);
  const settlement = settle(totals.total, tenders, meta.cashRounding);
  return saleCompletedData.parse({
    receiptNo: meta.receiptNo,
    shiftId: meta.shiftId,
    cashierId: meta.cashierId,
    lines: toSaleLines(cart),
    discount: totals.discount,
    total: settlement.due,
    payments: settlement.payments,
    change: settlement.change,
  });
}

/** Cash rounding of a completed sale: its total less the sum of its lines (0 unless paid all in cash). */
export function saleRounding(sale: Pick<SaleCompletedData, 'total' | 'lines'>): Money {
  return sale.total - sum(sale.lines.map((line) => line.total));
}

function checkTender(tender: Tender): void {
  const amount = tender.method === 'cash' ? tender.tendered : tender.amount;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'amount must be above zero' } });
  }
  if (tender.method === 'card' && !(cardTypes as readonly string[]).includes(tender.cardType)) {
    throw new AppError('INVALID_PAYMENT', { params: { reason: `card type ${String(tender.cardType)}` } });
  }
  if (tender.method === 'qr' && !(qrProviders as readonly string[]).includes(tender.provider)) {
    throw new AppError('INVALID_PAYMENT', { params: { reason: `QR provider ${String(tender.provider)}` } });
  }
  if (tender.method !== 'cash' && tender.reference !== undefined && tender.reference.length > 64) {
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'reference over 64 characters' } });
  }
}

function toPayment(tender: Tender): Payment {
  switch (tender.method) {
    case 'cash':
      return { method: 'cash', amount: tender.tendered };
    case 'card':
      return withReference(
        { method: 'card', amount: tender.amount, cardType: tender.cardType },
        tender.reference,
      );
    case 'qr':
      // The protocol keeps the QR provider in `cardType`.
      return withReference(
        { method: 'qr', amount: tender.amount, cardType: tender.provider },
        tender.reference,
      );
  }
}

function withReference(payment: Payment, reference: string | undefined): Payment {
  const trimmed = reference?.trim();
  return trimmed ? { ...payment, reference: trimmed } : payment;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
