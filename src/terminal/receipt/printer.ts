import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import { AppError } from '../../common/errors.js';
import type { Lang } from '../../common/i18n/index.js';
import { messageFor } from '../../common/i18n/index.js';
import { formatMoney } from '../../common/money.js';
import { escPosDocument, type CodePage, type EscPosOptions } from './escpos.js';
import type { SaleCompletedData, SaleRefundedData } from '../../common/protocol/sync.js';
import {
  formatTashkentTime,
  renderRefundReceipt,
  renderSaleReceipt,
  wrap,
  type ReceiptContext,
} from './text.js';

/** A USB/parallel printer's device file (`/dev/usb/lp0`), any file (a receipt log), or a network printer. */
export type PrinterTarget = { kind: 'device'; path: string } | { kind: 'tcp'; host: string; port: number };

export const DEFAULT_PRINTER_PORT = 9100;
export const DEFAULT_PRINTER_TIMEOUT_MS = 5000;

/** `tcp://192.168.1.50:9100` (port defaults to 9100) or a path. */
export function parsePrinterTarget(text: string): PrinterTarget {
  const value = text.trim();
  if (/^tcp:\/\//i.test(value)) {
    const url = new URL(value);
    const port = url.port ? Number(url.port) : DEFAULT_PRINTER_PORT;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!host || !Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new AppError('VALIDATION_FAILED', { params: { field: 'printer', reason: value } });
    }
    return { kind: 'tcp', host, port };
  }
  if (!value) throw new AppError('VALIDATION_FAILED', { params: { field: 'printer', reason: 'empty' } });
  return { kind: 'device', path: value };
}

export function describePrinterTarget(target: PrinterTarget): string {
  return target.kind === 'tcp' ? `tcp://${target.host}:${target.port}` : target.path;
}

/**
 * Sends the bytes; resolves once they are handed to the OS. A printer that is off, unplugged or refuses the
 * connection, or that does not take the bytes within the timeout, is PRINTER_UNREACHABLE naming the target, so
 * the cashier knows which printer to check; the sale itself is already stored and can be reprinted.
 */
export async function sendToPrinter(
  target: string | PrinterTarget,
  bytes: Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const parsed = typeof target === 'string' ? parsePrinterTarget(target) : target;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PRINTER_TIMEOUT_MS;
  const unreachable = (cause: unknown) =>
    new AppError('PRINTER_UNREACHABLE', { params: { target: describePrinterTarget(parsed) }, cause });
  try {
    if (parsed.kind === 'tcp') await sendTcp(parsed, bytes, timeoutMs);
    else await withTimeout(writeDevice(parsed.path, bytes), timeoutMs);
  } catch (error) {
    throw unreachable(error);
  }
}

async function writeDevice(path: string, bytes: Uint8Array): Promise<void> {
  // A device is opened write-only without O_CREAT: a wrong path must fail, not leave a stray file under /dev
  // (and the `lp` group often may write but not read). An ordinary file collects receipts, appended.
  const handle = await open(path, path.startsWith('/dev/') ? constants.O_WRONLY : 'a');
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

function sendTcp(
  target: { host: string; port: number },
  bytes: Uint8Array,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', finish);
    socket.once('connect', () => {
      // The end callback runs once every byte is flushed to the OS, which still delivers them after destroy.
      socket.end(bytes, () => finish());
    });
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface TestPageOptions extends EscPosOptions {
  storeName: string;
  device: string;
  lang: Lang;
  width: number;
  now?: Date;
}

/** The lines of `pos printer test`: width ruler, code page, Uzbek Latin and Cyrillic and Russian samples. */
export function testPageLines(options: TestPageOptions): string[] {
  const width = Math.max(24, options.width);
  const codePage: CodePage = options.codePage ?? 'cp866';
  const ruler = Array.from({ length: width }, (_, i) => String((i + 1) % 10)).join('');
  const center = (text: string) => ' '.repeat(Math.max(0, Math.floor((width - text.length) / 2))) + text;
  return [
    center(messageFor(options.lang, 'receipt.testPage')),
    center(options.storeName),
    '-'.repeat(width),
    `${messageFor(options.lang, 'receipt.device')}: ${options.device}`,
    `${messageFor(options.lang, 'receipt.date')}: ${formatTashkentTime(options.now ?? new Date())}`,
    `${messageFor(options.lang, 'receipt.testCodePage')}: ${codePage.toUpperCase()}`,
    ruler,
    ...wrap('Oʻzbekiston, Gʻalla, Qoʻqon, choʻl', width),
    ...wrap('Ўзбекистон, Ғалла, Қўқон, Ҳосил', width),
    ...wrap('Съешь же ещё этих мягких французских булок. №1', width),
    `${messageFor(options.lang, 'receipt.total')}: ${formatMoney(1_250_000)}`,
    '-'.repeat(width),
  ];
}

/** The bytes of the test page, ready for `sendToPrinter`. */
export function testPage(options: TestPageOptions): Buffer {
  return escPosDocument(testPageLines(options), options);
}

export interface ReceiptPrintOptions extends Omit<EscPosOptions, 'drawer'> {
  /** The pin the cash drawer hangs on; `null` when the register has no drawer. */
  drawerPin?: 2 | 5 | null;
  /** Lines after the receipt (the fiscal part), before the QR code. */
  footer?: readonly string[];
}

/** A sale's receipt as ESC/POS bytes; the drawer opens only when cash changed hands. */
export function saleReceiptBytes(
  sale: SaleCompletedData,
  ctx: ReceiptContext,
  options: ReceiptPrintOptions = {},
) {
  const cash = sale.payments.some((p) => p.method === 'cash');
  return escPosDocument(
    [...renderSaleReceipt(sale, ctx), ...(options.footer ?? [])],
    withDrawer(options, cash),
  );
}

/** A refund's receipt as ESC/POS bytes; the drawer opens when cash is paid back. */
export function refundReceiptBytes(
  refund: SaleRefundedData,
  sale: Parameters<typeof renderRefundReceipt>[1],
  ctx: ReceiptContext,
  options: ReceiptPrintOptions = {},
) {
  const cash = refund.payments.some((p) => p.method === 'cash' && p.amount > 0);
  return escPosDocument(
    [...renderRefundReceipt(refund, sale, ctx), ...(options.footer ?? [])],
    withDrawer(options, cash),
  );
}

function withDrawer(
  { drawerPin = 2, footer: _footer, ...rest }: ReceiptPrintOptions,
  open: boolean,
): EscPosOptions {
  return { ...rest, drawer: open && drawerPin !== null ? { pin: drawerPin } : null };
}
