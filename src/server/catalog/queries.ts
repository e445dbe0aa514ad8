import type { Knex } from 'knex';
import type { Unit } from '../../common/protocol/catalog.js';
import { insertRows, upsertRows } from '../db/dialect.js';

export interface ProductRow {
  tenant_id: string;
  id: string;
  sku: string;
  name: string;
  name_key: string;
  price: number;
  unit: Unit;
  vat_rate: number;
  mxik: string | null;
  package_code: string | null;
  marking_required: boolean | number;
  active: boolean | number;
  created_at: number;
  updated_at: number;
}

export interface BarcodeRow {
  tenant_id: string;
  barcode: string;
  product_id: string;
}

/** Columns an import overwrites on an existing SKU (id and created_at stay). */
export const importedColumns = [
  'name',
  'name_key',
  'price',
  'unit',
  'vat_rate',
  'mxik',
  'updated_at',
] as const;

function numeric(row: ProductRow): ProductRow {
  // mysql2 returns BIGINT as a number (supportBigNumbers), SQLite too; Number() keeps both honest.
  return {
    ...row,
    price: Number(row.price),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

export async function insertProduct(trx: Knex, row: ProductRow): Promise<void> {
  await trx('products').insert(row);
}

export async function updateProductRow(
  trx: Knex,
  tenantId: string,
  id: string,
  changes: Partial<Omit<ProductRow, 'tenant_id' | 'id'>>,
): Promise<void> {
  await trx('products').where({ tenant_id: tenantId, id }).update(changes);
}

export async function findProduct(knex: Knex, tenantId: string, id: string): Promise<ProductRow | undefined> {
  const row = await knex<ProductRow>('products').where({ tenant_id: tenantId, id }).first();
  return row && numeric(row);
}

export async function findProductsByIds(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  const rows = await knex<ProductRow>('products')
    .where({ tenant_id: tenantId })
    .whereIn('id', [...ids]);
  return rows.map(numeric);
}

export async function findProductsBySkus(
  knex: Knex,
  tenantId: string,
  skus: readonly string[],
): Promise<ProductRow[]> {
  if (skus.length === 0) return [];
  const rows = await knex<ProductRow>('products')
    .where({ tenant_id: tenantId })
    .whereIn('sku', [...skus]);
  return rows.map(numeric);
}

export async function barcodesOf(
  knex: Knex,
  tenantId: string,
  productIds: readonly string[],
): Promise<BarcodeRow[]> {
  if (productIds.length === 0) return [];
  return knex<BarcodeRow>('product_barcodes')
    .where({ tenant_id: tenantId })
    .whereIn('product_id', [...productIds])
    .orderBy('barcode', 'asc');
}

export async function findBarcodes(
  knex: Knex,
  tenantId: string,
  barcodes: readonly string[],
): Promise<BarcodeRow[]> {
  if (barcodes.length === 0) return [];
  return knex<BarcodeRow>('product_barcodes')
    .where({ tenant_id: tenantId })
    .whereIn('barcode', [...barcodes]);
}

export async function insertBarcodes(trx: Knex, rows: readonly BarcodeRow[]): Promise<void> {
  await insertRows(trx, 'product_barcodes', rows);
}

export async function deleteBarcodesOf(
  trx: Knex,
  tenantId: string,
  productIds: readonly string[],
): Promise<void> {
  if (productIds.length === 0) return;
  await trx('product_barcodes')
    .where({ tenant_id: tenantId })
    .whereIn('product_id', [...productIds])
    .del();
}

/** One statement per chunk: new SKUs inserted, existing ones overwritten (the unique (tenant_id, sku) key decides). */
export async function upsertProductsBySku(trx: Knex, rows: readonly ProductRow[]): Promise<void> {
  await upsertRows(trx, 'products', rows, ['tenant_id', 'sku'], importedColumns);
}

export interface ProductPageQuery {
  tenantId: string;
  /** searchKey of the search text; matched anywhere in the name. */
  nameKey?: string;
  /** The search text as typed, also matched as the start of a SKU (any case) or of a barcode. */
  codePrefix?: string;
  active?: boolean;
  after?: { nameKey: string; id: string };
  /** Only products whose level in the store is negative, or low (0 ≤ level < lowBelow; no level row is 0). */
  level?: LevelFilter;
  limit: number;
}

export interface LevelFilter {
  storeId: string;
  only: 'negative' | 'low';
  lowBelow: number;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/**
 * Keyset page in (name_key, id) order, served by the (tenant_id, name_key, id, active) index. The cursor
 * condition is written as `name_key >= ? AND (…)` rather than a row-value comparison so both engines start the
 * index range at the cursor instead of scanning up to it. A name search (contains) still reads the names in
 * index order, so the page's ids are found from the index alone and only those rows are read afterwards: on
 * MariaDB a full-row query fetched every scanned row (~6× slower for a rare word at 100k products).
 */
export async function listProductRows(knex: Knex, q: ProductPageQuery): Promise<ProductRow[]> {
  const query = knex('products as p').where('p.tenant_id', q.tenantId);
  if (q.active !== undefined) query.andWhere('p.active', q.active);
  if (q.nameKey !== undefined && q.codePrefix !== undefined) {
    const { nameKey, codePrefix } = q;
    // SKUs are stored case-sensitive (utf8mb4_bin), so both sides are lowered; barcodes are digits.
    query.andWhere((w) =>
      w
        .whereRaw("p.name_key LIKE ? ESCAPE '!'", [`%${escapeLike(nameKey)}%`])
        .orWhereRaw("LOWER(p.sku) LIKE ? ESCAPE '!'", [`${escapeLike(codePrefix.toLowerCase())}%`])
        .orWhereIn(
          'p.id',
          knex('product_barcodes as b')
            .select('b.product_id')
            .where('b.tenant_id', q.tenantId)
            .andWhereRaw("b.barcode LIKE ? ESCAPE '!'", [`${escapeLike(codePrefix)}%`]),
        ),
    );
  } else if (q.nameKey !== undefined)
    query.andWhereRaw("p.name_key LIKE ? ESCAPE '!'", [`%${escapeLike(q.nameKey)}%`]);
  if (q.level) {
    const { storeId, only, lowBelow } = q.level;
    // A product never received has no level row and counts as 0, so low needs the outer join.
    query.leftJoin('stock_levels as l', (on) =>
      on.on('l.tenant_id', 'p.tenant_id').andOn('l.product_id', 'p.id').andOnVal('l.store_id', storeId),
    );
    if (only === 'negative') query.andWhere('l.level', '<', 0);
    else query.andWhereRaw('COALESCE(l.level, 0) >= 0 AND COALESCE(l.level, 0) < ?', [lowBelow]);
  }
  if (q.after) {
    const { nameKey, id } = q.after;
    query.andWhere('p.name_key', '>=', nameKey).andWhere((w) => {
      w.where('p.name_key', '>', nameKey).orWhere('p.id', '>', id);
    });
  }
  const ids: Array<{ id: string }> = await query
    .select('p.id')
    .orderBy([
      { column: 'p.name_key', order: 'asc' },
      { column: 'p.id', order: 'asc' },
    ])
    .limit(q.limit);
  const rows = new Map(
    (
      await findProductsByIds(
        knex,
        q.tenantId,
        ids.map((row) => row.id),
      )
    ).map((row) => [row.id, row]),
  );
  return ids.flatMap(({ id }) => {
    const row = rows.get(id);
    return row ? [row] : [];
  });
}

/** Products whose SKU or one of whose barcodes is exactly `code`: two indexed lookups (an OR would scan). */
export async function findProductsByCode(knex: Knex, tenantId: string, code: string): Promise<ProductRow[]> {
  const [bySku, byBarcode] = await Promise.all([
    knex<ProductRow>('products').where({ tenant_id: tenantId, sku: code }),
    knex<BarcodeRow>('product_barcodes').where({ tenant_id: tenantId, barcode: code }),
  ]);
  const ids = byBarcode.map((b) => b.product_id).filter((id) => !bySku.some((p) => p.id === id));
  const rows = [...bySku, ...(await findProductsByIds(knex, tenantId, ids))];
  return rows.map(numeric).sort((a, b) => (a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : 0));
}
