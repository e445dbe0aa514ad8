// Imports name .js files: besides the panel's bundler, the node tests load this module.
import { csvLine, type CsvCell } from '../../common/csv.js';

/**
 * A downloaded table: the shared CSV cells, with CRLF line ends and a BOM so Excel opens Uzbek and Russian
 * text as UTF-8 instead of guessing a code page.
 */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map(csvLine).join('\r\n')}\r\n`;
}
