import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { cartTotals, type CartState } from '../sale/cart.js';
import { countParked, insertParked, listParkedRows, takeParked } from '../store/queries/parked.js';
import { clearOpenSaleRow } from '../store/queries/open-sale.js';
import { writeAudit } from '../store/queries/sales.js';
import type { Cashier } from './cashier.js';
import type { RegisterContext } from './context.js';
import { storedCart } from './stored-cart.js';

export interface ParkedSale {
  id: string;
  parkedAt: string;
  cashierId: string | null;
  cart: CartState;
}

/**
 * Puts the cart aside on disk, with an audit entry, in one transaction: once this returns the basket survives a
 * restart. An empty cart is refused.
 */
export function parkCart(ctx: RegisterContext, cashier: Cashier, cart: CartState): ParkedSale {
  if (cart.lines.length === 0) throw new AppError('EMPTY_CART');
  const parked: ParkedSale = { id: newId(), parkedAt: new Date().toISOString(), cashierId: cashier.id, cart };
  ctx.db
    .transaction(() => {
      insertParked(ctx.db, { ...parked, data: JSON.stringify(cart) });
      clearOpenSaleRow(ctx.db);
      writeAudit(ctx.db, {
        cashierId: cashier.id,
        action: 'sale.parked',
        data: { parkedId: parked.id, lineCount: cart.lines.length, total: cartTotals(cart).total },
      });
    })
    .immediate();
  return parked;
}

/** Every parked sale of this register, oldest first; any cashier may resume any of them. */
export function parkedSales(ctx: RegisterContext): ParkedSale[] {
  return listParkedRows(ctx.db).map((row) => ({
    id: row.id,
    parkedAt: row.parkedAt,
    cashierId: row.cashierId,
    cart: storedCart(JSON.parse(row.data)),
  }));
}

/**
 * Takes a parked sale back into the cart: its lines, quantities and discounts as they were parked (prices are the
 * snapshot taken at the scan). The row is gone once this returns; PARKED_SALE_NOT_FOUND when another pos on this
 * data dir resumed it first.
 */
export function resumeParked(ctx: RegisterContext, cashier: Cashier, id: string): CartState {
  return ctx.db
    .transaction(() => {
      const row = takeParked(ctx.db, id);
      if (!row) throw new AppError('PARKED_SALE_NOT_FOUND');
      const cart = storedCart(JSON.parse(row.data));
      writeAudit(ctx.db, {
        cashierId: cashier.id,
        action: 'sale.resumed',
        data: { parkedId: id, parkedBy: row.cashierId, lineCount: cart.lines.length },
      });
      return cart;
    })
    .immediate();
}

/**
 * A basket left parked at the end of the day is sold or cancelled (with a reason) in its shift, not carried
 * silently into the next one: closing the shift waits for it.
 */
export function assertNothingParked(ctx: RegisterContext): void {
  const count = countParked(ctx.db);
  if (count > 0) throw new AppError('PARKED_SALES_WAITING', { params: { count } });
}
