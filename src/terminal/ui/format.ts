import { formatMoney, type Money } from '../../common/money.js';
import type { Unit } from '../../common/protocol/catalog.js';
import { formatQuantity } from '../../common/quantity.js';
import { cartTotals, type CartState } from '../sale/cart.js';
import type { ShiftReport } from '../sale/shift-report.js';
import { formatQtyUnit, formatTashkentTime } from '../receipt/text.js';
import type { Lang } from '../../common/i18n/index.js';
import { say } from './text.js';

/**
 * A quantity as the cart and the receipt show it (`1,250 kg`, `3 dona`); without a unit (a product no longer in the
 * local catalog, or a line stored before units were) the number alone, written the same way.
 */
export function quantityText(qty: number, unit: Unit | null | undefined, lang: Lang): string {
  return unit ? formatQtyUnit(qty, unit, lang) : formatQuantity(qty).replace('.', ',');
}

/** Display width in columns; names are mostly Latin/Cyrillic, so one column per code point is close enough. */
export function width(text: string): number {
  return [...text].length;
}

/** Cuts to `columns`, marking the cut with `…`, so a long product name never wraps a row off the screen. */
export function truncate(text: string, columns: number): string {
  if (columns <= 0) return '';
  const chars = [...text];
  return chars.length <= columns ? text : `${chars.slice(0, columns - 1).join('')}…`;
}

export function padEnd(text: string, columns: number): string {
  const cut = truncate(text, columns);
  return cut + ' '.repeat(Math.max(0, columns - width(cut)));
}

export function padStart(text: string, columns: number): string {
  const cut = truncate(text, columns);
  return ' '.repeat(Math.max(0, columns - width(cut))) + cut;
}

/** `left …… right` in exactly `columns`. */
export function spread(left: string, right: string, columns: number): string {
  const r = truncate(right, columns);
  return padEnd(left, Math.max(0, columns - width(r) - 1)) + ' ' + r;
}

/** Money without the currency, for table columns. */
export function amount(minor: Money): string {
  const text = formatMoney(minor);
  return text.slice(0, text.lastIndexOf(' '));
}

export interface CartRow {
  index: number;
  text: string;
  discounted: boolean;
}

/** Column widths of the cart table at a terminal width: qty, price and total fixed, the name takes the rest. */
export function cartColumns(columns: number): {
  no: number;
  name: number;
  qty: number;
  price: number;
  total: number;
} {
  // `12,345 kg`, `1000 dona`: the quantity with its unit, as the receipt prints it.
  const qty = 11;
  const price = 12;
  const total = 13;
  const no = 3;
  return { no, qty, price, total, name: Math.max(8, columns - no - qty - price - total - 4) };
}

export function cartHeader(lang: Lang, columns: number): string {
  const c = cartColumns(columns);
  return [
    padStart('#', c.no),
    padEnd(say(lang, 'ui.sale.col.name'), c.name),
    padStart(say(lang, 'ui.sale.col.qty'), c.qty),
    padStart(say(lang, 'ui.sale.col.price'), c.price),
    padStart(say(lang, 'ui.sale.col.total'), c.total),
  ].join(' ');
}

/** Each cart line as one row: `n name qty unit × price = total`, the total after the line's own discount. */
export function cartRows(cart: CartState, columns: number, lang: Lang): CartRow[] {
  const c = cartColumns(columns);
  const totals = cartTotals(cart);
  return cart.lines.map((line, index) => {
    const t = totals.lines[index];
    const lineTotal = (t?.gross ?? 0) - (t?.lineDiscount ?? 0);
    const name = line.discount ? `${line.product.name} %` : line.product.name;
    return {
      index,
      discounted: line.discount !== null,
      text: [
        padStart(String(index + 1), c.no),
        padEnd(name, c.name),
        padStart(formatQtyUnit(line.qty, line.product.unit, lang), c.qty),
        padStart(amount(line.product.unitPrice), c.price),
        padStart(amount(lineTotal), c.total),
      ].join(' '),
    };
  });
}

/** The first row of the window of `size` rows that keeps `selected` visible, scrolling as little as possible. */
export function scrollTop(selected: number, count: number, size: number, previousTop = 0): number {
  if (count <= size) return 0;
  let top = Math.min(Math.max(0, previousTop), count - size);
  if (selected < top) top = selected;
  if (selected >= top + size) top = selected - size + 1;
  return top;
}

/** X/Z report as screen lines of `columns`. */
export function reportLines(report: ShiftReport, lang: Lang, columns: number): string[] {
  const row = (label: string, value: Money) => spread(label, formatMoney(value), columns);
  // The drawer figures first: at 24 rows they are what the cashier must see without scrolling.
  const lines = [
    row(say(lang, 'ui.report.opening'), report.openingCash),
    row(say(lang, 'ui.report.sales', { count: report.sales.count }), report.sales.total),
    row(say(lang, 'ui.report.refunds', { count: report.refunds.count }), report.refunds.total),
    row(say(lang, 'ui.report.net'), report.net),
    row(say(lang, 'ui.report.cashIn'), report.cashIn),
    row(say(lang, 'ui.report.cashOut'), report.cashOut),
    row(say(lang, 'ui.report.expected'), report.expectedCash),
  ];
  if (report.countedCash !== null) lines.push(row(say(lang, 'ui.report.counted'), report.countedCash));
  if (report.difference !== null) lines.push(row(say(lang, 'ui.report.difference'), report.difference));
  lines.push(
    '-'.repeat(columns),
    row(`  ${say(lang, 'ui.pay.cash')}`, report.payments.cash - report.refundPayments.cash),
    row(`  ${say(lang, 'ui.pay.card')}`, report.payments.card - report.refundPayments.card),
    row(`  ${say(lang, 'ui.pay.qr')}`, report.payments.qr - report.refundPayments.qr),
    ...Object.entries(report.byCardType).map(([type, value]) => row(`    ${type}`, value)),
    row(say(lang, 'ui.report.discounts'), report.sales.discount),
    ...report.vat.map((v) => row(say(lang, 'ui.report.vat', { rate: v.rate / 100 }), v.vat)),
  );
  return lines;
}

/** `25.11.2026 16:05` → `16:05` when it is today (Tashkent time), else the date too. */
export function timeLabel(at: string, now: Date): string {
  const stamp = formatTashkentTime(at);
  return stamp.slice(0, 10) === formatTashkentTime(now).slice(0, 10) ? stamp.slice(11) : stamp;
}

/** The last sync for the status bar. */
export function syncTimeLabel(at: string | null, now: Date, lang: Lang): string {
  return at ? timeLabel(at, now) : say(lang, 'ui.status.never');
}
