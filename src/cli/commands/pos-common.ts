import type { Command } from 'commander';
import { AppError } from '../../common/errors.js';
import { parseMoney } from '../../common/money.js';
import type { ActAtStake } from '../../terminal/register/approval.js';
import type { Cashier } from '../../terminal/register/cashier.js';
import type { RegisterContext } from '../../terminal/register/context.js';
import { text } from '../messages.js';
import { printNotice } from '../output.js';
import { globalsOf } from '../program.js';
import type { GlobalOptions } from '../config.js';

/** Opens the register of `--data-dir` for one command and closes it afterwards, whatever happens. */
export async function withRegister<T>(
  command: Command,
  work: (ctx: RegisterContext, globals: GlobalOptions) => Promise<T> | T,
): Promise<T> {
  const globals = globalsOf(command);
  const { loadTerminalConfig } = await import('../../terminal/config.js');
  const { openRegister, closeRegister } = await import('../../terminal/register/context.js');
  const { dataDir } = loadTerminalConfig({ dataDir: globals.dataDir });
  const ctx = openRegister(dataDir, globals.lang);
  try {
    return await work(ctx, globals);
  } finally {
    closeRegister(ctx);
  }
}

/** So'm as people type them (`12500`, `12 500`, `12500.50`) → minor units. */
export function moneyOption(value: string, field: string): number {
  const amount = parseMoney(value);
  if (amount === null)
    throw new AppError('VALIDATION_FAILED', { params: { field, reason: 'an amount in so‘m, e.g. 12500' } });
  return amount;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The supervisor a headless act needs when the store's approvals name it: `--supervisor-pin`, else asked with a
 * hidden prompt when a person is at the terminal; a script without the flag is refused, told how to give it.
 */
export async function supervisorFor(
  ctx: RegisterContext,
  cashier: Cashier,
  stake: ActAtStake,
  pin: string | undefined,
): Promise<Cashier | null> {
  const { headlessApproval, needsApproval } = await import('../../terminal/register/approval.js');
  let given = pin;
  if (given === undefined && needsApproval(ctx, stake)) {
    if (process.stdin.isTTY === true) {
      const { askSupervisorPin } = await import('../prompt.js');
      given = await askSupervisorPin(ctx.lang);
    } else printNotice(text(ctx.lang, 'supervisorPinHint'));
  }
  return headlessApproval(ctx, cashier, stake, given);
}
