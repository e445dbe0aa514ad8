import { AppError } from '../../common/errors.js';
import { QTY_SCALE } from '../../common/quantity.js';
import type { SaleCompletedData } from '../../common/protocol/sync.js';
import {
  reduceCart,
  type CartAuditEntry,
  type CartResult,
  type CartState,
  type DiscountPolicy,
  type ProductSnapshot,
} from '../sale/cart.js';
import { completeSale, type Tender } from '../sale/payment.js';
import { parseScaleBarcode, parseScanInput } from '../sale/scale-barcode.js';
import {
  findProductByBarcode,
  searchProducts,
  stockView,
  type LocalProduct,
} from '../store/queries/catalog.js';
import { commitSale, writeAudit } from '../store/queries/sales.js';
import type { Cashier } from './cashier.js';
import { settingsOf, type RegisterContext } from './context.js';
import { requireOpenShift, refuseIfRevoked } from './shift.js';

export function snapshotOf(product: LocalProduct): ProductSnapshot {
  return {
    productId: product.id,
    name: product.name,
    unitPrice: product.price,
    vatRate: product.vatRate,
    unit: product.unit,
    mxik: product.mxik,
  };
}

export function cashierPolicy(ctx: RegisterContext): DiscountPolicy {
  return { role: 'cashier', maxCashierDiscount: settingsOf(ctx).maxCashierDiscount };
}

/**
 * What the scan field received → a line in the cart: `code`, `code*qty` / `qty*code`, or a scale label (prefix
 * 20–29) carrying the weight or the price of a weighed package. Unknown codes leave the cart as it was.
 */
export function scanIntoCart(
  ctx: RegisterContext,
  cart: CartState,
  typed: string,
): CartResult & { product: LocalProduct } {
  const input = parseScanInput(typed);
  const settings = settingsOf(ctx);
  const label = input.qty === null ? parseScaleBarcode(input.code, settings.scaleBarcode) : null;
  if (label) {
    const product = findProductByBarcode(ctx.db, label.itemCode);
    if (!product) throw new AppError('UNKNOWN_BARCODE', { params: { barcode: input.code } });
    const snapshot = snapshotOf(product);
    const result =
      label.kind === 'weight'
        ? reduceCart(
            cart,
            { type: 'addItem', product: snapshot, qty: label.qty, scale: {} },
            cashierPolicy(ctx),
          )
        : reduceCart(
            cart,
            {
              type: 'addItem',
              product: snapshot,
              // The label states the price; the weight follows from the unit price (kept to whole grams).
              qty:
                product.price > 0
                  ? Math.max(1, Math.round((label.price * QTY_SCALE) / product.price))
                  : QTY_SCALE,
              scale: { labelPrice: label.price },
            },
            cashierPolicy(ctx),
          );
    return { ...result, product };
  }
  const product = findProductByBarcode(ctx.db, input.code);
  if (!product) throw new AppError('UNKNOWN_BARCODE', { params: { barcode: input.code } });
  const result = reduceCart(
    cart,
    { type: 'addItem', product: snapshotOf(product), qty: input.qty ?? QTY_SCALE },
    cashierPolicy(ctx),
  );
  return { ...result, product };
}

export interface SearchHit extends LocalProduct {
  /** Last pulled level minus this register's sales the server had not counted; null when unknown. */
  stock: number | null;
}

export function searchCatalog(ctx: RegisterContext, typed: string, limit = 20): SearchHit[] {
  return searchProducts(ctx.db, typed, limit).map((product) => ({
    ...product,
    stock: stockView(ctx.db, product.id),
  }));
}

export function stockOf(ctx: RegisterContext, productId: string): number | null {
  return stockView(ctx.db, productId);
}

export function recordAudit(
  ctx: RegisterContext,
  cashier: Cashier | null,
  entries: readonly CartAuditEntry[],
): void {
  for (const entry of entries)
    writeAudit(ctx.db, { cashierId: cashier?.id ?? null, action: entry.type, data: entry });
}

export interface CompletedSale {
  saleId: string;
  receiptNo: string;
  occurredAt: string;
  data: SaleCompletedData;
}

/**
 * Pays the cart: the sale and its outbox event are committed (durable) before this returns, so whoever shows
 * "paid" shows the truth. Underpaid or empty carts throw and leave nothing behind.
 */
export function checkout(
  ctx: RegisterContext,
  input: { cart: CartState; tenders: readonly Tender[]; cashier: Cashier },
): CompletedSale {
  refuseIfRevoked(ctx);
  const shift = requireOpenShift(ctx);
  const cashRounding = settingsOf(ctx).cashRounding;
  const occurredAt = new Date().toISOString();
  const committed = commitSale(ctx.db, {
    deviceName: ctx.identity.deviceName,
    occurredAt,
    build: (receiptNo) =>
      completeSale(input.cart, input.tenders, {
        receiptNo,
        shiftId: shift.id,
        cashierId: input.cashier.id,
        cashRounding,
      }),
  });
  return { saleId: committed.saleId, receiptNo: committed.receiptNo, occurredAt, data: committed.data };
}
