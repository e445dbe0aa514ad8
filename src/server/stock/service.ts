import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type {
  StockAdjustmentBody,
  StockPageResponse,
  StockReceiptBody,
  stockPageQuery,
} from '../../common/protocol/catalog.js';
import { listProducts, productsByIds, productsBySkus, type ProductBrief } from '../catalog/service.js';
import type { TenantContext } from '../context.js';
import type { Db } from '../db/connection.js';
import { retryOnConflict } from '../db/errors.js';
import { recordChanges } from '../changes/service.js';
import { defaultStore } from '../tenants/service.js';
import {
  addToLevels,
  insertMovements,
  levelsOf,
  listLevelRows,
  lockLevel,
  setLevel,
  type MovementKind,
  type StockMovementRow,
} from './queries.js';

export interface StockMove {
  productId: string;
  kind: MovementKind;
  /** Signed thousandths: + in, − out. */
  qty: number;
  ref: string | null;
  note?: string | null;
}

/**
 * Writes ledger rows and moves the levels by the same amounts, inside the caller's transaction. Levels may go
 * negative: an offline sale is a fact, never refused for stock. Returns the products whose level changed.
 */
export async function applyStockMoves(
  db: Db,
  trx: Knex,
  tenantId: string,
  storeId: string,
  moves: readonly StockMove[],
): Promise<string[]> {
  if (moves.length === 0) return [];
  const now = Date.now();
  const rows: StockMovementRow[] = moves.map((m) => ({
    tenant_id: tenantId,
    id: newId(),
    store_id: storeId,
    product_id: m.productId,
    kind: m.kind,
    qty: m.qty,
    ref: m.ref,
    note: m.note ?? null,
    created_at: now,
  }));
  await insertMovements(trx, rows);
  const deltas = new Map<string, number>();
  for (const m of moves) deltas.set(m.productId, (deltas.get(m.productId) ?? 0) + m.qty);
  await addToLevels(
    db,
    trx,
    [...deltas].map(([productId, level]) => ({
      tenant_id: tenantId,
      store_id: storeId,
      product_id: productId,
      level,
    })),
  );
  return [...deltas.keys()];
}

/** Finds each referenced product of the tenant (by id or SKU); an unknown one is 400 UNKNOWN_PRODUCT. */
async function resolveRefs(
  knex: Knex,
  tenantId: string,
  refs: ReadonlyArray<{ sku?: string; productId?: string }>,
): Promise<ProductBrief[]> {
  const byId = new Map(
    (
      await productsByIds(
        knex,
        tenantId,
        refs.flatMap((r) => (r.productId ? [r.productId] : [])),
      )
    ).map((p) => [p.id, p]),
  );
  const bySku = new Map(
    (
      await productsBySkus(
        knex,
        tenantId,
        refs.flatMap((r) => (r.sku ? [r.sku] : [])),
      )
    ).map((p) => [p.sku, p]),
  );
  return refs.map((ref) => {
    const found = ref.productId ? byId.get(ref.productId) : bySku.get(ref.sku ?? '');
    if (!found) throw new AppError('UNKNOWN_PRODUCT', { params: { ref: ref.productId ?? ref.sku ?? '' } });
    return found;
  });
}

export async function receiveStock(
  ctx: TenantContext,
  body: StockReceiptBody,
): Promise<{ receipt: { id: string; levels: Array<{ productId: string; level: number }> } }> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  const products = await resolveRefs(ctx.db.knex, ctx.tenantId, body.lines);
  const receiptId = newId();
  const levels = await ctx.db.knex.transaction(async (trx) => {
    const changed = await applyStockMoves(
      ctx.db,
      trx,
      ctx.tenantId,
      store.id,
      body.lines.map((line, i) => ({
        productId: products[i]!.id,
        kind: 'receipt',
        qty: line.qty,
        ref: receiptId,
        note: body.note ?? null,
      })),
    );
    const rows = await levelsOf(trx, ctx.tenantId, store.id, changed);
    await recordChanges(
      trx,
      ctx.tenantId,
      [store.id],
      changed.map((id) => ({ entity: 'stock', id })),
    );
    return rows.map((row) => ({ productId: row.product_id, level: row.level }));
  });
  ctx.logger.info({ tenantId: ctx.tenantId, receiptId, lines: body.lines.length }, 'stock received');
  return { receipt: { id: receiptId, levels } };
}

