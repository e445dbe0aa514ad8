import type { SaleCompletedData, SaleRefundedData } from '../../common/protocol/sync.js';
import { messageFor } from '../../common/i18n/index.js';
import { escPosDocument, type CodePage } from '../receipt/escpos.js';
import { renderShiftReport } from '../receipt/shift-text.js';
import type { ShiftReport } from '../sale/shift-report.js';
import { findRefundOriginal, getShift } from '../store/queries/sales.js';
import {
  parsePrinterTarget,
  refundReceiptBytes,
  saleReceiptBytes,
  sendToPrinter,
  testPage,
} from '../receipt/printer.js';
import { renderRefundReceipt, renderSaleReceipt, type ReceiptContext } from '../receipt/text.js';
import { fiscalFooter, type FiscalMark } from '../receipt/fiscal-text.js';
import { fiscalDocument, resultOf } from '../fiscal/service.js';
import { findPrinterConfig, upsertPrinterConfig } from '../store/queries/printer.js';
import { cashierName } from './cashier.js';
import { settingsOf, type RegisterContext } from './context.js';

export interface PrinterConfig {
  target: string;
  /** Characters per line: 32 on 58 mm paper, 48 on 80 mm. */
  width: 32 | 48;
  codePage: CodePage;
  drawerPin: 2 | 5 | null;
}

export function readPrinterConfig(ctx: RegisterContext): PrinterConfig | null {
  const row = findPrinterConfig(ctx.db);
  return row
    ? { target: row.target, width: row.width, codePage: row.code_page as CodePage, drawerPin: row.drawer_pin }
    : null;
}

export function savePrinterConfig(ctx: RegisterContext, config: PrinterConfig): void {
  parsePrinterTarget(config.target);
  upsertPrinterConfig(ctx.db, {
    target: config.target,
    width: config.width,
    code_page: config.codePage,
    drawer_pin: config.drawerPin,
  });
}

export function receiptContext(
  ctx: RegisterContext,
  input: { cashierId: string; occurredAt: string; width: number; docId?: string },
): ReceiptContext {
  const settings = settingsOf(ctx);
  const fiscal = fiscalMarkOf(ctx, input.docId);
  return {
    fiscal: fiscal && 'mark' in fiscal ? fiscal.mark : null,
    storeName: settings.storeName,
    legalName: settings.legalName ?? null,
    stir: settings.stir ?? null,
    address: settings.address ?? null,
    header: settings.receiptHeader,
    device: ctx.identity.deviceName,
    cashierName: cashierName(ctx, input.cashierId),
    occurredAt: input.occurredAt,
    lang: ctx.lang,
    width: input.width,
    currency: settings.currency,
  };
}

/** A sale or refund as the receipt shows it; `id` is the sale's or refund's id (its fiscal document). */
type Printed<T> = { data: T; occurredAt: string; saleId?: string; refundId?: string; id?: string };

function docIdOf(doc: Printed<unknown>): string | undefined {
  return doc.saleId ?? doc.refundId ?? doc.id;
}

/** The fiscal state a receipt shows: the FM's mark, still pending, or null for a sale never sent to an FM. */
export function fiscalMarkOf(
  ctx: RegisterContext,
  docId: string | undefined,
): { mark: FiscalMark } | { pending: true } | null {
  const doc = docId ? fiscalDocument(ctx, docId) : null;
  if (!doc) return null;
  const result = resultOf(doc);
  if (!result) return { pending: true };
  return {
    mark: {
      terminalId: result.TerminalID,
      receiptSeq: result.ReceiptSeq,
      dateTime: result.DateTime,
      fiscalSign: result.FiscalSign,
      qrUrl: result.QRCodeURL,
    },
  };
}

function footerOf(ctx: RegisterContext, docId: string | undefined, width: number) {
  const fiscal = fiscalMarkOf(ctx, docId);
  return {
    footer: fiscalFooter(fiscal, ctx.lang, width),
    qr: fiscal && 'mark' in fiscal ? fiscal.mark.qrUrl : null,
  };
}

export function saleReceiptLines(
  ctx: RegisterContext,
  sale: Printed<SaleCompletedData>,
  width: number,
  copy = false,
): string[] {
  return [
    ...renderSaleReceipt(sale.data, {
      ...receiptContext(ctx, {
        cashierId: sale.data.cashierId,
        occurredAt: sale.occurredAt,
        width,
        docId: docIdOf(sale),
      }),
      copy,
    }),
    ...footerOf(ctx, docIdOf(sale), width).footer,
  ];
}

