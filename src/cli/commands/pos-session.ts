import type { Command } from 'commander';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { withRegister } from './pos-common.js';

/** `pos login --pin`: checked offline against the cashiers the register pulled. */
export async function login(options: { pin: string }, command: Command): Promise<void> {
  const { loginCashier } = await import('../../terminal/register/cashier.js');
  await withRegister(command, async (ctx, globals) => {
    const cashier = await loginCashier(ctx, options.pin);
    if (globals.json) printJson({ cashier });
    else printLine(text(globals.lang, 'posLoggedIn', { name: cashier.name }));
  });
}

export async function logout(_options: unknown, command: Command): Promise<void> {
  const { logoutCashier } = await import('../../terminal/register/cashier.js');
  await withRegister(command, (ctx, globals) => {
    logoutCashier(ctx);
    if (!globals.json) printLine(text(globals.lang, 'posLoggedOut'));
  });
}
