import { messageFor, type Lang } from '../../common/i18n/index.js';
import { formatMoney } from '../../common/money.js';
import type { ShiftReport } from '../sale/shift-report.js';
import { formatTashkentTime } from './text.js';

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
  const lines = [
    t(report.kind === 'Z' ? 'report.z' : 'report.x'),
    row(t('receipt.device'), ctx.device),
    row(t('receipt.cashier'), ctx.cashierName),
    row(t('report.shift'), formatTashkentTime(ctx.openedAt)),
    rule,
    row(t('report.opening'), money(report.openingCash)),
    row(`${t('report.sales')} (${report.sales.count})`, money(report.sales.total)),
    row(`${t('report.refunds')} (${report.refunds.count})`, money(report.refunds.total)),
    row(t('report.net'), money(report.net)),
    rule,
    row(t('receipt.cash'), money(report.payments.cash - report.refundPayments.cash)),
    row(t('receipt.card'), money(report.payments.card - report.refundPayments.card)),
    row(t('receipt.qr'), money(report.payments.qr - report.refundPayments.qr)),
    row(t('report.cashIn'), money(report.cashIn)),
    row(t('report.cashOut'), money(report.cashOut)),
    rule,
    row(t('report.expected'), money(report.expectedCash)),
  ];
  if (report.countedCash !== null) {
    lines.push(row(t('report.counted'), money(report.countedCash)));
    lines.push(row(t('report.difference'), money(report.difference ?? 0)));
  }
  return lines;
}
