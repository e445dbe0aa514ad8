import type { SaleCompletedData, SaleRefundedData } from '../../common/protocol/sync.js';
import type { CodePage } from '../receipt/escpos.js';
import {
  parsePrinterTarget,
  refundReceiptBytes,
  saleReceiptBytes,
  sendToPrinter,
  testPage,
} from '../receipt/printer.js';
import { renderRefundReceipt, renderSaleReceipt, type ReceiptContext } from '../receipt/text.js';
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
  input: { cashierId: string; occurredAt: string; width: number },
): ReceiptContext {
  const settings = settingsOf(ctx);
  return {
    storeName: settings.storeName,
    header: settings.receiptHeader,
    device: ctx.identity.deviceName,
    cashierName: cashierName(ctx, input.cashierId),
    occurredAt: input.occurredAt,
    lang: ctx.lang,
    width: input.width,
    currency: settings.currency,
  };
}

export function saleReceiptLines(
  ctx: RegisterContext,
  sale: { data: SaleCompletedData; occurredAt: string },
  width: number,
): string[] {
  return renderSaleReceipt(
    sale.data,
    receiptContext(ctx, { cashierId: sale.data.cashierId, occurredAt: sale.occurredAt, width }),
  );
}

export function refundReceiptLines(
  ctx: RegisterContext,
  refund: { data: SaleRefundedData; occurredAt: string },
  sale: SaleCompletedData,
  width: number,
): string[] {
  return renderRefundReceipt(
    refund.data,
    sale,
    receiptContext(ctx, {
      cashierId: refund.data.cashierId ?? sale.cashierId,
      occurredAt: refund.occurredAt,
      width,
    }),
  );
}

/** Prints a sale's receipt on the configured printer; false when none is set. Runs after the sale is committed. */
export async function printSale(
  ctx: RegisterContext,
  sale: { data: SaleCompletedData; occurredAt: string },
): Promise<boolean> {
  const printer = readPrinterConfig(ctx);
  if (!printer) return false;
  const bytes = saleReceiptBytes(
    sale.data,
    receiptContext(ctx, {
      cashierId: sale.data.cashierId,
      occurredAt: sale.occurredAt,
      width: printer.width,
    }),
    { codePage: printer.codePage, drawerPin: printer.drawerPin },
  );
  await sendToPrinter(parsePrinterTarget(printer.target), bytes);
  return true;
}

export async function printRefund(
  ctx: RegisterContext,
  refund: { data: SaleRefundedData; occurredAt: string },
  sale: SaleCompletedData,
): Promise<boolean> {
  const printer = readPrinterConfig(ctx);
  if (!printer) return false;
  const bytes = refundReceiptBytes(
    refund.data,
    sale,
    receiptContext(ctx, {
      cashierId: refund.data.cashierId ?? sale.cashierId,
      occurredAt: refund.occurredAt,
      width: printer.width,
    }),
    { codePage: printer.codePage, drawerPin: printer.drawerPin },
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
