import type { Command } from 'commander';
import { z } from 'zod';
import type { Lang } from '../../common/i18n/index.js';
import { csvMoney } from '../../common/csv.js';
import { formatMoney } from '../../common/money.js';
import { formatQuantity } from '../../common/quantity.js';
import {
  auditReportResponse,
  bestSellersQuery,
  salesReportResponse,
  shiftsReportResponse,
  type AuditReportEvent,
  type SalesReportResponse,
} from '../../common/protocol/reports.js';
import { auditKindSchema } from '../../common/protocol/sync.js';
import { loggedInClient } from '../api-client.js';
import { dayFlag } from '../flags.js';
import { text, type TextKey } from '../messages.js';
import { formatTime, printCsv, printJson, printLine, printTable } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';
import { resolveDevice } from './devices.js';
import { resolveUser } from './users.js';

/** The owner says "register" (the word on the shop floor); the API groups by `device`. */
const byToGroup = { day: 'day', register: 'device', cashier: 'cashier', product: 'product' } as const;

const period = { from: dayFlag.optional(), to: dayFlag.optional(), csv: z.boolean().optional() };
const salesFlagsSchema = z.strictObject({
  ...period,
  by: z.enum(['day', 'register', 'cashier', 'product']).optional(),
});
const shiftsFlagsSchema = z.strictObject(period);
const auditFlagsSchema = z.strictObject({
  ...period,
  register: z.string().min(1).optional(),
  cashier: z.string().min(1).optional(),
  kind: auditKindSchema.optional(),
});
const bestSellersFlagsSchema = z.strictObject({ ...period, limit: bestSellersQuery.shape.limit.optional() });

function periodQuery(flags: { from?: string; to?: string }): Record<string, string> {
  const query: Record<string, string> = {};
  if (flags.from) query.from = flags.from;
  if (flags.to) query.to = flags.to;
  return query;
}

type Format = 'json' | 'csv' | 'table';
function formatOf(json: boolean, csv: boolean | undefined): Format {
  return json ? 'json' : csv ? 'csv' : 'table';
}

/** Sales-shaped reports (sales by anything, best sellers): rows, a totals row and the payments line. */
function printSales(lang: Lang, report: SalesReportResponse, format: 'csv' | 'table'): void {
  const t = (key: TextKey) => text(lang, key);
  const withQty = report.groupBy === 'product';
  // Per cashier, voids, cancels and refunds beside the sales: the figures an owner checks first for theft.
  const withLosses = report.groupBy === 'cashier';
  const losses = (r: SalesReportResponse['rows'][number]) =>
    withLosses ? [r.voids ?? 0, r.cancels ?? 0, r.refundCount ?? 0] : [];
  const figureHead = [t('colCount'), t('colSales'), t('colRefunds'), t('colNet'), t('colVatSum')];
  if (format === 'csv') {
    printCsv(
      [
        'key',
        'label',
        ...(withQty ? ['qty'] : []),
        'count',
        'sales',
        'refunds',
        'net',
        'vat',
        ...(withLosses ? ['voids', 'cancels', 'refundCount'] : []),
      ],
      report.rows.map((r) => [
        r.key,
        r.label,
        ...(withQty ? [formatQuantity(r.qty ?? 0)] : []),
        r.count,
        csvMoney(r.sales),
        csvMoney(r.refunds),
        csvMoney(r.net),
        csvMoney(r.vat),
        ...losses(r),
      ]),
    );
    return;
  }
  const figures = (f: SalesReportResponse['totals']) => [
    f.count,
    formatMoney(f.sales),
    formatMoney(f.refunds),
    formatMoney(f.net),
    formatMoney(f.vat),
  ];
  printLine(text(lang, 'reportPeriod', { from: report.from, to: report.to }));
  const sum = (pick: (r: SalesReportResponse['rows'][number]) => number | undefined) =>
    report.rows.reduce((acc, r) => acc + (pick(r) ?? 0), 0);
  printTable(
    [
      t('colName'),
      ...(withQty ? [t('colQty')] : []),
      ...figureHead,
      ...(withLosses ? [t('colVoids'), t('colCancels'), t('colRefundCount')] : []),
    ],
    [
      ...report.rows.map((r) => [
        r.label,
        ...(withQty ? [formatQuantity(r.qty ?? 0)] : []),
        ...figures(r),
        ...losses(r),
      ]),
      [
        t('total'),
        ...(withQty ? [''] : []),
        ...figures(report.totals),
        ...(withLosses ? [sum((r) => r.voids), sum((r) => r.cancels), sum((r) => r.refundCount)] : []),
      ],
    ],
  );
  printLine(
    text(lang, 'paymentsLine', {
      cash: formatMoney(report.payments.cash),
      card: formatMoney(report.payments.card),
      qr: formatMoney(report.payments.qr),
    }),
  );
}

