import { MINOR_PER_MAJOR } from './money.js';

/**
 * CSV for spreadsheets, the same in `posapp … --csv` and the panel's downloads: RFC 4180 quoting, money as
 * so‘m with two decimals.
 */
export type CsvCell = string | number | null;

const plainNumber = /^-?\d+(\.\d+)?$/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula, so a product named
 * `=HYPERLINK(…)` would be code; such text gets a leading apostrophe. Plain numbers (`-2800.00`) stay numbers.
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** Money for spreadsheets: so‘m with two decimals, no grouping (`12500.00`), exact (no float division). */
export function csvMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / MINOR_PER_MAJOR)}.${String(abs % MINOR_PER_MAJOR).padStart(2, '0')}`;
}
