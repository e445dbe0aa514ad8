import { AppError } from '../../common/errors.js';
import type { Money } from '../../common/money.js';
import {
  discountAmount,
  priceSale,
  type CartLineInput,
  type Discount,
  type SaleValues,
} from '../../common/money-rule.js';
import type { Role as UserRole } from '../../common/protocol/auth.js';
import type { Unit } from '../../common/protocol/catalog.js';
import type { SaleLine } from '../../common/protocol/sync.js';
import { formatQuantity, lineAmount, QTY_SCALE, type Quantity } from '../../common/quantity.js';

/** What the cart keeps of a product when it is scanned: later price changes do not touch an open sale. */
export interface ProductSnapshot {
  productId: string;
  name: string;
  /** Minor units per unit (per piece, per kg, per litre). */
  unitPrice: Money;
  /** Basis points, 12% = 1200. */
  vatRate: number;
  unit: Unit;
  mxik?: string | null;
  packageCode?: string | null;
}

export type { Discount };

export interface CartLine {
  readonly product: ProductSnapshot;
  readonly qty: Quantity;
  readonly discount: Discount | null;
  /** Price printed on a scale label; it is the line's gross amount instead of price × qty. */
  readonly labelPrice: Money | null;
  /** Lines from scale labels stay separate: each label is one weighed package. */
  readonly fromScale: boolean;
}

export interface CartState {
  readonly lines: readonly CartLine[];
  readonly discount: Discount | null;
}

export const emptyCart: CartState = Object.freeze({ lines: Object.freeze([]), discount: null });

/** The acting user's role (the same roles as the server's); only `cashier` is limited. */
export type Role = UserRole;

/** Who is acting: a cashier's discounts are capped by the store setting `maxCashierDiscount`. */
export interface DiscountPolicy {
  role: Role;
  /** Basis points of the line or cart amount. */
  maxCashierDiscount: number;
}

export type CartAction =
  | {
      type: 'addItem';
      product: ProductSnapshot;
      qty: Quantity;
      /** From a scale label: its own line; `labelPrice` for price-embedded labels. */
      scale?: { labelPrice?: Money };
    }
  | { type: 'setQty'; lineIndex: number; qty: Quantity }
  | { type: 'removeLine'; lineIndex: number; reason: string }
  | { type: 'lineDiscount'; lineIndex: number; discount: Discount | null }
  | { type: 'cartDiscount'; discount: Discount | null }
  | { type: 'clear'; reason: string };

/** What the store persists beside the sale (or instead of it, for a cancelled one): who removed what. */
export type CartAuditEntry =
  | {
      type: 'line.voided';
      reason: string;
      line: { productId: string; name: string; qty: Quantity; total: Money };
    }
  | {
      type: 'line.reduced';
      line: { productId: string; name: string; fromQty: Quantity; toQty: Quantity };
    }
  | { type: 'sale.cancelled'; reason: string; lineCount: number; total: Money }
  /** A discount given, changed or taken back (null): the owner sees who gave how much, paid or not. */
  | {
      type: 'discount.line';
      discount: Discount | null;
      amount: Money;
      line: { productId: string; name: string };
    }
  | { type: 'discount.cart'; discount: Discount | null; amount: Money };

export interface CartResult {
  state: CartState;
  audit: CartAuditEntry[];
}

export interface LineTotals {
  /** price × qty (or the label price), before any discount. */
  gross: Money;
  lineDiscount: Money;
  /** This line's part of the cart discount. */
  cartDiscountShare: Money;
  /** lineDiscount + cartDiscountShare: the `discount` of the sale line. */
  discount: Money;
  total: Money;
}

export interface VatByRate {
  rate: number;
  /** Sum of the line totals at this rate (VAT included). */
  gross: Money;
  /** Sum of the lines' own VAT (never extracted again from the sum). */
  vat: Money;
}

export interface CartTotals {
  lines: LineTotals[];
  /** Sum of gross amounts. */
  subtotal: Money;
  lineDiscounts: Money;
  cartDiscount: Money;
  /** All discounts: subtotal − total. */
  discount: Money;
  total: Money;
  vat: VatByRate[];
}

const MAX_QTY = 1_000_000_000;

