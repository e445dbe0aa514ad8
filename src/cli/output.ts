import Table from 'cli-table3';
import pc from 'picocolors';
import { csvLine, type CsvCell } from '../common/csv.js';
import { AppError } from '../common/errors.js';
import type { Lang } from '../common/i18n/index.js';
import { text } from './messages.js';
import { clockOff, STORE_UTC_OFFSET_MS } from '../common/time.js';

/** The only module that writes to the terminal. Colour only when that stream is a TTY (never in pipes or CI logs). */
const out = pc.createColors(process.stdout.isTTY === true);
const err = pc.createColors(process.stderr.isTTY === true);

export const style = { bold: out.bold, dim: out.dim, green: out.green, yellow: out.yellow, cyan: out.cyan };

export function printLine(line = ''): void {
  console.log(line);
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

export function printTable(head: string[], rows: Array<Array<string | number>>): void {
  // cli-table3 colours headers by itself; we colour them only on a TTY.
  const table = new Table({ head: head.map((h) => out.bold(h)), style: { head: [], border: [] } });
  table.push(...rows.map((row) => row.map(String)));
  console.log(table.toString());
}

/** ISO time to `YYYY-MM-DD HH:MM` on the store's clock (Asia/Tashkent), as the reports' days are; a dash for never. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + STORE_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** What commander itself prints (help, usage errors) goes through here too. */
export const commanderOutput = {
  writeOut: (str: string) => process.stdout.write(str),
  writeErr: (str: string) => process.stderr.write(str),
  outputError: (str: string, write: (str: string) => void) => write(err.red(str)),
};

export interface ErrorReport {
  exitCode: number;
  stderr: string;
  /** With --json, scripts also get the error as `{"error":{code,message}}` on stdout. */
  stdout?: string;
}

export interface ReportOptions {
  lang: Lang;
  debug: boolean;
  json: boolean;
}

/** Exit 1 for expected errors (a refusal, a typo, no server), 2 for bugs, so scripts can tell them apart. */
export const EXIT_EXPECTED = 1;
export const EXIT_UNEXPECTED = 2;

function debugDetail(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.stack ?? String(current));
    current = current.cause;
  }
  if (current !== undefined) parts.push(String(current));
  return parts.join('\nCaused by: ');
}

/** Pure: turns an error into what the user sees and the exit code. */
export function describeError(error: unknown, options: ReportOptions): ErrorReport {
  const expected = error instanceof AppError;
  const message = expected
    ? error.localized(options.lang)
    : text(options.lang, 'unexpectedError', {
        message: error instanceof Error ? error.message : String(error),
      });
  const lines = [message];
  if (options.debug) lines.push(debugDetail(error));
  const report: ErrorReport = {
    exitCode: expected ? EXIT_EXPECTED : EXIT_UNEXPECTED,
    stderr: lines.join('\n'),
  };
  if (options.json) {
    const code = expected ? ('serverCode' in error ? String(error.serverCode) : error.code) : 'INTERNAL';
    report.stdout = JSON.stringify({ error: { code, message } }, null, 2);
  }
  return report;
}

export function reportError(error: unknown, options: ReportOptions): number {
  const report = describeError(error, options);
  if (report.stdout !== undefined) console.log(report.stdout);
  console.error(err.red(report.stderr));
  return report.exitCode;
}

/** A note that is not the command's result (a receipt that could not be printed): stderr, so pipes stay clean. */
export function printNotice(line: string): void {
  console.error(err.yellow(line));
}

export interface Progress {
  advance(by: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr, only for a person watching (stderr is a TTY and not --json); otherwise it does
 * nothing, so pipes and CI logs stay clean. cli-progress loads only when a bar is actually drawn.
 */
export async function startProgress(total: number, enabled: boolean): Promise<Progress> {
  if (!enabled || process.stderr.isTTY !== true) return { advance: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: '{bar} {percentage}% | {value}/{total} B', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { advance: (by) => bar.increment(by), stop: () => bar.stop() };
}

/** CSV on stdout (header first, RFC 4180 quoting, `\n` line ends), for spreadsheets. */
export function printCsv(head: string[], rows: Array<Array<CsvCell>>): void {
  for (const row of [head, ...rows]) process.stdout.write(`${csvLine(row)}\n`);
}

export { CLOCK_WARN_MS } from '../common/time.js';

/** A register's clock more than 2 minutes off is shown by how much it is behind (−) or ahead (+). */
export function clockCell(offsetMs: number | null): string {
  if (offsetMs === null) return '—';
  const off = clockOff(offsetMs);
  if (!off) return 'ok';
  const span = off.hours > 0 ? `${off.hours}h ${off.minutes}m` : `${off.minutes}m`;
  return `${off.behind ? '−' : '+'}${span}`;
}
