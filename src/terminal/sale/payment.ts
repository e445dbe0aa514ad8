import { AppError } from '../../common/errors.js';
import { MAX_SALE_PAYMENTS } from '../../common/limits.js';
import { formatMoney, type Money } from '../../common/money.js';
import { priceSale, roundCashDown, type Tendered } from '../../common/money-rule.js';
import { saleCompletedData, type Payment, type SaleCompletedData } from '../../common/protocol/sync.js';
import { cartInput, cartTotals, toSaleLines, type CartState } from './cart.js';

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
  /** The amount to pay: card and QR parts exact, the cash part rounded down to the store's coin. */
  due: Money;
  /** due − cart total (0 or negative: never rounded up). */
  rounding: Money;
  paid: Money;
  /** Still to pay, 0 when covered. */
  remaining: Money;
  /** Cash to give back, 0 when none. */
  change: Money;
}

function asTendered(tenders: readonly Tender[]): Tendered[] {
  return tenders.map((t) => ({ method: t.method, amount: t.method === 'cash' ? t.tendered : t.amount }));
}

/**
 * Where the pay dialog stands; never throws for an incomplete payment (that is what `remaining` shows). The
 * cash part is what card and QR leave of the total, rounded down by the money rule (`roundCashDown`).
 */
export function paymentStatus(total: Money, tenders: readonly Tender[], cashRounding: number): PaymentStatus {
  const tendered = asTendered(tenders);
  const other = sum(tendered.filter((t) => t.method !== 'cash').map((t) => t.amount));
  const cash = sum(tendered.filter((t) => t.method === 'cash').map((t) => t.amount));
  const cashDue = roundCashDown(Math.max(0, total - other), cashRounding);
  const due = Math.min(total, other) + cashDue;
  return {
    due,
    rounding: due - total,
    paid: cash + other,
    remaining: Math.max(0, cashDue - cash),
    change: Math.max(0, cash - cashDue),
  };
}

export interface Settlement extends PaymentStatus {
  payments: Payment[];
}

/**
 * Checks the tenders against the total and produces the payments of the sale: UNDERPAID when short, OVERPAID
 * when card or QR together exceed the total (a card is never charged to give cash back), INVALID_PAYMENT for
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
  if (other > total) {
    throw new AppError('OVERPAID', {
      params: { remaining: formatMoney(total) },
      details: { over: other - total },
    });
  }
  if (status.due - other === 0 && tenders.some((t) => t.method === 'cash')) {
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'cash not needed' } });
  }
  if (tenders.length > MAX_SALE_PAYMENTS)
    throw new AppError('INVALID_PAYMENT', { params: { reason: `at most ${MAX_SALE_PAYMENTS} payments` } });
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
 * The `sale.completed` data of a paid cart, valued by the money rule: the lines carry the rounding of the cash
 * part as discount, so `total` = Σ line totals = Σ payments − change, for the drawer, the reports and the fiscal
 * module alike. `discount` is Σ line discounts (own, sale and rounding); `rounding` is the part from rounding.
 */
export function completeSale(cart: CartState, tenders: readonly Tender[], meta: SaleMeta): SaleCompletedData {
  if (cart.lines.length === 0) throw new AppError('EMPTY_CART');
  const settlement = settle(cartTotals(cart).total, tenders, meta.cashRounding);
  const values = priceSale({
    ...cartInput(cart),
    tendered: asTendered(tenders),
    cashRounding: meta.cashRounding,
  });
  const data: SaleCompletedData = {
    receiptNo: meta.receiptNo,
    shiftId: meta.shiftId,
    cashierId: meta.cashierId,
    lines: toSaleLines(cart, values),
    discount: values.discount,
    total: values.total,
    payments: settlement.payments,
    change: values.change,
  };
  if (values.rounding > 0) data.rounding = values.rounding;
  return saleCompletedData.parse(data);
}

/**
 * Cash rounding of a stored sale, as a negative amount: the `rounding` of a money-rule sale, or, for sales
 * stored before it, their total less the sum of their lines.
 */
export function saleRounding(sale: Pick<SaleCompletedData, 'total' | 'lines' | 'rounding'>): Money {
  if (sale.rounding !== undefined) return -sale.rounding;
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
