import { z } from 'zod';
import { cardTypes, qrProviders, type Tender } from '../sale/payment.js';
import type { CartState } from '../sale/cart.js';
import { clearOpenSaleRow, readOpenSaleRow, saveOpenSaleRow } from '../store/queries/open-sale.js';
import type { Cashier } from './cashier.js';
import type { RegisterContext } from './context.js';
import { storedCart } from './stored-cart.js';

const money = z.number().int().safe().min(0);
const reference = z.string().max(64).optional();
const tenderSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('cash'), tendered: money }),
  z.strictObject({ method: z.literal('card'), amount: money, cardType: z.enum(cardTypes), reference }),
  z.strictObject({ method: z.literal('qr'), amount: money, provider: z.enum(qrProviders), reference }),
]);
const openSaleSchema = z.strictObject({ cart: z.unknown(), tenders: z.array(tenderSchema) });

export interface OpenSale {
  cart: CartState;
  /** Tenders entered at the pay dialog before the sale was completed. */
  tenders: readonly Tender[];
  cashierId: string | null;
  savedAt: string;
}

/**
 * Writes the sale being rung up, as it is now, before the screen shows the change: what the cashier saw is what a
 * crash restores. An empty cart with no tenders leaves nothing to restore.
 */
export function keepOpenSale(
  ctx: RegisterContext,
  cashier: Cashier,
  cart: CartState,
  tenders: readonly Tender[] = [],
): void {
  if (cart.lines.length === 0 && tenders.length === 0) return clearOpenSaleRow(ctx.db);
  saveOpenSaleRow(ctx.db, {
    savedAt: new Date().toISOString(),
    cashierId: cashier.id,
    data: JSON.stringify({ cart, tenders }),
  });
}

/**
 * The sale a crash interrupted, if any. A row that no longer reads (written by another version, edited by hand)
 * is refused with the error, never half restored; the caller shows it and logs it.
 */
export function interruptedSale(ctx: RegisterContext): OpenSale | null {
  const row = readOpenSaleRow(ctx.db);
  if (!row) return null;
  const data = openSaleSchema.parse(JSON.parse(row.data));
  return {
    cart: storedCart(data.cart),
    tenders: data.tenders,
    cashierId: row.cashierId,
    savedAt: row.savedAt,
  };
}
