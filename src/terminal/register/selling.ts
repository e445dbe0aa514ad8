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
import { fiscalReceiptOfSale, queueFiscalDocument } from '../fiscal/service.js';
import { withMarkingCodes } from '../fiscal/lines.js';
import { checkCartLimits } from '../sale/limits.js';
import { completeSale, type Tender } from '../sale/payment.js';
import { parseScaleBarcode, scanReadings } from '../sale/scale-barcode.js';
import {
  findProductByBarcode,
  findProductBySku,
  searchProducts,
  stockView,
  type LocalProduct,
} from '../store/queries/catalog.js';
import { clearOpenSaleRow } from '../store/queries/open-sale.js';
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
    packageCode: product.packageCode,
  };
}

/**
 * With the store setting "fiscal data required", a product without MXIK or package code cannot go on a fiscal
 * receipt (the tax server rejects it), so it is refused at the scan, before the customer waits at payment.
 */
export function checkFiscalData(ctx: RegisterContext, product: LocalProduct): void {
  if (!settingsOf(ctx).fiscalDataRequired) return;
  const missing = [product.mxik ? null : 'MXIK', product.packageCode ? null : 'packageCode'].filter(
    (m): m is string => m !== null,
  );
  if (missing.length > 0)
    throw new AppError('FISCAL_DATA_MISSING', {
      params: { name: product.name },
      details: { productId: product.id, missing },
    });
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
  const readings = scanReadings(typed);
  const input = readings[0]!;
  const settings = settingsOf(ctx);
  const label = input.qty === null ? parseScaleBarcode(input.code, settings.scaleBarcode) : null;
  if (label) {
    const product = findProductByBarcode(ctx.db, label.itemCode);
    if (!product) throw new AppError('UNKNOWN_BARCODE', { params: { barcode: input.code } });
    checkFiscalData(ctx, product);
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
    checkCartLimits(result.state);
    return { ...result, product };
  }
  let product: LocalProduct | null = null;
  let qty = input.qty;
  for (const reading of readings) {
    product = productByCode(ctx, reading.code);
    qty = reading.qty;
    if (product) break;
  }
  if (!product) throw new AppError('UNKNOWN_BARCODE', { params: { barcode: input.code } });
  checkFiscalData(ctx, product);
  // A weighed product needs its weight: selling it as 1 kg unasked overcharges or undercharges the customer.
  if (product.unit === 'kg' && qty === null)
    throw new AppError('WEIGHT_REQUIRED', { params: { name: product.name }, details: { code: input.code } });
  const result = reduceCart(
    cart,
    { type: 'addItem', product: snapshotOf(product), qty: qty ?? QTY_SCALE },
    cashierPolicy(ctx),
  );
  checkCartLimits(result.state);
  return { ...result, product };
}

/** What the code field names: a barcode, else a SKU (the cashier may type either). */
function productByCode(ctx: RegisterContext, code: string): LocalProduct | null {
  return findProductByBarcode(ctx.db, code) ?? findProductBySku(ctx.db, code);
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
  /** The sale waits for its fiscal receipt (fiscaliseDocument); false when this register does not fiscalise. */
  fiscal: boolean;
}

/**
 * Pays the cart: the sale and its outbox event are committed (durable) before this returns, so whoever shows
 * "paid" shows the truth. Underpaid or empty carts throw and leave nothing behind. On a fiscal register the
 * fiscal receipt is checked first (preflight) and queued in the same commit; the FM is called afterwards.
 */
export function checkout(
  ctx: RegisterContext,
  input: {
    cart: CartState;
    tenders: readonly Tender[];
    cashier: Cashier;
    /** Marking codes scanned at the till, one per unit of marked goods. */
    markingCodes?: readonly string[];
  },
): CompletedSale {
  refuseIfRevoked(ctx);
  const shift = requireOpenShift(ctx);
  checkCartLimits(input.cart);
  const cashRounding = settingsOf(ctx).cashRounding;
  const occurredAt = new Date().toISOString();
  let fiscal = false;
  // The open sale goes in the sale's transaction: a crash right after paying never restores a paid cart.
  const committed = ctx.db
    .transaction(() => {
      const sale = commitSale(ctx.db, {
        deviceName: ctx.identity.deviceName,
        occurredAt,
        build: (receiptNo) =>
          withMarkingCodes(
            ctx.db,
            completeSale(input.cart, input.tenders, {
              receiptNo,
              shiftId: shift.id,
              cashierId: input.cashier.id,
              cashRounding,
            }),
            input.markingCodes,
          ),
        within: (saleId, data) => {
          const receipt = fiscalReceiptOfSale(ctx, data, input.markingCodes);
          if (!receipt) return;
          queueFiscalDocument(ctx.db, { docId: saleId, kind: 'sale', receipt });
          fiscal = true;
        },
      });
      clearOpenSaleRow(ctx.db);
      return sale;
    })
    .immediate();
  return {
    saleId: committed.saleId,
    receiptNo: committed.receiptNo,
    occurredAt,
    data: committed.data,
    fiscal,
  };
}
