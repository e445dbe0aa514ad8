import { AppError } from '../../common/errors.js';
import type { CartState } from '../sale/cart.js';
import type { RegisterContext } from './context.js';
import { assertNothingParked, parkedSales } from './parking.js';

/**
 * When the sale screen's commands may run: the checks a command makes before it opens its dialog, kept out of
 * the Ink components so the headless commands and tests see the same rules.
 */

/** Line commands (quantity, void, discount) need a highlighted line. */
export function requireLine(cart: CartState, selected: number): void {
  if (selected < 0 || !cart.lines[selected]) throw new AppError('EMPTY_CART');
}

export function assertCanPay(cart: CartState): void {
  if (cart.lines.length === 0) throw new AppError('EMPTY_CART');
}

/** Resuming a parked sale needs one on disk and an empty cart (the open one is finished or parked first). */
export function assertCanResume(ctx: RegisterContext, cart: CartState): void {
  // Read from disk: another pos on this data dir may have parked or resumed sales meanwhile.
  if (parkedSales(ctx).length === 0) throw new AppError('NO_PARKED_SALES');
  if (cart.lines.length > 0) throw new AppError('SALE_IN_PROGRESS');
}

/** Asked before the cash is counted; closeShift checks the parked sales again. */
export function assertCanCloseShift(ctx: RegisterContext, cart: CartState): void {
  if (cart.lines.length > 0) throw new AppError('SALE_IN_PROGRESS');
  assertNothingParked(ctx);
}

/** A cashier logs out with an empty cart; parked sales wait on disk for whoever logs in next. */
export function assertCanLogout(cart: CartState): void {
  if (cart.lines.length > 0) throw new AppError('SALE_IN_PROGRESS');
}
