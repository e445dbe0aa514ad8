import type { Command } from 'commander';
import { AppError } from '../../common/errors.js';
import { parseMoney } from '../../common/money.js';
import type { RegisterContext } from '../../terminal/register/context.js';
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
