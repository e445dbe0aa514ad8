import type { CompletedSale } from '../../register/selling.js';
import { emptyCart, type CartState } from '../../sale/cart.js';

/** A sale put aside while another customer pays. Kept in memory: parked sales do not survive a restart. */
export interface ParkedSale {
  cart: CartState;
  parkedAt: string;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface SessionState {
  cart: CartState;
  /** The highlighted cart line, -1 when the cart is empty. */
  selected: number;
  parked: readonly ParkedSale[];
  notice: Notice | null;
  lastSale: CompletedSale | null;
}

export type SessionAction =
  | { type: 'cart'; cart: CartState; select?: number }
  | { type: 'select'; delta: number }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'park'; at: string }
  | { type: 'resume'; index: number }
  | { type: 'paid'; sale: CompletedSale };

export const initialSession: SessionState = {
  cart: emptyCart,
  selected: -1,
  parked: [],
  notice: null,
  lastSale: null,
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
      };
    case 'select':
      return { ...state, selected: clampSelection(state.selected + action.delta, state.cart) };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'park':
      if (state.cart.lines.length === 0) return state;
      return {
        ...state,
        parked: [...state.parked, { cart: state.cart, parkedAt: action.at }],
        cart: emptyCart,
        selected: -1,
      };
    case 'resume': {
      const parked = state.parked[action.index];
      if (!parked || state.cart.lines.length > 0) return state;
      return {
        ...state,
        cart: parked.cart,
        selected: parked.cart.lines.length - 1,
        parked: state.parked.filter((_, index) => index !== action.index),
      };
    }
    case 'paid':
      return { ...state, cart: emptyCart, selected: -1, lastSale: action.sale };
  }
}
