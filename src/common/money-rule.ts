import type { Money } from './money.js';
import type { Unit } from './protocol/catalog.js';
import type { Quantity } from './quantity.js';

/**
 * The money rule: the only code that turns a cart (or a refund of a sale) into the stored line values that the
 * receipt, the X/Z reports, the server's reports, the CSV exports and the fiscal module all add up.
 *
 * A sale, step by step (money in tiyin, quantities in thousandths, VAT rates in basis points):
 * 1. `gross` of a line = unit price × qty rounded half up (or the price printed on a scale label).
 * 2. Its own discount: a percentage of its gross (half up) or an amount, never above the gross.
 * 3. The sale discount (a percentage or an amount of the sum after own discounts, never above it) is spread over
 *    the lines in proportion to what each costs after its own discount.
 * 4. Card and QR parts are paid exactly. The cash part (total − card − QR) is rounded DOWN to the store's coin
 *    (`cashRounding`: 0 off, 5000 = 50 so'm, 10000 = 100 so'm); never up, as no fiscal line can carry a
 *    rounding up, and no coin exists to give change for it. The amount taken off is spread over the lines like the sale discount,
 *    in proportion to what each costs after both discounts.
 * 5. Per line: `discount` = own + share of the sale discount + share of the rounding, `total` = gross −
 *    discount, `vat` = total × rate / (10000 + rate) half up (VAT is inside Uzbek shelf prices).
 * "Spread in proportion" is the largest-remainder method: each line gets the floor of its exact share, the
 * tiyin left over go one each to the lines with the largest remainders, ties to the earlier line. A share is
 * never above the line's weight, so no line goes below zero and the lines sum exactly to the sale total.
 * So Σ line totals = card + QR + cash kept (cash received − change): the FISCAL.md sum rule holds with 0 left.
 *
 * A refund takes its values from the stored sale lines in proportion to the quantity given back: the refunded
 * share of a line's total and of its discount after `c` of `q` units are back is round(x × c / q), less what
 * earlier refunds took, so refunding everything in pieces returns each line's total exactly. Money goes back
 * the way it came (card and QR first, up to what each paid and was not yet refunded), and the cash part is
 * rounded down like a sale's, the amount kept written into the refund lines as discount.
 */

export type PaymentMethod = 'cash' | 'card' | 'qr';

/** A percentage in basis points (10% = 1000) or a fixed amount in tiyin. */
export type Discount = { percentBp: number } | { amount: Money };

export interface CartLineInput {
  unitPrice: Money;
  qty: Quantity;
  /** The price printed on a scale label: the line's gross instead of unit price × qty. */
  labelPrice?: Money | null;
  /** The line's own discount. */
  discount?: Discount | null;
  vatRate: number;
  unit: Unit;
  packageCode?: string | null;
  mxik?: string | null;
}

/** What every stored sale or refund line carries, and what the fiscal module receives as is. */
export interface LineValues {
  qty: Quantity;
  /** Before any discount. */
  gross: Money;
  /** Own discount + share of the sale discount + share of the cash rounding. */
  discount: Money;
  /** gross − discount. */
  total: Money;
  vatRate: number;
  /** total × rate / (10000 + rate), half up. */
  vat: Money;
  unit: Unit;
  packageCode?: string;
  mxik?: string;
}

export interface SaleLineValues extends LineValues {
  unitPrice: Money;
  /** The parts of `discount`, for the receipt and the discount report. */
  ownDiscount: Money;
  saleDiscount: Money;
  rounding: Money;
}

export interface VatLine {
  vatRate: number;
  /** Sum of the line totals at this rate (VAT included). */
  total: Money;
  vat: Money;
}

export interface Tendered {
  method: PaymentMethod;
  /** Card and QR: the amount charged. Cash: what the customer handed over. */
  amount: Money;
}

export interface SaleValues {
  lines: SaleLineValues[];
  /** Σ gross. */
  gross: Money;
  ownDiscounts: Money;
  saleDiscount: Money;
  /** The cash part's rounding down (≥ 0), already inside the lines' discounts. */
  rounding: Money;
  /** Σ line discounts = gross − total. */
  discount: Money;
  /** What the customer pays = Σ line totals. */
  total: Money;
  vat: Money;
  vatByRate: VatLine[];
  /** Card + QR. */
  nonCash: Money;
  /** The cash part after rounding: what the drawer keeps. */
  cashDue: Money;
  /** Cash handed over. */
  cashTendered: Money;
  /** Cash given back, whole coins when what was handed over is. */
  change: Money;
  /** Still to pay (0 once covered). */
  remaining: Money;
}

