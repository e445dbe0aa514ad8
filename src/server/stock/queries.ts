import type { Knex } from 'knex';
import type { Db } from '../db/connection.js';
import { insertIgnore, insertOrAdd, insertRows, lockingRead } from '../db/dialect.js';

export type MovementKind = 'receipt' | 'sale' | 'refund' | 'adjustment';

export interface StockMovementRow {
  tenant_id: string;
  id: string;
  store_id: string;
  product_id: string;
  kind: MovementKind;
  qty: number;
  ref: string | null;
  note: string | null;
  created_at: number;
}

export interface StockLevelRow {
  tenant_id: string;
  store_id: string;
  product_id: string;
  level: number;
}

const levelKey = ['tenant_id', 'store_id', 'product_id'] as const;

export async function insertMovements(trx: Knex, rows: readonly StockMovementRow[]): Promise<void> {
  await insertRows(trx, 'stock_movements', rows);
}

/** Adds each row's level to the stored one (or inserts it); rows sorted by product so lock order is stable. */
export async function addToLevels(db: Db, trx: Knex, rows: StockLevelRow[]): Promise<void> {
  const sorted = [...rows].sort((a, b) =>
    a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0,
  );
  await insertOrAdd(db, trx, 'stock_levels', sorted, levelKey, 'level');
}

/** The level row locked for a read-modify-write (made first if missing, so there is a row to lock). */
export async function lockLevel(
  db: Db,
  trx: Knex,
  tenantId: string,
  storeId: string,
  productId: string,
): Promise<number> {
  const key = { tenant_id: tenantId, store_id: storeId, product_id: productId };
  const existing = await lockingRead(db, trx<StockLevelRow>('stock_levels').where(key)).first();
  if (existing) return Number(existing.level);
  // Only when missing: INSERT IGNORE on an existing row takes a shared lock, and two shared holders that both
  // want the exclusive lock deadlock on MySQL.
  await insertIgnore(trx, 'stock_levels', [{ ...key, level: 0 }], levelKey);
  const row = await lockingRead(db, trx<StockLevelRow>('stock_levels').where(key)).first();
  return Number(row!.level);
}

export async function setLevel(
  trx: Knex,
  tenantId: string,
  storeId: string,
  productId: string,
  level: number,
): Promise<void> {
  await trx('stock_levels')
    .where({ tenant_id: tenantId, store_id: storeId, product_id: productId })
    .update({ level });
}

export async function levelsOf(
  knex: Knex,
  tenantId: string,
  storeId: string,
  productIds: readonly string[],
): Promise<StockLevelRow[]> {
  if (productIds.length === 0) return [];
  const rows = await knex<StockLevelRow>('stock_levels')
    .where({ tenant_id: tenantId, store_id: storeId })
    .whereIn('product_id', [...productIds]);
  return rows.map((row) => ({ ...row, level: Number(row.level) }));
}

export interface LevelListRow {
  product_id: string;
  sku: string;
  name: string;
  level: number;
}

/** Every product with a level row in the store, by name (same-tenant join only). */
export async function listLevelRows(knex: Knex, tenantId: string, storeId: string): Promise<LevelListRow[]> {
  const rows: LevelListRow[] = await knex('stock_levels as l')
    .join('products as p', (on) => on.on('p.tenant_id', 'l.tenant_id').andOn('p.id', 'l.product_id'))
    .where({ 'l.tenant_id': tenantId, 'l.store_id': storeId })
    .orderBy([
      { column: 'p.name_key', order: 'asc' },
      { column: 'p.id', order: 'asc' },
    ])
    .select('l.product_id', 'p.sku', 'p.name', 'l.level');
  return rows.map((row) => ({ ...row, level: Number(row.level) }));
}