/** The X or Z report as receipt lines, headed by the seller as on the receipts. */
export function shiftReportLines(
  ctx: RegisterContext,
  report: ShiftReport,
  width: number,
  copy = false,
): string[] {
  const settings = settingsOf(ctx);
  const shift = getShift(ctx.db, report.shiftId);
  const header = [
    (settings.legalName?.trim() || settings.storeName).toUpperCase(),
    ...(settings.stir ? [`${messageFor(ctx.lang, 'receipt.stir')}: ${settings.stir}`] : []),
    ...(settings.address?.trim() ? [settings.address.trim()] : []),
  ];
  return renderShiftReport(report, {
    lang: ctx.lang,
    width,
    device: ctx.identity.deviceName,
    cashierName: shift ? cashierName(ctx, shift.cashierId) : '',
    openedAt: shift?.openedAt ?? new Date().toISOString(),
    currency: settings.currency,
    header,
    copy,
  });
}

/** Prints the X or Z report on the configured printer; false when none is set. */
export async function printShiftReport(ctx: RegisterContext, report: ShiftReport): Promise<boolean> {
  const printer = readPrinterConfig(ctx);
  if (!printer) return false;
  const bytes = escPosDocument(shiftReportLines(ctx, report, printer.width), {
    codePage: printer.codePage,
  });
  await sendToPrinter(parsePrinterTarget(printer.target), bytes);
  return true;
}

/** The original as the refund quoted it (kept with the refund): its time and fiscal result. */
function quotedOriginal(
  ctx: RegisterContext,
  refund: Printed<SaleRefundedData>,
  sale: SaleCompletedData,
): SaleCompletedData & { occurredAt?: string; fiscal?: FiscalMark | null } {
  const id = docIdOf(refund);
  const original = id ? findRefundOriginal(ctx.db, id) : null;
  return original ? { ...sale, occurredAt: original.saleOccurredAt, fiscal: original.fiscal } : sale;
}

export function refundReceiptLines(
  ctx: RegisterContext,
  refund: Printed<SaleRefundedData>,
  sale: SaleCompletedData,
  width: number,
): string[] {
  return [
    ...renderRefundReceipt(
      refund.data,
      quotedOriginal(ctx, refund, sale),
      receiptContext(ctx, {
        cashierId: refund.data.cashierId ?? sale.cashierId,
        occurredAt: refund.occurredAt,
        width,
        docId: docIdOf(refund),
      }),
    ),
    ...footerOf(ctx, docIdOf(refund), width).footer,
  ];
}

/** Prints a sale's receipt on the configured printer; false when none is set. Runs after the sale is committed. */
export async function printSale(
  ctx: RegisterContext,
  sale: Printed<SaleCompletedData>,
  copy = false,
): Promise<boolean> {
  const printer = readPrinterConfig(ctx);
  if (!printer) return false;
  const bytes = saleReceiptBytes(
    sale.data,
    {
      ...receiptContext(ctx, {
        cashierId: sale.data.cashierId,
        occurredAt: sale.occurredAt,
        width: printer.width,
        docId: docIdOf(sale),
      }),
      copy,
    },
    {
      codePage: printer.codePage,
      drawerPin: printer.drawerPin,
      ...footerOf(ctx, docIdOf(sale), printer.width),
    },
  );
  await sendToPrinter(parsePrinterTarget(printer.target), bytes);
  return true;
}

export async function printRefund(
  ctx: RegisterContext,
  refund: Printed<SaleRefundedData>,
  sale: SaleCompletedData,
): Promise<boolean> {
  const printer = readPrinterConfig(ctx);
  if (!printer) return false;
  const bytes = refundReceiptBytes(
    refund.data,
    quotedOriginal(ctx, refund, sale),
    receiptContext(ctx, {
      cashierId: refund.data.cashierId ?? sale.cashierId,
      occurredAt: refund.occurredAt,
      width: printer.width,
      docId: docIdOf(refund),
    }),
    {
      codePage: printer.codePage,
      drawerPin: printer.drawerPin,
      ...footerOf(ctx, docIdOf(refund), printer.width),
    },
  );
  await sendToPrinter(parsePrinterTarget(printer.target), bytes);
  return true;
}

export async function printTestPage(ctx: RegisterContext, printer: PrinterConfig): Promise<void> {
  const bytes = testPage({
    storeName: settingsOf(ctx).storeName,
    device: ctx.identity.deviceName,
    lang: ctx.lang,
    width: printer.width,
    codePage: printer.codePage,
    drawer: printer.drawerPin === null ? null : { pin: printer.drawerPin },
  });
  await sendToPrinter(parsePrinterTarget(printer.target), bytes);
}
