import type { ParkedSale } from '../../register/parking.js';
import type { CompletedSale } from '../../register/selling.js';
import type { Money } from '../../../common/money.js';
import type { Unit } from '../../../common/protocol/catalog.js';
import type { Quantity } from '../../../common/quantity.js';
import { cartTotals, emptyCart, type CartState } from '../../sale/cart.js';

export type { ParkedSale };

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** What the last scan (or quick key, search pick, repeat) added: shown until the next one, gone with the sale. */
export interface LastItem {
  productId: string;
  name: string;
  unit: Unit;
  qty: Quantity;
  unitPrice: Money;
  /** What the scan added to the sale before discounts (a price label's own amount for a labelled package). */
  amount: Money;
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
  lastItem: LastItem | null;
}

export type SessionAction =
  /** `added`: the product a scan, quick key, search pick or repeat just added. */
  | { type: 'cart'; cart: CartState; select?: number; added?: string }
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
  lastItem: null,
};

/** The quantity and gross amount `after` holds of a product beyond what `before` held. */
export function addedItem(before: CartState, after: CartState, productId: string): LastItem | null {
  const held = (cart: CartState) => {
    const totals = cartTotals(cart);
    let qty = 0;
    let amount = 0;
    cart.lines.forEach((line, index) => {
      if (line.product.productId !== productId) return;
      qty += line.qty;
      amount += totals.lines[index]?.gross ?? 0;
    });
    return { qty, amount };
  };
  const product = after.lines.findLast((line) => line.product.productId === productId)?.product;
  if (!product) return null;
  const was = held(before);
  const now = held(after);
  return {
    productId,
    name: product.name,
    unit: product.unit,
    unitPrice: product.unitPrice,
    qty: now.qty - was.qty,
    amount: now.amount - was.amount,
  };
}

/** The last item stays while its product is in the cart: a voided one is not shown as if it were sold. */
function keptLastItem(state: SessionState, cart: CartState, added?: string): LastItem | null {
  if (added !== undefined) return addedItem(state.cart, cart, added) ?? state.lastItem;
  const last = state.lastItem;
  return last && cart.lines.some((line) => line.product.productId === last.productId) ? last : null;
}

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
        lastItem: keptLastItem(state, action.cart, action.added),
      };
    case 'select':
      return { ...state, selected: clampSelection(state.selected + action.delta, state.cart) };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'parked':
      return {
        ...state,
        parked: action.parked,
        cart: emptyCart,
        selected: -1,
        paymentStarted: false,
        lastItem: null,
      };
    case 'parkedList':
      return { ...state, parked: action.parked };
    case 'resumed':
      return {
        ...state,
        cart: action.cart,
        selected: action.cart.lines.length - 1,
        parked: action.parked,
        paymentStarted: false,
        lastItem: null,
      };
    case 'paid':
      return {
        ...state,
        cart: emptyCart,
        selected: -1,
        lastSale: action.sale,
        paymentStarted: false,
        lastItem: null,
      };
    case 'paymentStarted':
      return { ...state, paymentStarted: true };
  }
}
