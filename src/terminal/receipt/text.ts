import type { Lang } from '../../common/i18n/index.js';
import { messageFor } from '../../common/i18n/index.js';
import { formatMoney, type Money } from '../../common/money.js';
import { vatByRate, vatOf } from '../../common/money-rule.js';
import type { Unit } from '../../common/protocol/catalog.js';
import type { Payment, SaleCompletedData, SaleRefundedData } from '../../common/protocol/sync.js';
import { formatQuantity } from '../../common/quantity.js';
import { saleRounding } from '../sale/payment.js';

/** Characters per line: 58 mm paper prints 32 columns of font A, 80 mm prints 48. */
export const receiptWidths = { '58mm': 32, '80mm': 48 } as const;
export const MIN_RECEIPT_WIDTH = 24;

export interface ReceiptContext {
  storeName: string;
  /** The seller as a fiscal receipt names it: legal name, STIR (9-digit tax id) and address (store settings). */
  legalName?: string | null;
  stir?: string | null;
  address?: string | null;
  /** The store's free-text receipt header; several lines allowed. */
  header?: string | null;
  device: string;
  cashierName: string;
  /** When the sale happened: ISO-8601 UTC or a Date. */
  occurredAt: string | Date;
  lang: Lang;
  width: number;
  currency?: string;
  /** A reprint: marked `NUSXA` / `КОПИЯ` / `COPY` at the top and the bottom. */
  copy?: boolean;
  /** The fiscal module's answer for this document, printed as its own block once there is one. */
  fiscal?: ReceiptFiscal | null;
}

/** What a fiscal module returns for a registered receipt (FISCAL.md); the QR code itself is the printer's. */
export interface ReceiptFiscal {
  terminalId: string;
  receiptSeq: number | string;
  dateTime: string;
  fiscalSign: string;
  qrUrl: string;
}

