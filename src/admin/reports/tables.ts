// Imports name .js files: besides the panel's bundler, the node tests load this module.
import type {
  ReceiptsReportResponse,
  SalesReportResponse,
  SalesReportRow,
  ShiftsReportResponse,
} from '../../common/protocol/reports.js';
import { formatDateTime } from '../format.js';
import { csvMoney, type CsvCell } from '../../common/csv.js';
import { formatQuantity } from '../../common/quantity.js';
import { buildCsv } from './csv.js';
import { formatDay } from './range.js';

/**
 * The downloads are built from the very response the tables show, the totals row from the server's totals,
 * so a file never disagrees with the screen.
 */

export type SalesColumn =
  'qty' | 'count' | 'sales' | 'refunds' | 'net' | 'vat' | 'voids' | 'cancels' | 'refundCount';

/** Counts, not money: receipts, and per cashier the voids, cancels and refunds an owner checks first. */
export const countColumns: ReadonlySet<SalesColumn> = new Set(['count', 'voids', 'cancels', 'refundCount']);

export function salesColumns(groupBy: SalesReportResponse['groupBy']): SalesColumn[] {
  const money: SalesColumn[] = ['count', 'sales', 'refunds', 'net', 'vat'];
  if (groupBy === 'cashier') return [...money, 'voids', 'cancels', 'refundCount'];
  return groupBy === 'product' ? ['qty', ...money] : money;
}

type Figures = SalesReportResponse['totals'] & Partial<Omit<SalesReportRow, 'key' | 'label'>>;

/** A count column's value; the totals row has none for the per-cashier counts (blank). */
export function countOf(column: SalesColumn, figures: Figures): number | null {
  if (column === 'count') return figures.count;
  const value = figures[column as 'voids' | 'cancels' | 'refundCount'];
  return value === undefined ? null : value;
}

/** A day row's label is the store day; shown (and downloaded) as dd.mm.yyyy. */
export function rowLabel(report: SalesReportResponse, row: SalesReportRow): string {
  return report.groupBy === 'day' ? formatDay(row.label) : row.label;
}

export interface SalesCsvLabels {
  group: string;
  total: string;
  currency: string;
  columns: Record<SalesColumn, string>;
}

export function salesCsv(report: SalesReportResponse, labels: SalesCsvLabels): string {
  const columns = salesColumns(report.groupBy);
  const cell = (column: SalesColumn, figures: Figures): CsvCell => {
    if (column === 'qty') return figures.qty === undefined ? null : formatQuantity(figures.qty);
    if (countColumns.has(column)) return countOf(column, figures);
    return csvMoney(figures[column as 'sales' | 'refunds' | 'net' | 'vat']);
  };
  const header = [
    labels.group,
    ...columns.map((c) =>
      c === 'qty' || countColumns.has(c) ? labels.columns[c] : `${labels.columns[c]} (${labels.currency})`,
    ),
  ];
  const rows = report.rows.map((row) => [rowLabel(report, row), ...columns.map((c) => cell(c, row))]);
  const totals = [labels.total, ...columns.map((c) => (c === 'qty' ? null : cell(c, report.totals)))];
  return buildCsv(header, [...rows, totals]);
}

export type ShiftColumn =
  | 'device'
  | 'cashier'
  | 'opened'
  | 'closed'
  | 'openingCash'
  | 'salesCount'
  | 'sales'
  | 'refunds'
  | 'card'
  | 'qr'
  | 'cashSales'
  | 'cashRefunds'
  | 'cashMoved'
  | 'expected'
  | 'counted'
  | 'difference';

export const shiftColumns: readonly ShiftColumn[] = [
  'device',
  'cashier',
  'opened',
  'closed',
  'openingCash',
  'salesCount',
  'sales',
  'refunds',
  'card',
  'qr',
  'cashSales',
  'cashRefunds',
  'cashMoved',
  'expected',
  'counted',
  'difference',
];

/** Every shift column but who, when and how many is an amount of money. */
const shiftMoneyColumns = new Set<ShiftColumn>(
  shiftColumns.filter((column) => !['device', 'cashier', 'opened', 'closed', 'salesCount'].includes(column)),
);

export function isShiftMoney(column: ShiftColumn): boolean {
  return shiftMoneyColumns.has(column);
}

type Shift = ShiftsReportResponse['shifts'][number];

/** A shift's value in a column, as minor units for money columns (null while the shift is open). */
export function shiftValue(shift: Shift, column: ShiftColumn): string | number | null {
  switch (column) {
    case 'device':
      return shift.device;
    case 'cashier':
      return shift.cashier;
    case 'opened':
      return shift.openedAt;
    case 'closed':
      return shift.closedAt;
    case 'expected':
      return shift.expectedCash;
    case 'counted':
      return shift.countedCash;
    case 'card':
    case 'qr':
      return shift.payments[column];
    default:
      return shift[column];
  }
}

export interface ShiftsCsvLabels {
  currency: string;
  stillOpen: string;
  columns: Record<ShiftColumn, string>;
}

export function shiftsCsv(report: ShiftsReportResponse, labels: ShiftsCsvLabels): string {
  const header = shiftColumns.map((c) =>
    isShiftMoney(c) ? `${labels.columns[c]} (${labels.currency})` : labels.columns[c],
  );
  const rows = report.shifts.map((shift) =>
    shiftColumns.map((c): CsvCell => {
      const value = shiftValue(shift, c);
      if (c === 'opened') return formatDateTime(shift.openedAt);
      if (c === 'closed') return formatDateTime(shift.closedAt) ?? labels.stillOpen;
      if (isShiftMoney(c)) return value === null ? null : csvMoney(value as number);
      return value;
    }),
  );
  return buildCsv(header, rows);
}

export type ReceiptColumn =
  'number' | 'kind' | 'device' | 'time' | 'total' | 'terminalId' | 'receiptSeq' | 'dateTime' | 'fiscalSign';

/** What the FM signed for each sale and refund: its number, sequence, time and sign; the check link beside. */
export const receiptColumns: readonly ReceiptColumn[] = [
  'number',
  'kind',
  'device',
  'time',
  'total',
  'terminalId',
  'receiptSeq',
  'dateTime',
  'fiscalSign',
];

type Receipt = ReceiptsReportResponse['receipts'][number];

/** A cell's value; the fiscal cells are null while the register has not synced the FM's result. */
export function receiptValue(receipt: Receipt, column: ReceiptColumn): string | number | null {
  switch (column) {
    case 'number':
      return receipt.number;
    case 'kind':
      return receipt.kind;
    case 'device':
      return receipt.device;
    case 'time':
      return formatDateTime(receipt.occurredAt);
    case 'total':
      return receipt.total;
    default:
      return receipt.fiscal ? receipt.fiscal[column] : null;
  }
}