export function reduceCart(state: CartState, action: CartAction, policy: DiscountPolicy): CartResult {
  switch (action.type) {
    case 'addItem':
      return { state: addItem(state, action.product, action.qty, action.scale), audit: [] };
    case 'setQty':
      return setQty(state, action.lineIndex, action.qty, policy);
    case 'removeLine': {
      const totals = cartTotals(state);
      const line = lineAt(state, action.lineIndex);
      const lineTotal = totals.lines[action.lineIndex]?.total ?? 0;
      const lines = state.lines.filter((_, index) => index !== action.lineIndex);
      return {
        state: freeze({ lines, discount: lines.length === 0 ? null : state.discount }),
        audit: [
          {
            type: 'line.voided',
            reason: action.reason,
            line: {
              productId: line.product.productId,
              name: line.product.name,
              qty: line.qty,
              total: lineTotal,
            },
          },
        ],
      };
    }
    case 'lineDiscount': {
      const line = lineAt(state, action.lineIndex);
      if (action.discount !== null) checkLineDiscount(line, action.discount, policy);
      const next = replaceLine(state, action.lineIndex, { ...line, discount: action.discount });
      // With a cart discount already given, the receipt as a whole must stay within the limit too.
      if (action.discount !== null && next.discount !== null) checkCartDiscount(next, next.discount, policy);
      return {
        state: next,
        audit: [
          {
            type: 'discount.line',
            discount: action.discount,
            amount: cartTotals(next).lines[action.lineIndex]?.lineDiscount ?? 0,
            line: { productId: line.product.productId, name: line.product.name },
          },
        ],
      };
    }
    case 'cartDiscount': {
      if (state.lines.length === 0) throw new AppError('EMPTY_CART');
      const next = freeze({ lines: state.lines, discount: action.discount });
      if (action.discount !== null) checkCartDiscount(next, action.discount, policy);
      return {
        state: next,
        audit: [{ type: 'discount.cart', discount: action.discount, amount: cartTotals(next).cartDiscount }],
      };
    }
    case 'clear': {
      if (state.lines.length === 0) return { state: emptyCart, audit: [] };
      return {
        state: emptyCart,
        audit: [
          {
            type: 'sale.cancelled',
            reason: action.reason,
            lineCount: state.lines.length,
            total: cartTotals(state).total,
          },
        ],
      };
    }
  }
}

function addItem(
  state: CartState,
  product: ProductSnapshot,
  qty: Quantity,
  scale: { labelPrice?: Money } | undefined,
): CartState {
  checkProduct(product);
  checkQty(product, qty);
  const labelPrice = scale?.labelPrice ?? null;
  if (labelPrice !== null && (!Number.isSafeInteger(labelPrice) || labelPrice <= 0)) {
    throw new AppError('INVALID_QUANTITY', { params: { qty: String(labelPrice) } });
  }
  if (!scale) {
    // Scanning the same product again adds to its line, so the receipt shows `3 × bread`, not three lines.
    const index = state.lines.findIndex(
      (line) =>
        !line.fromScale &&
        line.product.productId === product.productId &&
        line.product.unitPrice === product.unitPrice,
    );
    const existing = state.lines[index];
    if (existing) {
      const total = existing.qty + qty;
      checkQty(product, total);
      return replaceLine(state, index, { ...existing, qty: total });
    }
  }
  const line: CartLine = {
    product: { ...product },
    qty,
    discount: null,
    labelPrice,
    fromScale: Boolean(scale),
  };
  return freeze({ lines: [...state.lines, line], discount: state.discount });
}

function setQty(state: CartState, lineIndex: number, qty: Quantity, policy: DiscountPolicy): CartResult {
  const line = lineAt(state, lineIndex);
  checkQty(line.product, qty);
  // A typed quantity replaces what the label said, so the label price no longer applies.
  const next: CartLine = { ...line, qty, labelPrice: null };
  if (next.discount !== null) checkLineDiscount(next, next.discount, policy);
  const audit: CartAuditEntry[] =
    qty < line.qty
      ? [
          {
            type: 'line.reduced',
            line: {
              productId: line.product.productId,
              name: line.product.name,
              fromQty: line.qty,
              toQty: qty,
            },
          },
        ]
      : [];
  return { state: replaceLine(state, lineIndex, next), audit };
}

/** Gross amount of a line: the label's price, or unit price × quantity rounded half up. */
export function lineGross(line: CartLine): Money {
  return line.labelPrice ?? lineAmount(line.product.unitPrice, line.qty);
}

/** The cart as the money rule's input. */
export function cartInput(state: CartState): { lines: CartLineInput[]; discount: Discount | null } {
  return {
    lines: state.lines.map((line) => ({
      unitPrice: line.product.unitPrice,
      qty: line.qty,
      labelPrice: line.labelPrice,
      discount: line.discount,
      vatRate: line.product.vatRate,
      unit: line.product.unit,
      packageCode: line.product.packageCode ?? null,
      mxik: line.product.mxik ?? null,
    })),
    discount: state.discount,
  };
}

/**
 * Totals of the cart before payment (no cash rounding yet: that depends on how it is paid), by the one money
 * rule of `src/common/money-rule.ts`.
 */
export function cartTotals(state: CartState): CartTotals {
  const values = priceSale({ ...cartInput(state), cashRounding: 0 });
  return {
    lines: values.lines.map((l) => ({
      gross: l.gross,
      lineDiscount: l.ownDiscount,
      cartDiscountShare: l.saleDiscount,
      discount: l.discount,
      total: l.total,
    })),
    subtotal: values.gross,
    lineDiscounts: values.ownDiscounts,
    cartDiscount: values.saleDiscount,
    discount: values.discount,
    total: values.total,
    vat: values.vatByRate.map((v) => ({ rate: v.vatRate, gross: v.total, vat: v.vat })),
  };
}

