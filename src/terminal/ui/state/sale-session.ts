import type { ParkedSale } from '../../register/parking.js';
import type { CompletedSale } from '../../register/selling.js';
import { emptyCart, type CartState } from '../../sale/cart.js';

export type { ParkedSale };

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface SessionState {
  cart: CartState;
  /** The highlighted cart line, -1 when the cart is empty. */
  selected: number;
  /** What the register's store holds as parked (it survives restarts); refreshed after each park and resume. */
  parked: readonly ParkedSale[];
  notice: Notice | null;
  lastSale: CompletedSale | null;
  /** The pay dialog was opened for this cart: voiding a line now may need a supervisor (`voidAfterPayment`). */
  paymentStarted: boolean;
}

export type SessionAction =
  | { type: 'cart'; cart: CartState; select?: number }
  | { type: 'select'; delta: number }
  | { type: 'notice'; notice: Notice | null }
  /** The cart was parked: an empty sale starts. */
  | { type: 'parked'; parked: readonly ParkedSale[] }
  | { type: 'parkedList'; parked: readonly ParkedSale[] }
  | { type: 'resumed'; cart: CartState; parked: readonly ParkedSale[] }
  | { type: 'paid'; sale: CompletedSale }
  | { type: 'paymentStarted' };

export const initialSession: SessionState = {
  cart: emptyCart,
  selected: -1,
  parked: [],
  notice: null,
  lastSale: null,
  paymentStarted: false,
};

function clampSelection(selected: number, cart: CartState): number {
  return cart.lines.length === 0 ? -1 : Math.min(Math.max(0, selected), cart.lines.length - 1);
}

/** UI state of the sale screen; the cart itself only ever changes through reduceCart's results. */
export function reduceSession(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'cart':
      return {
        ...state,
        cart: action.cart,
        selected: clampSelection(action.select ?? state.selected, action.cart),
        paymentStarted: state.paymentStarted && action.cart.lines.length > 0,
      };
    case 'select':
      return { ...state, selected: clampSelection(state.selected + action.delta, state.cart) };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'parked':
      return { ...state, parked: action.parked, cart: emptyCart, selected: -1, paymentStarted: false };
    case 'parkedList':
      return { ...state, parked: action.parked };
    case 'resumed':
      return {
        ...state,
        cart: action.cart,
        selected: action.cart.lines.length - 1,
        parked: action.parked,
        paymentStarted: false,
      };
    case 'paid':
      return { ...state, cart: emptyCart, selected: -1, lastSale: action.sale, paymentStarted: false };
    case 'paymentStarted':
      return { ...state, paymentStarted: true };
  }
}