/** A count: the difference to the current level is booked, read and written under the level row's lock. */
export async function adjustStock(
  ctx: TenantContext,
  body: StockAdjustmentBody,
): Promise<{ adjustment: { productId: string; previous: number; counted: number; delta: number } }> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  const [product] = await resolveRefs(ctx.db.knex, ctx.tenantId, [body]);
  const productId = product!.id;
  const result = await retryOnConflict(() =>
    ctx.db.knex.transaction(async (trx) => {
      const previous = await lockLevel(ctx.db, trx, ctx.tenantId, store.id, productId);
      const delta = body.countedQty - previous;
      await insertMovements(trx, [
        {
          tenant_id: ctx.tenantId,
          id: newId(),
          store_id: store.id,
          product_id: productId,
          kind: 'adjustment',
          qty: delta,
          ref: null,
          note: body.reason,
          created_at: Date.now(),
        },
      ]);
      await setLevel(trx, ctx.tenantId, store.id, productId, body.countedQty);
      await recordChanges(trx, ctx.tenantId, [store.id], [{ entity: 'stock', id: productId }]);
      return { productId, previous, counted: body.countedQty, delta };
    }),
  );
  ctx.logger.info({ tenantId: ctx.tenantId, ...result }, 'stock adjusted');
  return { adjustment: result };
}

export async function listStockLevels(
  ctx: TenantContext,
): Promise<{ levels: Array<{ productId: string; sku: string; name: string; level: number }> }> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  const rows = await listLevelRows(ctx.db.knex, ctx.tenantId, store.id);
  return { levels: rows.map((r) => ({ productId: r.product_id, sku: r.sku, name: r.name, level: r.level })) };
}

/**
 * A page of active products with their level: the catalog's keyset page (exact SKU/barcode first, then the
 * apostrophe-insensitive name search) joined to the levels of just that page, so 100k products cost one page.
 * A product never received has no level row and shows 0. `only` narrows the page to negative or low levels in
 * SQL, so the problem rows page like the rest.
 */
export async function listStockPage(
  ctx: TenantContext,
  query: z.output<typeof stockPageQuery>,
): Promise<StockPageResponse> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  const page = await listProducts(
    ctx,
    { search: query.search, cursor: query.cursor, limit: query.limit, active: 'true' },
    query.only ? { storeId: store.id, only: query.only, lowBelow: query.lowBelow } : undefined,
  );
  const levels = new Map(
    (
      await levelsOf(
        ctx.db.knex,
        ctx.tenantId,
        store.id,
        page.products.map((p) => p.id),
      )
    ).map((row) => [row.product_id, row.level]),
  );
  const items = page.products.map((p) => {
    const level = levels.get(p.id) ?? 0;
    return {
      productId: p.id,
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      level,
      negative: level < 0,
      low: level >= 0 && level < query.lowBelow,
    };
  });
  return {
    // The exact SKU/barcode answer is not filtered in SQL; the name pages already are, so this keeps them as is.
    items: query.only ? items.filter((item) => item[query.only!]) : items,
    cursor: page.cursor,
    hasMore: page.hasMore,
  };
}

/** Levels for the pull stream, by product id. */
export async function stockForPull(
  knex: Knex,
  tenantId: string,
  storeId: string,
  productIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await levelsOf(knex, tenantId, storeId, productIds);
  return new Map(rows.map((row) => [row.product_id, row.level]));
}