export async function salesReport(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(salesFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/reports/sales', {
    query: { ...periodQuery(flags), groupBy: byToGroup[flags.by ?? 'day'] },
    response: salesReportResponse,
  });
  const format = formatOf(globals.json, flags.csv);
  if (format === 'json') return printJson(answer);
  printSales(globals.lang, answer, format);
}

export async function bestSellersReport(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(bestSellersFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const query = periodQuery(flags);
  if (flags.limit !== undefined) query.limit = String(flags.limit);
  const answer = await api.request('GET', '/reports/best-sellers', { query, response: salesReportResponse });
  const format = formatOf(globals.json, flags.csv);
  if (format === 'json') return printJson(answer);
  printSales(globals.lang, answer, format);
}

export async function shiftsReport(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(shiftsFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/reports/shifts', {
    query: periodQuery(flags),
    response: shiftsReportResponse,
  });
  const format = formatOf(globals.json, flags.csv);
  if (format === 'json') return printJson(answer);
  const money = format === 'csv' ? csvMoney : formatMoney;
  const maybe = (minor: number | null) => (minor === null ? '' : money(minor));
  const rows = answer.shifts.map((s) => [
    s.device,
    s.cashier,
    format === 'csv' ? s.openedAt : formatTime(s.openedAt),
    format === 'csv' ? (s.closedAt ?? '') : formatTime(s.closedAt),
    money(s.openingCash),
    money(s.expectedCash),
    maybe(s.countedCash),
    maybe(s.difference),
    s.salesCount,
    money(s.sales),
    money(s.refunds),
  ]);
  if (format === 'csv') {
    return printCsv(
      [
        'device',
        'cashier',
        'openedAt',
        'closedAt',
        'openingCash',
        'expectedCash',
        'countedCash',
        'difference',
        'salesCount',
        'sales',
        'refunds',
      ],
      rows,
    );
  }
  const t = (key: TextKey) => text(globals.lang, key);
  printLine(text(globals.lang, 'reportPeriod', { from: answer.from, to: answer.to }));
  if (answer.shifts.length === 0) return printLine(t('noShifts'));
  const sum = (pick: (s: (typeof answer.shifts)[number]) => number) =>
    answer.shifts.reduce((acc, s) => acc + pick(s), 0);
  printTable(
    [
      t('colDevice'),
      t('colCashier'),
      t('colOpened'),
      t('colClosed'),
      t('colOpeningCash'),
      t('colExpected'),
      t('colCounted'),
      t('colDifference'),
      t('colCount'),
      t('colSales'),
      t('colRefunds'),
    ],
    [
      ...rows,
      [
        t('total'),
        '',
        '',
        '',
        '',
        '',
        '',
        maybe(sum((s) => s.difference ?? 0)),
        sum((s) => s.salesCount),
        formatMoney(sum((s) => s.sales)),
        formatMoney(sum((s) => s.refunds)),
      ],
    ],
  );
}

function detailText(event: AuditReportEvent): string {
  return Object.entries(event.detail)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

/** Every page of the audit report for the period (the server pages it; a year of acts stays a few requests). */
export async function auditReport(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(auditFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const query: Record<string, string> = { ...periodQuery(flags), limit: '500' };
  if (flags.register) query.device = (await resolveDevice(api, flags.register)).id;
  if (flags.cashier) query.cashier = (await resolveUser(api, flags.cashier)).id;
  if (flags.kind) query.kind = flags.kind;
  let answer = await api.request('GET', '/reports/audit', { query, response: auditReportResponse });
  const events = [...answer.events];
  while (answer.hasMore && answer.cursor) {
    answer = await api.request('GET', '/reports/audit', {
      query: { ...query, cursor: answer.cursor },
      response: auditReportResponse,
    });
    events.push(...answer.events);
  }
  const format = formatOf(globals.json, flags.csv);
  if (format === 'json') return printJson({ from: answer.from, to: answer.to, events });
  const money = format === 'csv' ? csvMoney : formatMoney;
  const rows = events.map((e) => [
    format === 'csv' ? e.occurredAt : formatTime(e.occurredAt),
    e.device ?? e.deviceId,
    e.cashier ?? e.cashierId ?? '',
    e.kind,
    e.amount === null ? '' : money(e.amount),
    e.reason ?? '',
    e.approver ?? e.approvedBy ?? '',
    detailText(e),
  ]);
  if (format === 'csv')
    return printCsv(
      ['occurredAt', 'register', 'cashier', 'kind', 'amount', 'reason', 'approvedBy', 'detail'],
      rows,
    );
  const t = (key: TextKey) => text(globals.lang, key);
  printLine(text(globals.lang, 'reportPeriod', { from: answer.from, to: answer.to }));
  if (events.length === 0) return printLine(t('noAuditEvents'));
  printTable(
    [
      t('colTime'),
      t('colDevice'),
      t('colCashier'),
      t('colKind'),
      t('colAmount'),
      t('colReason'),
      t('colApprovedBy'),
      t('colDetail'),
    ],
    rows,
  );
}
