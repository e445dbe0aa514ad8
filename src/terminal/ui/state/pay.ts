import type { Money } from '../../../common/money.js';
import {
  cardTypes,
  paymentStatus,
  qrProviders,
  type PaymentStatus,
  type Tender,
} from '../../sale/payment.js';
import { typedMoney } from '../input.js';

export type PayMethod = 'cash' | 'card' | 'qr';
const methods: readonly PayMethod[] = ['cash', 'card', 'qr'];

/** What the pay dialog holds while the cashier takes the money. */
export interface PayState {
  tenders: readonly Tender[];
  method: PayMethod;
  /** Index into the card types or QR providers. */
  kind: number;
  amount: string;
  reference: string;
  field: 'amount' | 'reference';
}

export const initialPay: PayState = {
  tenders: [],
  method: 'cash',
  kind: 0,
  amount: '',
  reference: '',
  field: 'amount',
};

export function kindsOf(method: PayMethod): readonly string[] {
  return method === 'card' ? cardTypes : method === 'qr' ? qrProviders : [];
}

export function nextMethod(state: PayState): PayState {
  const method = methods[(methods.indexOf(state.method) + 1) % methods.length]!;
  return { ...state, method, kind: 0, field: 'amount', reference: '' };
}

export function nextKind(state: PayState, step: 1 | -1): PayState {
  const count = kindsOf(state.method).length;
  return count === 0 ? state : { ...state, kind: (state.kind + step + count) % count };
}

/**
 * The payment so far. While a card or QR amount is being entered nothing is rounded (a card paying the rest
 * pays it exactly); with cash, the cash part is rounded down to the store's coin.
 */
export function payStatus(total: Money, state: PayState, cashRounding: number): PaymentStatus {
  return paymentStatus(total, state.tenders, state.method === 'cash' ? cashRounding : 0);
}

/**
 * The tender the cashier has typed; an empty amount means "the rest". Card and QR amounts default to what is
 * still due; cash may be more (the change is shown).
 */
export function typedTender(state: PayState, remaining: Money): Tender {
  const amount = state.amount.trim() === '' ? remaining : typedMoney(state.amount);
  const reference = state.reference.trim() || undefined;
  switch (state.method) {
    case 'cash':
      return { method: 'cash', tendered: amount };
    case 'card':
      return { method: 'card', amount, cardType: cardTypes[state.kind] ?? 'uzcard', reference };
    case 'qr':
      return { method: 'qr', amount, provider: qrProviders[state.kind] ?? 'click', reference };
  }
}

/** Adds the typed tender and clears the fields for the next one. */
export function addTender(state: PayState, tender: Tender): PayState {
  return { ...state, tenders: [...state.tenders, tender], amount: '', reference: '', field: 'amount' };
}
