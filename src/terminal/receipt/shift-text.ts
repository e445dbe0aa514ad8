import { messageFor, type Lang } from '../../common/i18n/index.js';
import { formatMoney } from '../../common/money.js';
import type { ShiftReport } from '../sale/shift-report.js';
import { brandOf, formatTashkentTime } from './text.js';

/** The X/Z report as lines of `width` columns: label on the left, amount on the right. */
export function renderShiftReport(
  report: ShiftReport,
  ctx: {
    lang: Lang;
    width: number;
    device: string;
    cashierName: string;
    openedAt: string;
    currency?: string;
    /** Seller lines at the top (legal name, STIR, address). */
    header?: readonly string[];
    printedAt?: string | Date;
    /** A reprint of the report. */
    copy?: boolean;
  },
): string[] {
  const t = (key: string) => messageFor(ctx.lang, key);
  const money = (amount: number) => formatMoney(amount, ctx.currency);
  const row = (label: string, value: string) => {
    const space = Math.max(1, ctx.width - label.length - value.length);
    return `${label}${' '.repeat(space)}${value}`.slice(
      0,
      Math.max(ctx.width, label.length + value.length + 1),
    );
  };
  const rule = '-'.repeat(ctx.width);
  const net = (method: 'cash' | 'card' | 'qr') => report.payments[method] - report.refundPayments[method];
  const lines = [
    ...(ctx.header ?? []).map((line) => centre(line, ctx.width)),
    centre(t(report.kind === 'Z' ? 'report.z' : 'report.x'), ctx.width),
    row(t('receipt.device'), ctx.device),
    row(t('receipt.cashier'), ctx.cashierName),
    row(t('report.shift'), formatTashkentTime(ctx.openedAt)),
    row(t('receipt.date'), formatTashkentTime(ctx.printedAt ?? new Date())),
    row(t('receipt.firstReceipt'), report.receipts.first ?? '-'),
    row(t('receipt.lastReceipt'), report.receipts.last ?? '-'),
  ];
  if (report.refundReceipts.first) {
    lines.push(row(`${t('receipt.refundNumber')} 1`, report.refundReceipts.first));
    lines.push(row(`${t('receipt.refundNumber')} ${report.refunds.count}`, report.refundReceipts.last ?? ''));
  }
  lines.push(
    rule,
    row(t('report.opening'), money(report.openingCash)),
    row(`${t('report.sales')} (${report.sales.count})`, money(report.sales.total)),
    row(`${t('report.refunds')} (${report.refunds.count})`, money(report.refunds.total)),
    row(t('report.net'), money(report.net)),
    row(t('report.discounts'), money(report.sales.discount - report.refunds.discount)),
    rule,
  );
  // VAT per rate, net of refunds: the sum of the stored line values.
  for (const v of report.vat) {
    lines.push(
      v.rate > 0
        ? row(`${t('receipt.vat')} ${v.rate / 100}%`, money(v.vat))
        : row(t('receipt.noVat'), money(v.gross)),
    );
  }
  lines.push(
    rule,
    row(t('receipt.cash'), money(net('cash'))),
    row(t('receipt.card'), money(net('card'))),
    row(t('receipt.qr'), money(net('qr'))),
  );
  for (const [type, amount] of Object.entries(report.byCardType).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(row(`  ${brandOf(type)}`, money(amount)));
  lines.push(
    row(t('report.cashIn'), money(report.cashIn)),
    row(t('report.cashOut'), money(report.cashOut)),
    rule,
    row(t('report.expected'), money(report.expectedCash)),
  );
  if (report.countedCash !== null) {
    lines.push(row(t('report.counted'), money(report.countedCash)));
    lines.push(row(t('report.difference'), money(report.difference ?? 0)));
  }
  if (ctx.copy) {
    const mark = centre(`*** ${t('receipt.copy')} ***`, ctx.width);
    return [mark, ...lines, mark];
  }
  return lines;
}

function centre(text: string, width: number): string {
  const pad = Math.max(0, Math.floor((width - [...text].length) / 2));
  return ' '.repeat(pad) + text;
}
