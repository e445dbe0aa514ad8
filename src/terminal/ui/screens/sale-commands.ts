import type { Lang } from '../../../common/i18n/index.js';
import type { RegisterContext } from '../../register/context.js';
import {
  assertCanCloseShift,
  assertCanLogout,
  assertCanPay,
  assertCanResume,
  requireLine,
} from '../../register/sale-rules.js';
import { quickKeys } from '../../register/quick-keys.js';
import { currentShift, reportOfShift } from '../../register/shift.js';
import { AppError } from '../../../common/errors.js';
import { commandFor, commands, type Command, type KeyPress } from '../keys.js';
import { reportLines } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { receiptWidth, type SaleSession } from '../hooks/use-sale-session.js';
import type { PromptPurpose, SaleDialog } from '../state/sale-dialog.js';
import { InputError, say } from '../text.js';

/** What a sale screen command may touch: the register, the session, and the dialog slot. */
export interface SaleCommandEnv {
  ctx: RegisterContext;
  lang: Lang;
  columns: number;
  session: SaleSession;
  open(dialog: SaleDialog): void;
  /** Enter in the scan field: the typed code goes into the cart. */
  submitScan(): void;
  onLogout(): void;
  onQuit(): void;
}

/** Every command bound in the `sale` scope. */
export type SaleCommand = {
  [K in Command]: (typeof commands)[K]['scope'] extends 'sale' ? K : never;
}[Command];

const lineDialog = (env: SaleCommandEnv, purpose: PromptPurpose) => {
  const { cart, selected } = env.session.state;
  requireLine(cart, selected);
  env.open({ kind: 'prompt', purpose });
};

/**
 * The sale screen's commands, one entry per command of keys.ts's `sale` scope. A handler throws to put its
 * message on the message line; the sale stays as it was.
 */
export const saleCommands: Record<SaleCommand, (env: SaleCommandEnv) => void> = {
  'scan.submit': (env) => env.submitScan(),
  'line.up': (env) => env.session.select(-1),
  'line.down': (env) => env.session.select(1),
  'sale.search': (env) => env.open({ kind: 'search' }),
  'line.repeat': (env) => env.session.repeatLast(),
  'sale.quickKeys': (env) => {
    if (quickKeys(env.ctx).length === 0) throw new InputError('ui.error.noQuickKeys');
    env.open({ kind: 'quickKeys' });
  },
  'line.qty': (env) => lineDialog(env, 'qty'),
  'line.void': (env) => lineDialog(env, 'void'),
  'line.discount': (env) => lineDialog(env, 'lineDiscount'),
  'cart.discount': (env) => lineDialog(env, 'cartDiscount'),
  'sale.cancel': (env) => lineDialog(env, 'cancel'),
  'sale.pay': (env) => {
    assertCanPay(env.session.state.cart);
    env.session.startPayment();
    env.open({ kind: 'pay' });
  },
  'sale.park': (env) => {
    env.session.park();
    env.session.notify({ kind: 'info', text: say(env.lang, 'ui.sale.parkedDone') });
  },
  'sale.resume': (env) => {
    env.session.refreshParked();
    assertCanResume(env.ctx, env.session.state.cart);
    env.open({ kind: 'parked' });
  },
  'sale.refund': (env) => env.open({ kind: 'prompt', purpose: 'refundNo' }),
  'cash.move': (env) => env.open({ kind: 'prompt', purpose: 'cashAmount' }),
  'report.x': (env) => {
    const shift = currentShift(env.ctx);
    if (!shift) throw new AppError('SHIFT_NOT_OPEN');
    const report = reportOfShift(env.ctx, shift.id);
    const lines = reportLines(report, env.lang, receiptWidth(env.columns));
    env.open({ kind: 'report', title: say(env.lang, 'ui.dialog.xReport'), lines, report });
  },
  'shift.close': (env) => {
    assertCanCloseShift(env.ctx, env.session.state.cart);
    env.open({ kind: 'prompt', purpose: 'countedCash' });
  },
  'receipt.reprint': (env) => env.open({ kind: 'prompt', purpose: 'reprint' }),
  'sale.quit': (env) => {
    if (env.session.state.cart.lines.length === 0) return env.onQuit();
    env.open({ kind: 'quit' });
  },
  'session.logout': (env) => {
    assertCanLogout(env.session.state.cart);
    env.onLogout();
  },
};

function isSaleCommand(command: Command | null): command is SaleCommand {
  return command !== null && command in saleCommands;
}

/**
 * Binds the sale scope's keys while no dialog is open: a bound key runs its command, any other key goes to the
 * scan field. Errors a command throws are handed to `onError`.
 */
export function useSaleCommands(
  env: SaleCommandEnv,
  options: { isActive: boolean; onOtherKey(key: KeyPress): void; onError(error: unknown): void },
): void {
  useKeys(
    (key) => {
      const command = commandFor(key, ['sale']);
      env.session.notify(null);
      if (!isSaleCommand(command)) return options.onOtherKey(key);
      try {
        saleCommands[command](env);
      } catch (error) {
        options.onError(error);
      }
    },
    { isActive: options.isActive },
  );
}
