import type {
  EventType,
  SaleCompletedData,
  SaleRefundedData,
  SyncEvent,
} from '../../common/protocol/sync.js';
import { vatOf } from '../../common/money-rule.js';
import type { RefundBasis, Sold } from './queries.js';

/** What the checks know from the database, looked up once per batch. */
export interface CheckFacts {
  storeId: string;
  /** Products of the tenant. */
  products: ReadonlySet<string>;
  /** Shifts already on the server among those the events name. */
  shifts: ReadonlySet<string>;
  /** Cashiers of the tenant among those the events name: id → still active. */
  cashiers: ReadonlyMap<string, boolean>;
  /** Sales the refunds of the batch refer to, as the server holds them. */
  refundBases: ReadonlyMap<string, RefundBasis>;
}

/**
 * An impossible event is refused (`problem`); a possible but odd one is applied and flagged for the owner
 * (`review`), because an offline register must never lose a real sale.
 */
export interface Verdict {
  problem?: string;
  review?: string;
}

/** The facts as the batch goes on: what earlier events of the same batch opened, sold and refunded. */
interface BatchState {
  facts: CheckFacts;
  shifts: Set<string>;
  bases: Map<string, RefundBasis>;
}

type Check<T extends EventType> = (event: Extract<SyncEvent, { type: T }>, state: BatchState) => Verdict;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The rounding a register may do on a price-embedded scale label: the weight is whole grams of the price. */
function grossTolerance(unitPrice: number): number {
  return Math.ceil(unitPrice / 1000) + 1;
}

/** The largest cash rounding a store can set (100 so'm), always down. */
const MAX_CASH_ROUNDING = 10_000;

/**
 * The stored line values of the one money rule (registers that send them): gross − discount = total, and VAT is
 * the line total's at its rate, to the tiyin; the lines then sum exactly to the total.
 */
function moneyRuleProblem(d: {
  lines: ReadonlyArray<{ gross?: number; discount?: number; total: number; vat?: number; vatRate?: number }>;
  total: number;
  rounding?: number;
}): string | undefined {
  const bad = d.lines.findIndex(
    (l) =>
      (l.gross !== undefined && l.gross - (l.discount ?? 0) !== l.total) ||
      (l.vat !== undefined && l.vat !== vatOf(l.total, l.vatRate ?? 0)),
  );
  if (bad >= 0) return `line ${bad + 1}: gross, discount, total and VAT do not agree`;
  if (d.rounding !== undefined && sum(d.lines.map((l) => l.total)) !== d.total)
    return `lines do not sum to the total ${d.total}`;
  return undefined;
}

/** The sale's own arithmetic: each line, the lines against the total, the payments against total and change. */
function saleArithmetic(d: SaleCompletedData): string | undefined {
  const ruled = moneyRuleProblem(d);
  if (ruled) return ruled;
  for (const [i, line] of d.lines.entries()) {
    const gross = line.total + line.discount;
    const expected = Math.round((line.qty * line.unitPrice) / 1000);
    if (Math.abs(gross - expected) > grossTolerance(line.unitPrice))
      return `line ${i + 1}: total ${line.total} + discount ${line.discount} is not qty × price (${expected})`;
  }
  const lines = sum(d.lines.map((l) => l.total));
  // Lines sum to the total, or to a little more when an all-cash sale was rounded down.
  if (d.total > lines || lines - d.total >= MAX_CASH_ROUNDING)
    return `total ${d.total} is not the sum of its lines (${lines})`;
  const paid = sum(d.payments.map((p) => p.amount));
  if (paid < d.total) return `payments ${paid} do not cover the total ${d.total}`;
  if (paid - d.change !== d.total) return `change ${d.change} is not paid ${paid} − total ${d.total}`;
  const cash = sum(d.payments.filter((p) => p.method === 'cash').map((p) => p.amount));
  if (d.change > cash) return `change ${d.change} is more than the cash given (${cash})`;
  return undefined;
}

function cashierReview(cashierId: string | undefined, state: BatchState): string | undefined {
  if (cashierId === undefined) return undefined;
  const active = state.facts.cashiers.get(cashierId);
  if (active === undefined) return `unknown cashier ${cashierId}`;
  if (!active) return `cashier ${cashierId} was disabled`;
  return undefined;
}

function shiftReview(shiftId: string | undefined, state: BatchState): string | undefined {
  return shiftId === undefined || state.shifts.has(shiftId)
    ? undefined
    : `shift ${shiftId} not seen by the server`;
}

function reviews(...notes: Array<string | undefined>): Verdict {
  const found = notes.filter((n): n is string => n !== undefined);
  return found.length > 0 ? { review: found.join('; ') } : {};
}

function unknownProduct(lines: ReadonlyArray<{ productId: string }>, state: BatchState): string | undefined {
  const unknown = lines.find((line) => !state.facts.products.has(line.productId));
  return unknown && `unknown product ${unknown.productId}`;
}