/** `dd.mm.yyyy HH:MM:SS` in Tashkent time. Uzbekistan keeps UTC+5 all year (no daylight saving since 1992). */
export function formatTashkentTime(at: string | Date): string {
  const ms = (typeof at === 'string' ? Date.parse(at) : at.getTime()) + 5 * 3_600_000;
  const local = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(local.getUTCDate())}.${two(local.getUTCMonth() + 1)}.${local.getUTCFullYear()} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`
  );
}

/** `1,235 kg`, `3 dona`: the quantity with a decimal comma (as Uzbek receipts write it) and its unit. */
export function formatQtyUnit(qty: number, unit: Unit, lang: Lang): string {
  return `${formatQuantity(qty).replace('.', ',')} ${messageFor(lang, `unit.${unit}`)}`;
}

/** The stored values of a line, for lines stored before the money rule too. */
function valuesOf(line: {
  total: number;
  discount?: number;
  gross?: number;
  vat?: number;
  vatRate?: number;
}): { gross: Money; discount: Money; vat: Money; vatRate: number } {
  const discount = line.discount ?? 0;
  const vatRate = line.vatRate ?? 0;
  return {
    gross: line.gross ?? line.total + discount,
    discount,
    vat: line.vat ?? vatOf(line.total, vatRate),
    vatRate,
  };
}

/** The customer's receipt of a sale, as lines no wider than `ctx.width`. */
export function renderSaleReceipt(sale: SaleCompletedData, ctx: ReceiptContext): string[] {
  const r = new ReceiptWriter(ctx);
  r.heading();
  r.pair(r.t('receipt.number'), sale.receiptNo);
  r.rule();
  sale.lines.forEach((line, index) => {
    r.item(index, line.name, { ...line, ...valuesOf(line), unit: line.unit ?? 'pcs' }, line.unitPrice);
  });
  r.rule();
  const lines = sale.lines.map((l) => ({ ...l, ...valuesOf(l) }));
  const gross = lines.reduce((a, l) => a + l.gross, 0);
  const rounding = -saleRounding(sale);
  // The money rule keeps the rounding inside the line discounts; sales stored before it kept it apart.
  const discount = lines.reduce((a, l) => a + l.discount, 0) - (sale.rounding ?? 0);
  if (discount > 0 || rounding !== 0) r.pair(r.t('receipt.subtotal'), r.money(gross));
  if (discount > 0) r.pair(r.t('receipt.discount'), r.money(-discount));
  if (rounding !== 0) r.pair(r.t('receipt.rounding'), r.money(-rounding));
  r.pair(r.t('receipt.total'), r.money(sale.total));
  r.vat(lines);
  r.rule();
  for (const payment of sale.payments) r.payment(payment);
  if (sale.change > 0) r.pair(r.t('receipt.change'), r.money(sale.change));
  r.rule();
  r.fiscal();
  r.centered(r.t('receipt.thanks'));
  r.copyMark();
  return r.lines;
}

/**
 * The receipt of a refund: the same fields as a sale's, plus the original receipt's number and time and, for a
 * fiscal original, the fiscal result the refund quoted (FM number, sequence, time, sign).
 */
export function renderRefundReceipt(
  refund: SaleRefundedData,
  sale: Pick<SaleCompletedData, 'receiptNo' | 'lines'> & {
    occurredAt?: string | null;
    fiscal?: { terminalId: string; receiptSeq: number; dateTime: string; fiscalSign: string } | null;
  },
  ctx: ReceiptContext,
): string[] {
  const r = new ReceiptWriter(ctx);
  r.heading();
  r.centered(r.t('receipt.refund'));
  r.pair(r.t('receipt.refundNumber'), refund.refundNo);
  r.pair(r.t('receipt.original'), sale.receiptNo);
  if (sale.occurredAt) r.pair(r.t('receipt.originalDate'), formatTashkentTime(sale.occurredAt));
  if (sale.fiscal) {
    r.centered(r.t('receipt.originalFiscal'));
    r.pair(r.t('receipt.fiscalTerminal'), sale.fiscal.terminalId);
    r.pair(r.t('receipt.fiscalSeq'), String(sale.fiscal.receiptSeq));
    r.pair(r.t('receipt.fiscalTime'), sale.fiscal.dateTime);
    r.pair(r.t('receipt.fiscalSign'), sale.fiscal.fiscalSign);
  }
  r.rule();
  const lines = refund.lines.map((line) => {
    const sold = sale.lines.find((l) => l.productId === line.productId);
    return {
      ...line,
      ...valuesOf({ ...line, vatRate: line.vatRate ?? sold?.vatRate }),
      name: sold?.name ?? line.productId,
      unit: line.unit ?? sold?.unit ?? 'pcs',
      mxik: line.mxik ?? sold?.mxik,
      packageCode: line.packageCode ?? sold?.packageCode,
      unitPrice: sold?.unitPrice ?? null,
    };
  });
  lines.forEach((line, index) => r.item(index, line.name, line, line.unitPrice));
  r.rule();
  const gross = lines.reduce((a, l) => a + l.gross, 0);
  const rounding = refund.rounding ?? 0;
  const discount = lines.reduce((a, l) => a + l.discount, 0) - rounding;
  if (discount > 0 || rounding > 0) r.pair(r.t('receipt.subtotal'), r.money(-gross));
  if (discount > 0) r.pair(r.t('receipt.discount'), r.money(discount));
  if (rounding > 0) r.pair(r.t('receipt.rounding'), r.money(rounding));
  r.pair(r.t('receipt.total'), r.money(-refund.total));
  r.vat(lines, -1);
  r.rule();
  for (const payment of refund.payments) r.payment({ ...payment, amount: -payment.amount });
  r.rule();
  r.fiscal();
  r.copyMark();
  return r.lines;
}

interface ItemValues {
  qty: number;
  unit: Unit;
  gross: Money;
  discount: Money;
  total: Money;
  vatRate: number;
  vat: Money;
  mxik?: string | null;
  packageCode?: string | null;
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
    this.copyMark();
    this.centered((this.ctx.legalName?.trim() || this.ctx.storeName).toUpperCase());
    if (this.ctx.legalName?.trim() && this.ctx.legalName.trim() !== this.ctx.storeName)
      this.centered(this.ctx.storeName);
    if (this.ctx.stir) this.centered(`${this.t('receipt.stir')}: ${this.ctx.stir}`);
    if (this.ctx.address?.trim()) this.centered(this.ctx.address.trim());
    for (const line of (this.ctx.header ?? '').split('\n')) if (line.trim()) this.centered(line.trim());
    this.rule();
    this.pair(this.t('receipt.device'), this.ctx.device);
    this.pair(this.t('receipt.cashier'), this.ctx.cashierName);
    this.pair(this.t('receipt.date'), formatTashkentTime(this.ctx.occurredAt));
  }

  /** A reprint says so, first and last, in the receipt's language. */
  copyMark(): void {
    if (this.ctx.copy) this.centered(`*** ${this.t('receipt.copy')} ***`);
  }

  /** One line: name, quantity × price = gross, discount, total, VAT of the line, MXIK and package code. */
  item(index: number, name: string, line: ItemValues, unitPrice: Money | null): void {
    this.wrapped(`${index + 1}. ${name}`);
    const qty = formatQtyUnit(line.qty, line.unit, this.ctx.lang);
    const left = unitPrice === null ? `  ${qty}` : `  ${qty} x ${this.amount(unitPrice)}`;
    this.pair(left, `= ${this.amount(line.gross)}`);
    if (line.discount > 0) {
      this.pair(`  ${this.t('receipt.discount')}`, `-${this.amount(line.discount)}`);
      this.pair('', this.amount(line.total));
    }
    this.pair(
      `  ${line.vatRate > 0 ? `${this.t('receipt.vat')} ${formatPercent(line.vatRate)}` : this.t('receipt.noVat')}`,
      this.amount(line.vat),
    );
    if (line.mxik) this.pair(`  ${this.t('receipt.mxik')}:`, line.mxik);
    if (line.packageCode) this.pair(`  ${this.t('receipt.packageCode')}:`, line.packageCode);
  }

  /** The fiscal module's block: terminal, receipt number in the FM, time, fiscal sign and the check URL. */
  fiscal(): void {
    const f = this.ctx.fiscal;
    if (!f) return;
    this.pair(this.t('receipt.fiscalTerminal'), f.terminalId);
    this.pair(this.t('receipt.fiscalSeq'), String(f.receiptSeq));
    this.pair(this.t('receipt.date'), f.dateTime);
    this.pair(this.t('receipt.fiscalSign'), f.fiscalSign);
    this.wrapped(f.qrUrl);
    this.rule();
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

  /** VAT per rate: the sum of the lines' own VAT. */
  vat(lines: readonly { vatRate: number; total: Money; vat: Money }[], sign: 1 | -1 = 1): void {
    for (const { vatRate, total, vat } of vatByRate(lines)) {
      if (vatRate > 0)
        this.pair(`${this.t('receipt.vat')} ${formatPercent(vatRate)}`, this.money(sign * vat));
      else this.pair(this.t('receipt.noVat'), this.money(sign * total));
    }
  }

  payment(payment: Pick<Payment, 'method' | 'amount' | 'cardType' | 'reference'>): void {
    const label =
      payment.method === 'cash'
        ? this.t('receipt.cash')
        : `${this.t(payment.method === 'card' ? 'receipt.card' : 'receipt.qr')}` +
          (payment.cardType ? ` (${brandOf(payment.cardType)})` : '');
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

export function brandOf(cardType: string): string {
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
