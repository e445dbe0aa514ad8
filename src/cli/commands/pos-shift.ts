import type { Command } from 'commander';
import { formatMoney } from '../../common/money.js';
import type { RegisterContext } from '../../terminal/register/context.js';
import type { ShiftReport } from '../../terminal/sale/shift-report.js';
import { text } from '../messages.js';
import { AppError } from '../../common/errors.js';
import { printJson, printLine, printNotice } from '../output.js';
import type { Cashier } from '../../terminal/register/cashier.js';
import { moneyOption, supervisorFor, withRegister } from './pos-common.js';

async function printReport(
  ctx: RegisterContext,
  report: ShiftReport,
  options: { json: boolean; print?: boolean; width?: string },
): Promise<void> {
  const { printShiftReport, shiftReportLines } = await import('../../terminal/register/printing.js');
  if (options.json) printJson({ report });
  else for (const line of shiftReportLines(ctx, report, Number(options.width ?? 48))) printLine(line);
  if (!options.print) return;
  try {
    if (await printShiftReport(ctx, report)) printNotice(text(ctx.lang, 'printed'));
    else printNotice(text(ctx.lang, 'printerNotSet'));
  } catch (error) {
    // The shift is already closed (or the X-report read): a printer problem is reported, never undone.
    const message = error instanceof AppError ? error.localized(ctx.lang) : String(error);
    printNotice(text(ctx.lang, 'printFailed', { message, receiptNo: report.kind }));
    process.exitCode = 1;
  }
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
export async function close(
  options: { counted: string; print?: boolean; width?: string },
  command: Command,
): Promise<void> {
  const { closeShift } = await import('../../terminal/register/shift.js');
  const { closeFiscalShift, readFiscalConfig } = await import('../../terminal/fiscal/service.js');
  await withRegister(command, async (ctx, globals) => {
    // The Z-report goes through the FM first: a refusal leaves the register's shift open to try again.
    const fiscal = readFiscalConfig(ctx) ? await closeFiscalShift(ctx) : null;
    const report = closeShift(ctx, moneyOption(options.counted, '--counted'));
    await printReport(ctx, report, { ...options, json: globals.json });
    if (fiscal && !globals.json)
      printLine(
        fiscal.closed
          ? text(globals.lang, 'fiscalZClosed', { receipts: fiscal.x.receipts })
          : text(globals.lang, 'fiscalZEmpty'),
      );
  });
}

/** The X-report of the open shift. */
export async function report(options: { print?: boolean; width?: string }, command: Command): Promise<void> {
  const { reportOfShift, requireOpenShift } = await import('../../terminal/register/shift.js');
  await withRegister(command, async (ctx, globals) => {
    await printReport(ctx, reportOfShift(ctx, requireOpenShift(ctx).id), { ...options, json: globals.json });
  });
}

export async function cash(
  direction: 'in' | 'out',
  amount: string,
  options: { reason: string; supervisorPin?: string },
  command: Command,
): Promise<void> {
  const { moveCash, assertDrawerHolds, requireOpenShift } = await import('../../terminal/register/shift.js');
  const { sessionCashier } = await import('../../terminal/register/cashier.js');
  const { needsApproval, recordApproval } = await import('../../terminal/register/approval.js');
  await withRegister(command, async (ctx, globals) => {
    const value = moneyOption(amount, 'amount') * (direction === 'out' ? -1 : 1);
    const stake = { act: 'cashOut' as const, amount: -value };
    let approval: { cashier: Cashier; supervisor: Cashier } | null = null;
    if (value < 0 && needsApproval(ctx, stake)) {
      // Who takes the money out is on record: a logged-in cashier, and a cash out the drawer cannot cover is
      // refused before a supervisor is called over.
      const cashier = sessionCashier(ctx);
      assertDrawerHolds(ctx, requireOpenShift(ctx).id, -value);
      const supervisor = await supervisorFor(ctx, cashier, stake, options.supervisorPin);
      if (supervisor) approval = { cashier, supervisor };
    }
    ctx.db
      .transaction(() => {
        moveCash(ctx, value, options.reason);
        if (approval)
          recordApproval(ctx, approval.cashier, {
            ...stake,
            approvedBy: approval.supervisor,
            reason: options.reason,
          });
      })
      .immediate();
    const supervisor = approval?.supervisor ?? null;
    if (globals.json)
      printJson({
        amount: value,
        reason: options.reason,
        ...(supervisor && { approvedBy: supervisor.name }),
      });
    else {
      printLine(text(globals.lang, 'cashMoved', { amount: formatMoney(value), reason: options.reason }));
      if (supervisor) printLine(text(globals.lang, 'approvedBy', { name: supervisor.name }));
    }
  });
}
