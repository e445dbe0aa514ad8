import type { Lang } from '../../common/i18n/index.js';
import { messageFor } from '../../common/i18n/index.js';
import { formatMoney, type Money } from '../../common/money.js';
import type { Payment, SaleCompletedData, SaleRefundedData } from '../../common/protocol/sync.js';
import { formatQuantity } from '../../common/quantity.js';
import { vatByRate } from '../sale/cart.js';
import { saleRounding } from '../sale/payment.js';

/** Characters per line: 58 mm paper prints 32 columns of font A, 80 mm prints 48. */
export const receiptWidths = { '58mm': 32, '80mm': 48 } as const;
export const MIN_RECEIPT_WIDTH = 24;

export interface ReceiptContext {
  storeName: string;
  /** The store's receipt header (address, tax id…); several lines allowed. */
  header?: string | null;
  device: string;
  cashierName: string;
  /** When the sale happened: ISO-8601 UTC or a Date. */
  occurredAt: string | Date;
  lang: Lang;
  width: number;
  currency?: string;
}

/** `dd.mm.yyyy HH:MM` in Tashkent time. Uzbekistan keeps UTC+5 all year (no daylight saving since 1992). */
export function formatTashkentTime(at: string | Date): string {
  const ms = (typeof at === 'string' ? Date.parse(at) : at.getTime()) + 5 * 3_600_000;
  const local = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(local.getUTCDate())}.${two(local.getUTCMonth() + 1)}.${local.getUTCFullYear()} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
  );
}

/** The customer's receipt of a sale, as lines no wider than `ctx.width`. */
export function renderSaleReceipt(sale: SaleCompletedData, ctx: ReceiptContext): string[] {
  const r = new ReceiptWriter(ctx);
  r.heading();
  r.pair(r.t('receipt.number'), sale.receiptNo);
  r.rule();
  sale.lines.forEach((line, index) => {
    r.wrapped(`${index + 1}. ${line.name}`);
    const gross = line.total + line.discount;
    r.pair(`  ${formatQuantity(line.qty)} x ${r.amount(line.unitPrice)}`, `= ${r.amount(gross)}`);
    if (line.discount > 0) {
      r.pair(`  ${r.t('receipt.discount')}`, `-${r.amount(line.discount)}`);
      r.pair('', r.amount(line.total));
    }
    if (line.mxik) r.pair(`  ${r.t('receipt.mxik')}:`, line.mxik);
  });
  r.rule();
  const linesTotal = sale.lines.reduce((a, l) => a + l.total, 0);
  const rounding = saleRounding(sale);
  if (sale.discount > 0) {
    r.pair(r.t('receipt.subtotal'), r.money(linesTotal + sale.discount));
    r.pair(r.t('receipt.discount'), r.money(-sale.discount));
  }
  if (rounding !== 0) r.pair(r.t('receipt.rounding'), r.money(rounding));
  r.pair(r.t('receipt.total'), r.money(sale.total));
  r.vat(vatByRate(sale.lines.map((l) => ({ rate: l.vatRate, total: l.total }))));
  r.rule();
  for (const payment of sale.payments) r.payment(payment);
  if (sale.change > 0) r.pair(r.t('receipt.change'), r.money(sale.change));
  r.rule();
  r.centered(r.t('receipt.thanks'));
  return r.lines;
}

/** The receipt of a refund; names come from the original sale's lines. */
export function renderRefundReceipt(
  refund: SaleRefundedData,
  sale: Pick<SaleCompletedData, 'receiptNo' | 'lines'>,
  ctx: ReceiptContext,
): string[] {
  const r = new ReceiptWriter(ctx);
  r.heading();
  r.centered(r.t('receipt.refund'));
  r.pair(r.t('receipt.refundNumber'), refund.refundNo);
  r.pair(r.t('receipt.number'), sale.receiptNo);
  r.rule();
  refund.lines.forEach((line, index) => {
    const sold = sale.lines.find((l) => l.productId === line.productId);
    r.wrapped(`${index + 1}. ${sold?.name ?? line.productId}`);
    r.pair(`  ${formatQuantity(line.qty)}`, `-${r.amount(line.total)}`);
    if (sold?.mxik) r.pair(`  ${r.t('receipt.mxik')}:`, sold.mxik);
  });
  r.rule();
  r.pair(r.t('receipt.total'), r.money(-refund.total));
  for (const payment of refund.payments) r.payment({ ...payment, amount: -payment.amount });
  return r.lines;
}