/** VAT inside an amount at a rate in basis points: amount × rate / (10000 + rate), half up, exact in BigInt. */
export function vatOf(amount: Money, vatRate: number): Money {
  if (vatRate <= 0 || amount === 0) return 0;
  const sign = amount < 0 ? -1n : 1n;
  const a = BigInt(Math.abs(amount));
  const r = BigInt(vatRate);
  const d = 10_000n + r;
  return Number(sign * ((2n * a * r + d) / (2n * d)));
}

/** The cash part rounded down to the coin (`step` 0 = off); never up, even when that leaves nothing. */
export function roundCashDown(cash: Money, step: number): Money {
  if (!Number.isSafeInteger(step) || step <= 0 || cash <= 0) return Math.max(0, cash);
  return cash - (cash % step);
}

/** A discount's amount on a base: percent half up, capped at the base. */
export function discountAmount(base: Money, discount: Discount | null | undefined): Money {
  if (!discount) return 0;
  const amount =
    'percentBp' in discount
      ? Number((2n * BigInt(base) * BigInt(discount.percentBp) + 10_000n) / 20_000n)
      : discount.amount;
  return Math.max(0, Math.min(amount, base));
}

/** unit price × qty (thousandths), half up, exact in BigInt. */
export function grossOf(unitPrice: Money, qty: Quantity): Money {
  return Number((2n * BigInt(unitPrice) * BigInt(qty) + 1000n) / 2000n);
}

/**
 * Prices a sale: the cart, its sale discount and what was tendered so far (none yet: all cash, nothing
 * handed over). See the rule above.
 */
export function priceSale(input: {
  lines: readonly CartLineInput[];
  discount?: Discount | null;
  tendered?: readonly Tendered[];
  cashRounding: number;
}): SaleValues {
  const gross = input.lines.map((l) => l.labelPrice ?? grossOf(l.unitPrice, l.qty));
  const own = input.lines.map((l, i) => discountAmount(gross[i] ?? 0, l.discount));
  const afterOwn = gross.map((g, i) => g - (own[i] ?? 0));
  const base = sum(afterOwn);
  const saleDiscount = discountAmount(base, input.discount);
  const saleShares = spread(saleDiscount, afterOwn);
  const afterSale = afterOwn.map((a, i) => a - (saleShares[i] ?? 0));
  const exact = base - saleDiscount;

  const tendered = input.tendered ?? [];
  const nonCash = sum(tendered.filter((t) => t.method !== 'cash').map((t) => t.amount));
  const cashTendered = sum(tendered.filter((t) => t.method === 'cash').map((t) => t.amount));
  const cashPart = Math.max(0, exact - nonCash);
  const cashDue = roundCashDown(cashPart, input.cashRounding);
  const rounding = cashPart - cashDue;
  const roundingShares = spread(rounding, afterSale);

  const lines = input.lines.map((l, i): SaleLineValues => {
    const r = roundingShares[i] ?? 0;
    const total = (afterSale[i] ?? 0) - r;
    const ownDiscount = own[i] ?? 0;
    const saleShare = saleShares[i] ?? 0;
    return {
      qty: l.qty,
      unitPrice: l.unitPrice,
      gross: gross[i] ?? 0,
      ownDiscount,
      saleDiscount: saleShare,
      rounding: r,
      discount: ownDiscount + saleShare + r,
      total,
      vatRate: l.vatRate,
      vat: vatOf(total, l.vatRate),
      unit: l.unit,
      ...fiscalCodes(l),
    };
  });
  const total = exact - rounding;
  return {
    lines,
    gross: sum(gross),
    ownDiscounts: sum(own),
    saleDiscount,
    rounding,
    discount: sum(gross) - total,
    total,
    vat: sum(lines.map((l) => l.vat)),
    vatByRate: vatByRate(lines),
    nonCash,
    cashDue,
    cashTendered,
    change: Math.max(0, cashTendered - cashDue),
    remaining: Math.max(0, cashDue - cashTendered),
  };
}

/** A sold line (or the pool of a product's sold lines) and how much of it comes back. */
export interface RefundLineInput {
  /** Stored values of the sold line: qty, gross, discount, total, rate, unit, codes. */
  sold: Omit<LineValues, 'vat'>;
  /** Quantity given back by earlier refunds. */
  refundedQty: Quantity;
  /** Quantity given back now (> 0, at most sold − refunded: the caller checks). */
  qty: Quantity;
}