/** The priced cart as the sale lines of `sale.completed`: the money rule's stored values. */
export function toSaleLines(state: CartState, values: SaleValues): SaleLine[] {
  return state.lines.map((line, index) => {
    const v = values.lines[index];
    const saleLine: SaleLine = {
      productId: line.product.productId,
      name: line.product.name,
      qty: line.qty,
      unitPrice: line.product.unitPrice,
      gross: v?.gross ?? 0,
      discount: v?.discount ?? 0,
      total: v?.total ?? 0,
      vatRate: line.product.vatRate,
      vat: v?.vat ?? 0,
      unit: line.product.unit,
    };
    if (v?.packageCode) saleLine.packageCode = v.packageCode;
    if (v?.mxik) saleLine.mxik = v.mxik;
    return saleLine;
  });
}

/** Largest discount this role may give, in basis points; owners and admins (and the platform) are not limited. */
export function discountLimit(policy: DiscountPolicy): number {
  return policy.role === 'cashier' ? Math.max(0, Math.min(10_000, policy.maxCashierDiscount)) : 10_000;
}

function checkDiscountShape(discount: Discount, base: Money): void {
  if ('percentBp' in discount) {
    if (!Number.isInteger(discount.percentBp) || discount.percentBp < 0 || discount.percentBp > 10_000) {
      throw new AppError('INVALID_DISCOUNT', { params: { reason: 'percent 0–100' } });
    }
  } else if (!Number.isSafeInteger(discount.amount) || discount.amount < 0 || discount.amount > base) {
    throw new AppError('INVALID_DISCOUNT', { params: { reason: 'amount above the price' } });
  }
}

/** Compares amount/base with the limit in integers: amount × 10000 ≤ limit × base. */
function checkWithinLimit(amount: Money, base: Money, policy: DiscountPolicy): void {
  const limit = discountLimit(policy);
  if (amount * 10_000 > limit * base) {
    throw new AppError('DISCOUNT_OVER_LIMIT', {
      params: { limit: formatBp(limit) },
      details: { amount, base, limitBp: limit },
    });
  }
}

function checkLineDiscount(line: CartLine, discount: Discount, policy: DiscountPolicy): void {
  const gross = lineGross(line);
  checkDiscountShape(discount, gross);
  checkWithinLimit(discountAmount(gross, discount), gross, policy);
}

/**
 * A cashier's limit holds for the whole receipt: line discounts plus the cart discount may not exceed the limit
 * of the gross subtotal, so stacking a cart discount on line discounts cannot get past it.
 */
function checkCartDiscount(state: CartState, discount: Discount, policy: DiscountPolicy): void {
  const totals = cartTotals({ ...state, discount: null });
  checkDiscountShape(discount, totals.total);
  checkWithinLimit(totals.lineDiscounts + discountAmount(totals.total, discount), totals.subtotal, policy);
}

function checkProduct(product: ProductSnapshot): void {
  if (!Number.isSafeInteger(product.unitPrice) || product.unitPrice < 0) {
    throw new AppError('VALIDATION_FAILED', {
      params: { field: 'unitPrice', reason: 'whole minor units ≥ 0' },
    });
  }
  if (!Number.isInteger(product.vatRate) || product.vatRate < 0 || product.vatRate > 10_000) {
    throw new AppError('VALIDATION_FAILED', { params: { field: 'vatRate', reason: 'basis points 0–10000' } });
  }
}

/** Pieces come in whole units; kilograms and litres in thousandths. */
function checkQty(product: ProductSnapshot, qty: Quantity): void {
  const whole = product.unit !== 'pcs' || qty % QTY_SCALE === 0;
  if (!Number.isSafeInteger(qty) || qty <= 0 || qty > MAX_QTY || !whole) {
    throw new AppError('INVALID_QUANTITY', {
      params: { qty: Number.isSafeInteger(qty) ? formatQuantity(qty) : String(qty) },
    });
  }
}

function lineAt(state: CartState, lineIndex: number): CartLine {
  const line = Number.isInteger(lineIndex) ? state.lines[lineIndex] : undefined;
  if (!line) throw new AppError('LINE_NOT_FOUND', { params: { line: lineIndex + 1 } });
  return line;
}

function replaceLine(state: CartState, lineIndex: number, line: CartLine): CartState {
  return freeze({
    lines: state.lines.map((existing, index) => (index === lineIndex ? line : existing)),
    discount: state.discount,
  });
}

function freeze(state: { lines: readonly CartLine[]; discount: Discount | null }): CartState {
  return Object.freeze({
    lines: Object.freeze(state.lines.map((line) => Object.freeze(line))),
    discount: state.discount,
  });
}

/** 1000 → `10`, 750 → `7.5` (percent, for messages). */
function formatBp(bp: number): string {
  return (bp / 100).toString();
}
