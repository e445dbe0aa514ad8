/** A cell of a downloaded table: text as shown, numbers as numbers a spreadsheet can sum. */
export type CsvCell = string | number | null;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula, so a product named
 * `=HYPERLINK(…)` would be code; such text gets a leading apostrophe. Numbers are left alone.
 */
function textCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function escapeCell(cell: CsvCell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : textCell(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 with CRLF line ends and a BOM, so Excel opens Uzbek and Russian text as UTF-8 instead of
 * guessing a code page.
 */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(escapeCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Minor units → so'm with a dot and exact tiyin (`1250050` → `12500.5`), never through a float division. */
export function csvMoney(minor: number): number {
  const sign = minor < 0 ? -1 : 1;
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return sign * Number(cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`);
}

/** Quantity thousandths → units (`1250` → `1.25`), exact for the same reason. */
export function csvQuantity(thousandths: number): number {
  const sign = thousandths < 0 ? -1 : 1;
  const abs = Math.abs(thousandths);
  return sign * Number(`${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`);
}
