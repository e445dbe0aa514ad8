import type { Command } from 'commander';
import { AppError } from '../../common/errors.js';
import { formatMoney, parseMoney } from '../../common/money.js';
import type { RegisterContext } from '../../terminal/register/context.js';
import type { CartState } from '../../terminal/sale/cart.js';
import type { Tender } from '../../terminal/sale/payment.js';
import type { RefundSelection } from '../../terminal/sale/refund.js';
import { text } from '../messages.js';
import { printJson, printLine, printNotice } from '../output.js';
import { supervisorFor, withRegister } from './pos-common.js';

interface PaySpec {
  method: 'cash' | 'card' | 'qr';
  amount: number | null;
  kind: string | null;
  reference: string | null;
}

/** `cash`, `cash:50000`, `card`, `card:30000:humo:REF-1`, `qr:payme:TX9`: method, then amount (so‘m), type, reference. */
export function parsePaySpec(spec: string): PaySpec {
  const [method = '', ...rest] = spec.split(':').map((part) => part.trim());
  if (method !== 'cash' && method !== 'card' && method !== 'qr') {
    throw new AppError('VALIDATION_FAILED', {
      params: { field: '--pay', reason: 'cash, card or qr, e.g. card:30000:humo' },
    });
  }
  const result: PaySpec = { method, amount: null, kind: null, reference: null };
  for (const part of rest) {
    const amount = result.amount === null && result.kind === null ? parseMoney(part) : null;
    if (amount !== null) result.amount = amount;
    else if (method !== 'cash' && result.kind === null) result.kind = part.toLowerCase();
    else if (method !== 'cash' && result.reference === null) result.reference = part;
    else
      throw new AppError('VALIDATION_FAILED', { params: { field: '--pay', reason: `unexpected "${part}"` } });
  }
  return result;
}

/**
 * Card and QR without an amount pay exactly what is left (never rounded); cash without an amount pays exactly
 * what is due, its part rounded down to the store's coin.
 */
export async function resolveTenders(
  specs: PaySpec[],
  total: number,
  cashRounding: number,
): Promise<Tender[]> {
  const { paymentStatus } = await import('../../terminal/sale/payment.js');
  const tenders: Tender[] = [];
  const ordered = [...specs.filter((s) => s.method !== 'cash'), ...specs.filter((s) => s.method === 'cash')];
  for (const spec of ordered) {
    const remaining = () =>
      paymentStatus(total, tenders, spec.method === 'cash' ? cashRounding : 0).remaining;
    const amount = spec.amount ?? remaining();
    if (spec.method === 'cash') tenders.push({ method: 'cash', tendered: amount });
    else if (spec.method === 'card')
      tenders.push({
        method: 'card',
        amount,
        cardType: (spec.kind ?? 'uzcard') as 'uzcard',
        reference: spec.reference ?? undefined,
      });
    else
      tenders.push({
        method: 'qr',
        amount,
        provider: (spec.kind ?? 'click') as 'click',
        reference: spec.reference ?? undefined,
      });
  }
  return tenders;
}

async function printOrNotice(
  ctx: RegisterContext,
  wanted: boolean,
  print: () => Promise<boolean>,
  receiptNo: string,
): Promise<void> {
  if (!wanted) return;
  try {
    if (await print()) printNotice(text(ctx.lang, 'printed'));
    else printNotice(text(ctx.lang, 'printerNotSet'));
  } catch (error) {
    // The sale is already committed: a printer problem is reported, never undone.
    const message = error instanceof AppError ? error.localized(ctx.lang) : String(error);
    printNotice(text(ctx.lang, 'printFailed', { message, receiptNo }));
    process.exitCode = 1;
  }
}

/** `pos sell --item <barcode>[*qty] … --pay cash[:amount] | card[:amount][:type][:ref] | qr…`, headless. */
export async function sell(
  options: { item: string[]; pay: string[]; mark?: string[]; print?: boolean; width: string },
  command: Command,
): Promise<void> {
  const { fiscaliseAfterCommit } = await import('./pos-fiscal.js');
  const { sessionCashier } = await import('../../terminal/register/cashier.js');
  const { checkout, scanIntoCart } = await import('../../terminal/register/selling.js');
  const { settingsOf } = await import('../../terminal/register/context.js');
  const { cartTotals, emptyCart } = await import('../../terminal/sale/cart.js');
  const { printSale, saleReceiptLines } = await import('../../terminal/register/printing.js');
  await withRegister(command, async (ctx, globals) => {
    const cashier = sessionCashier(ctx);
    if (options.item.length === 0) throw new AppError('EMPTY_CART');
    let cart: CartState = emptyCart;
    for (const item of options.item) cart = scanIntoCart(ctx, cart, item).state;
    const specs = (options.pay.length > 0 ? options.pay : ['cash']).map(parsePaySpec);
    const tenders = await resolveTenders(specs, cartTotals(cart).total, settingsOf(ctx).cashRounding);
    const sale = checkout(ctx, { cart, tenders, cashier, markingCodes: options.mark ?? [] });
    // The sale is committed; the FM signs it now, and the receipt prints only with its sign.
    const signed = await fiscaliseAfterCommit(ctx, {
      id: sale.saleId,
      number: sale.receiptNo,
      fiscal: sale.fiscal,
    });
    if (globals.json) {
      const { fiscalMarkOf } = await import('../../terminal/register/printing.js');
      const fiscal = fiscalMarkOf(ctx, sale.saleId);
      printJson({
        sale: { id: sale.saleId, occurredAt: sale.occurredAt, ...sale.data },
        fiscal: fiscal && 'mark' in fiscal ? fiscal.mark : fiscal ? 'pending' : null,
      });
    } else {
      for (const line of saleReceiptLines(ctx, sale, Number(options.width))) printLine(line);
      printLine();
      printLine(
        text(globals.lang, 'salePaid', {
          receiptNo: sale.receiptNo,
          total: formatMoney(sale.data.total),
          change: formatMoney(sale.data.change),
        }),
      );
    }
    await printOrNotice(ctx, options.print === true && signed, () => printSale(ctx, sale), sale.receiptNo);
  });
}