class ReceiptWriter {
  readonly lines: string[] = [];
  readonly width: number;

  constructor(private readonly ctx: ReceiptContext) {
    this.width = Math.max(MIN_RECEIPT_WIDTH, Math.floor(ctx.width));
  }

  t(key: string): string {
    return messageFor(this.ctx.lang, key);
  }

  /** With the currency: totals and payments. */
  money(minor: Money): string {
    return formatMoney(minor, this.ctx.currency);
  }

  /** Without the currency: item lines, where space is short. */
  amount(minor: Money): string {
    const text = formatMoney(minor, this.ctx.currency);
    return text.slice(0, text.lastIndexOf(' '));
  }

  heading(): void {
    this.centered(this.ctx.storeName.toUpperCase());
    for (const line of (this.ctx.header ?? '').split('\n')) if (line.trim()) this.centered(line.trim());
    this.rule();
    this.pair(this.t('receipt.device'), this.ctx.device);
    this.pair(this.t('receipt.cashier'), this.ctx.cashierName);
    this.pair(this.t('receipt.date'), formatTashkentTime(this.ctx.occurredAt));
  }

  rule(): void {
    this.lines.push('-'.repeat(this.width));
  }

  centered(text: string): void {
    for (const part of wrap(text, this.width)) {
      const pad = Math.floor((this.width - length(part)) / 2);
      this.lines.push(' '.repeat(pad) + part);
    }
  }

  wrapped(text: string): void {
    this.lines.push(...wrap(text, this.width));
  }

  /** Left text and a right-aligned value; the value moves to its own line when both do not fit. */
  pair(left: string, right: string): void {
    const gap = this.width - length(left) - length(right);
    if (gap >= 1) {
      this.lines.push(left + ' '.repeat(gap) + right);
      return;
    }
    this.lines.push(...wrap(left, this.width));
    for (const part of wrap(right, this.width)) this.lines.push(' '.repeat(this.width - length(part)) + part);
  }

  vat(rates: { rate: number; gross: Money; vat: Money }[]): void {
    for (const { rate, gross, vat } of rates) {
      if (rate > 0) this.pair(`${this.t('receipt.vat')} ${formatPercent(rate)}`, this.money(vat));
      else this.pair(this.t('receipt.noVat'), this.money(gross));
    }
  }

  payment(payment: Pick<Payment, 'method' | 'amount' | 'cardType' | 'reference'>): void {
    const label =
      payment.method === 'cash'
        ? this.t('receipt.cash')
        : `${this.t(payment.method === 'card' ? 'receipt.card' : 'receipt.qr')}` +
          (payment.cardType ? ` (${brand(payment.cardType)})` : '');
    this.pair(label, this.money(payment.amount));
    if (payment.reference) this.pair(`  ${this.t('receipt.reference')}:`, payment.reference);
  }
}

const brands: Record<string, string> = {
  uzcard: 'Uzcard',
  humo: 'Humo',
  visa: 'Visa',
  mastercard: 'Mastercard',
  click: 'Click',
  payme: 'Payme',
  uzum: 'Uzum',
};

function brand(cardType: string): string {
  return brands[cardType] ?? cardType;
}

/** 1200 → `12%`, 1250 → `12.5%`. */
function formatPercent(bp: number): string {
  return `${bp / 100}%`;
}

/** Columns a string takes: one per code point (receipt fonts are monospaced, no wide characters). */
function length(text: string): number {
  return [...text].length;
}

/** Word wrap to `width` columns; a word longer than the line is cut. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (length(rest) > width) {
      if (line) {
        out.push(line);
        line = '';
      }
      const chars = [...rest];
      out.push(chars.slice(0, width).join(''));
      rest = chars.slice(width).join('');
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (length(line) + 1 + length(rest) <= width) line += ` ${rest}`;
    else {
      out.push(line);
      line = rest;
    }
  }
  if (line || out.length === 0) out.push(line);
  return out;
}
