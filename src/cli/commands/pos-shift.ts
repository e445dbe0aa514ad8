import type { Command } from 'commander';
import { formatMoney } from '../../common/money.js';
import type { RegisterContext } from '../../terminal/register/context.js';
import type { ShiftReport } from '../../terminal/sale/shift-report.js';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { moneyOption, withRegister } from './pos-common.js';

async function printReport(ctx: RegisterContext, report: ShiftReport, json: boolean): Promise<void> {
  if (json) return printJson({ report });
  const { renderShiftReport } = await import('../../terminal/receipt/shift-text.js');
  const { getShift } = await import('../../terminal/store/queries/sales.js');
  const { cashierName } = await import('../../terminal/register/cashier.js');
  const shift = getShift(ctx.db, report.shiftId);
  const lines = renderShiftReport(report, {
    lang: ctx.lang,
    width: 48,
    device: ctx.identity.deviceName,
    cashierName: shift ? cashierName(ctx, shift.cashierId) : '',
    openedAt: shift?.openedAt ?? new Date().toISOString(),
    currency: ctx.identity.currency,
  });
  for (const line of lines) printLine(line);
}

export async function open(options: { cash: string }, command: Command): Promise<void> {
  const { sessionCashier } = await import('../../terminal/register/cashier.js');
  const { openShift } = await import('../../terminal/register/shift.js');
  await withRegister(command, async (ctx, globals) => {
    const shift = openShift(ctx, sessionCashier(ctx), moneyOption(options.cash, '--cash'));
    if (globals.json) printJson({ shift });
    else printLine(text(globals.lang, 'shiftOpened', { cash: formatMoney(shift.openingCash) }));
    // The FM shift opens with the register's; an FM that refuses is reported, the register's shift stays open.
    const { openFiscalShift, readFiscalConfig } = await import('../../terminal/fiscal/service.js');
    if (!readFiscalConfig(ctx)) return;
    await openFiscalShift(ctx);
    if (!globals.json) printLine(text(globals.lang, 'fiscalShiftOpened'));
  });
}

/** Closes the shift with the counted cash and prints the Z-report. */
export async function close(options: { counted: string }, command: Command): Promise<void> {
  const { closeShift } = await import('../../terminal/register/shift.js');
  const { closeFiscalShift, readFiscalConfig } = await import('../../terminal/fiscal/service.js');
  await withRegister(command, async (ctx, globals) => {
    // The Z-report goes through the FM first: a refusal leaves the register's shift open to try again.
    const fiscal = readFiscalConfig(ctx) ? await closeFiscalShift(ctx) : null;
    await printReport(ctx, closeShift(ctx, moneyOption(options.counted, '--counted')), globals.json);
    if (fiscal && !globals.json)
      printLine(
        fiscal.closed
          ? text(globals.lang, 'fiscalZClosed', { receipts: fiscal.x.receipts })
          : text(globals.lang, 'fiscalZEmpty'),
      );
  });
}

/** The X-report of the open shift. */
export async function report(_options: unknown, command: Command): Promise<void> {
  const { reportOfShift, requireOpenShift } = await import('../../terminal/register/shift.js');
  await withRegister(command, async (ctx, globals) => {
    await printReport(ctx, reportOfShift(ctx, requireOpenShift(ctx).id), globals.json);
  });
}

export async function cash(
  direction: 'in' | 'out',
  amount: string,
  options: { reason: string },
  command: Command,
): Promise<void> {
  const { moveCash } = await import('../../terminal/register/shift.js');
  await withRegister(command, (ctx, globals) => {
    const value = moneyOption(amount, 'amount') * (direction === 'out' ? -1 : 1);
    moveCash(ctx, value, options.reason);
    if (globals.json) printJson({ amount: value, reason: options.reason });
    else printLine(text(globals.lang, 'cashMoved', { amount: formatMoney(value), reason: options.reason }));
  });
}