/**
 * `pos refund <receiptNo> [--item <barcode>[*qty]]…`: the whole sale, or the products named; a sale of another
 * register of the store too, when the server can be reached.
 */
export async function refund(
  receiptNo: string,
  options: { item: string[]; reason?: string; supervisorPin?: string; print?: boolean; width: string },
  command: Command,
): Promise<void> {
  const { sessionCashier } = await import('../../terminal/register/cashier.js');
  const { previewRefund, refundOptions, refundSale } = await import('../../terminal/register/refunds.js');
  const { lookUpOriginal } = await import('../../terminal/register/remote-sale.js');
  const { recordApproval } = await import('../../terminal/register/approval.js');
  const { findProductByBarcode } = await import('../../terminal/store/queries/catalog.js');
  const { parseScanInput } = await import('../../terminal/sale/scale-barcode.js');
  const { printRefund, refundReceiptLines } = await import('../../terminal/register/printing.js');
  const { fiscaliseAfterCommit } = await import('./pos-fiscal.js');
  await withRegister(command, async (ctx, globals) => {
    const cashier = sessionCashier(ctx);
    // A sale of another register of the store is looked up on the server (online only).
    const { sale, original } = refundOptions(ctx, await lookUpOriginal(ctx, receiptNo));
    let selection: RefundSelection = { whole: true };
    if (options.item.length > 0) {
      selection = {
        lines: options.item.map((item) => {
          const input = parseScanInput(item);
          const product = findProductByBarcode(ctx.db, input.code);
          const lineIndex = product ? sale.data.lines.findIndex((line) => line.productId === product.id) : -1;
          if (lineIndex < 0) throw new AppError('LINE_NOT_FOUND', { params: { line: input.code } });
          return input.qty === null ? { lineIndex } : { lineIndex, qty: input.qty };
        }),
      };
    }
    // What would go back is worked out (and refused beyond what is left) before a supervisor is asked.
    const { data } = previewRefund(ctx, { original, selection, method: 'original' });
    const supervisor = await supervisorFor(
      ctx,
      cashier,
      { act: 'refund', amount: data.total },
      options.supervisorPin,
    );
    // The approval is written with the refund, or not at all, as at the register's screen.
    const done = ctx.db
      .transaction(() => {
        const refunded = refundSale(ctx, { original, selection, cashier, reason: options.reason });
        if (supervisor)
          recordApproval(ctx, cashier, {
            act: 'refund',
            approvedBy: supervisor,
            amount: refunded.data.total,
          });
        return refunded;
        // IMMEDIATE: a deferred transaction that reads first cannot wait for another process's write lock.
      })
      .immediate();
    const signed = await fiscaliseAfterCommit(ctx, {
      id: done.refundId,
      number: done.refundNo,
      fiscal: done.fiscal,
    });
    if (globals.json) printJson({ refund: { id: done.refundId, occurredAt: done.occurredAt, ...done.data } });
    else {
      for (const line of refundReceiptLines(ctx, done, done.sale.data, Number(options.width)))
        printLine(line);
      printLine();
      printLine(
        text(globals.lang, 'refundDone', { refundNo: done.refundNo, total: formatMoney(done.data.total) }),
      );
      if (supervisor) printLine(text(globals.lang, 'approvedBy', { name: supervisor.name }));
    }
    await printOrNotice(
      ctx,
      options.print === true && signed,
      () => printRefund(ctx, done, done.sale.data),
      done.refundNo,
    );
  });
}

/** Reprints an earlier receipt of this register, on screen or on the printer. */
export async function receipt(
  receiptNo: string,
  options: { print?: boolean; width: string },
  command: Command,
): Promise<void> {
  const { findSale } = await import('../../terminal/register/refunds.js');
  const { printSale, saleReceiptLines } = await import('../../terminal/register/printing.js');
  await withRegister(command, async (ctx, globals) => {
    const sale = findSale(ctx, receiptNo);
    if (globals.json) printJson({ sale: { id: sale.id, occurredAt: sale.occurredAt, ...sale.data } });
    // A receipt shown or printed again is a copy: marked NUSXA / КОПИЯ / COPY.
    else for (const line of saleReceiptLines(ctx, sale, Number(options.width), true)) printLine(line);
    await printOrNotice(ctx, options.print === true, () => printSale(ctx, sale, true), sale.receiptNo);
  });
}