const checkSale: Check<'sale.completed'> = (e, state) => {
  const problem = unknownProduct(e.data.lines, state) ?? saleArithmetic(e.data);
  if (problem) return { problem };
  // Later refunds in the same batch may refer to it.
  const sold = new Map<string, Sold>();
  for (const line of e.data.lines) {
    const entry = sold.get(line.productId) ?? { qty: 0, total: 0 };
    sold.set(line.productId, { qty: entry.qty + line.qty, total: entry.total + line.total });
  }
  state.bases.set(e.id, {
    storeId: state.facts.storeId,
    total: e.data.total,
    sold,
    refundedTotal: 0,
    refunded: new Map(),
  });
  return reviews(cashierReview(e.data.cashierId, state), shiftReview(e.data.shiftId, state));
};

/** Never more than sold minus already refunded, in quantity and in money, per product and for the sale. */
function refundProblem(
  d: SaleRefundedData,
  basis: RefundBasis | undefined,
  storeId: string,
): string | undefined {
  if (!basis || basis.storeId !== storeId) return `refund of sale ${d.saleId}, which this store never sent`;
  const ruled = moneyRuleProblem(d);
  if (ruled) return ruled;
  const lines = sum(d.lines.map((l) => l.total));
  // The refund that completes a sale gives back its total, a little less than its lines if it was rounded.
  if (d.total > lines || lines - d.total >= MAX_CASH_ROUNDING)
    return `total ${d.total} is not the sum of its lines (${lines})`;
  const paid = sum(d.payments.map((p) => p.amount));
  if (paid !== d.total) return `payments ${paid} are not the refund total ${d.total}`;
  const asked = new Map<string, Sold>();
  for (const line of d.lines) {
    const entry = asked.get(line.productId) ?? { qty: 0, total: 0 };
    asked.set(line.productId, { qty: entry.qty + line.qty, total: entry.total + line.total });
  }
  for (const [productId, want] of asked) {
    const sold = basis.sold.get(productId);
    if (!sold) return `product ${productId} is not on sale ${d.saleId}`;
    const done = basis.refunded.get(productId) ?? { qty: 0, total: 0 };
    if (want.qty > sold.qty - done.qty)
      return `refunds ${want.qty} of product ${productId}; ${sold.qty - done.qty} left of ${sold.qty} sold`;
    if (want.total > sold.total - done.total)
      return `refunds ${want.total} for product ${productId}; ${sold.total - done.total} left`;
  }
  if (d.total > basis.total - basis.refundedTotal)
    return `refunds ${d.total}; ${basis.total - basis.refundedTotal} left of the sale's ${basis.total}`;
  return undefined;
}

const checkRefund: Check<'sale.refunded'> = (e, state) => {
  const d = e.data;
  const basis = state.bases.get(d.saleId) ?? state.facts.refundBases.get(d.saleId);
  const problem = unknownProduct(d.lines, state) ?? refundProblem(d, basis, state.facts.storeId);
  if (problem) return { problem };
  // A later refund of the same sale in this batch counts this one.
  const next: RefundBasis = {
    ...basis!,
    refundedTotal: basis!.refundedTotal + d.total,
    refunded: new Map(basis!.refunded),
  };
  for (const line of d.lines) {
    const done = next.refunded.get(line.productId) ?? { qty: 0, total: 0 };
    next.refunded.set(line.productId, { qty: done.qty + line.qty, total: done.total + line.total });
  }
  state.bases.set(d.saleId, next);
  return reviews(cashierReview(d.cashierId, state), shiftReview(d.shiftId, state));
};

const checkShiftOpened: Check<'shift.opened'> = (e, state) => {
  if (state.shifts.has(e.data.shiftId)) return { problem: `shift ${e.data.shiftId} already opened` };
  state.shifts.add(e.data.shiftId);
  return reviews(cashierReview(e.data.cashierId, state));
};

const checkShiftClosed: Check<'shift.closed'> = (e, state) =>
  state.shifts.has(e.data.shiftId) ? {} : { problem: `unknown shift ${e.data.shiftId}` };

const checkCashMoved: Check<'cash.moved'> = (e, state) => reviews(shiftReview(e.data.shiftId, state));

/** One entry per event type: adding a type is adding its check here. */
const checks: { [T in EventType]: Check<T> } = {
  'sale.completed': checkSale,
  'sale.refunded': checkRefund,
  'shift.opened': checkShiftOpened,
  'shift.closed': checkShiftClosed,
  'cash.moved': checkCashMoved,
  'audit.recorded': () => ({}),
  'device.status': () => ({}),
};

/**
 * Checks in batch order, as a bank checks a deposit. Products must be the tenant's (a foreign id must never move
 * another tenant's stock); a sale's arithmetic must hold; a refund only of a sale this store sent (before, or
 * earlier in the batch), never more than is left of it; a shift opened once, closed only after it was opened.
 * Stock is never checked: a sale made offline happened. Returns a verdict per event id that has one.
 */
export function checkEvents(events: readonly SyncEvent[], facts: CheckFacts): Map<string, Verdict> {
  const state: BatchState = { facts, shifts: new Set(facts.shifts), bases: new Map() };
  const verdicts = new Map<string, Verdict>();
  for (const e of events) {
    const verdict = (checks[e.type] as Check<EventType>)(e as never, state);
    if (verdict.problem || verdict.review) verdicts.set(e.id, verdict);
  }
  return verdicts;
}