export interface RefundValues {
  lines: LineValues[];
  /** Σ line totals: what goes back to the customer. */
  total: Money;
  /** Cash kept by rounding the cash part down, inside the lines' discounts. */
  rounding: Money;
  vat: Money;
  vatByRate: VatLine[];
  /** Card/QR first (up to what each may still take back), cash for the rest. */
  payments: { method: PaymentMethod; amount: Money }[];
}

/**
 * Prices a refund from the stored sale lines (see the rule above). `refundable` lists, per card/QR method of
 * the sale, what it paid less what earlier refunds gave back to it, in the sale's order.
 */
export function priceRefund(input: {
  lines: readonly RefundLineInput[];
  refundable: readonly { method: Exclude<PaymentMethod, 'cash'>; amount: Money }[];
  cashRounding: number;
}): RefundValues {
  const parts = input.lines.map(({ sold, refundedQty, qty }) => {
    const before = refundedQty;
    const after = refundedQty + qty;
    const total = shareAt(sold.total, after, sold.qty) - shareAt(sold.total, before, sold.qty);
    const discount = shareAt(sold.discount, after, sold.qty) - shareAt(sold.discount, before, sold.qty);
    return { total, discount };
  });
  const exact = sum(parts.map((p) => p.total));

  const payments: RefundValues['payments'] = [];
  let left = exact;
  for (const { method, amount } of input.refundable) {
    const back = Math.min(left, Math.max(0, amount));
    if (back > 0) payments.push({ method, amount: back });
    left -= back;
  }
  const cash = roundCashDown(left, input.cashRounding);
  const rounding = left - cash;
  if (cash > 0 || payments.length === 0) payments.push({ method: 'cash', amount: cash });

  const shares = spread(
    rounding,
    parts.map((p) => p.total),
  );
  const lines = input.lines.map(({ sold, qty }, i): LineValues => {
    const r = shares[i] ?? 0;
    const part = parts[i] ?? { total: 0, discount: 0 };
    const total = part.total - r;
    return {
      qty,
      gross: part.total + part.discount,
      discount: part.discount + r,
      total,
      vatRate: sold.vatRate,
      vat: vatOf(total, sold.vatRate),
      unit: sold.unit,
      ...fiscalCodes(sold),
    };
  });
  return {
    lines,
    total: exact - rounding,
    rounding,
    vat: sum(lines.map((l) => l.vat)),
    vatByRate: vatByRate(lines),
    payments,
  };
}

/** VAT per rate of stored lines (rates ascending): the sum of their `vat`, never re-extracted. */
export function vatByRate(lines: readonly Pick<LineValues, 'vatRate' | 'total' | 'vat'>[]): VatLine[] {
  const byRate = new Map<number, VatLine>();
  for (const line of lines) {
    const entry = byRate.get(line.vatRate) ?? { vatRate: line.vatRate, total: 0, vat: 0 };
    entry.total += line.total;
    entry.vat += line.vat;
    byRate.set(line.vatRate, entry);
  }
  return [...byRate.values()].sort((a, b) => a.vatRate - b.vatRate);
}

/**
 * Splits `amount` over `weights` in proportion (largest remainder, ties to the earlier weight), so the parts
 * are whole tiyin summing exactly to `amount`, each at most its weight when amount ≤ Σ weights.
 */
export function spread(amount: Money, weights: readonly Money[]): Money[] {
  const total = sum(weights);
  if (amount <= 0 || total <= 0) return weights.map(() => 0);
  const big = BigInt(Math.min(amount, total));
  const bigTotal = BigInt(total);
  const parts = weights.map((w) => (big * BigInt(Math.max(0, w))) / bigTotal);
  const order = weights
    .map((w, index) => ({ index, rest: (big * BigInt(Math.max(0, w))) % bigTotal }))
    .sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  let left = big - parts.reduce((a, b) => a + b, 0n);
  const result = parts.map(Number);
  for (const { index } of order) {
    if (left === 0n) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1n;
  }
  return result;
}

/** round(amount × c / q) half up, exact; the whole amount once c reaches q. */
function shareAt(amount: Money, c: Quantity, q: Quantity): Money {
  if (c <= 0 || q <= 0) return 0;
  if (c >= q) return amount;
  return Number((2n * BigInt(amount) * BigInt(c) + BigInt(q)) / (2n * BigInt(q)));
}

function fiscalCodes(line: {
  packageCode?: string | null;
  mxik?: string | null;
}): Pick<LineValues, 'packageCode' | 'mxik'> {
  const codes: Pick<LineValues, 'packageCode' | 'mxik'> = {};
  if (line.packageCode) codes.packageCode = line.packageCode;
  if (line.mxik) codes.mxik = line.mxik;
  return codes;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
