import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type {
  createProductBody,
  ListProductsResponse,
  listProductsQuery,
  Product,
  updateProductBody,
} from '../../common/protocol/catalog.js';
import type { productChangeData } from '../../common/protocol/sync.js';
import { searchKey } from '../../common/text.js';
import { toIso } from '../../common/time.js';
import type { TenantContext } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { recordChanges } from '../changes/service.js';
import { getTenant } from '../tenants/service.js';
import {
  barcodesOf,
  deleteBarcodesOf,
  findBarcodes,
  findProduct,
  findProductsByCode,
  findProductsByIds,
  findProductsBySkus,
  insertBarcodes,
  insertProduct,
  listProductRows,
  updateProductRow,
  type LevelFilter,
  type ProductRow,
} from './queries.js';

export type { LevelFilter, ProductRow };
export type ProductChangeData = z.infer<typeof productChangeData>;

export function toProduct(row: ProductRow, barcodes: string[]): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    barcodes,
    price: row.price,
    unit: row.unit,
    vatRate: row.vat_rate,
    mxik: row.mxik,
    packageCode: row.package_code,
    markingRequired: Boolean(row.marking_required),
    active: Boolean(row.active),
    updatedAt: toIso(row.updated_at)!,
  };
}

async function withBarcodes(knex: Knex, tenantId: string, rows: ProductRow[]): Promise<Product[]> {
  const codes = await barcodesOf(
    knex,
    tenantId,
    rows.map((r) => r.id),
  );
  const byProduct = new Map<string, string[]>();
  for (const code of codes)
    byProduct.set(code.product_id, [...(byProduct.get(code.product_id) ?? []), code.barcode]);
  return rows.map((row) => toProduct(row, byProduct.get(row.id) ?? []));
}

/** Replaces a product's barcodes; a code held by another product is 409 BARCODE_TAKEN (the primary key decides). */
async function setBarcodes(
  trx: Knex,
  tenantId: string,
  productId: string,
  barcodes: string[],
): Promise<void> {
  const unique = [...new Set(barcodes)];
  const taken = (await findBarcodes(trx, tenantId, unique)).find((b) => b.product_id !== productId);
  if (taken) throw new AppError('BARCODE_TAKEN', { params: { barcode: taken.barcode } });
  await deleteBarcodesOf(trx, tenantId, [productId]);
  try {
    await insertBarcodes(
      trx,
      unique.map((barcode) => ({ tenant_id: tenantId, barcode, product_id: productId })),
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('BARCODE_TAKEN', { params: { barcode: unique.join(', ') } });
    throw error;
  }
}

export async function createProduct(
  ctx: TenantContext,
  body: z.output<typeof createProductBody>,
): Promise<{ product: Product }> {
  const tenant = await getTenant(ctx.db.knex, ctx.tenantId);
  const now = Date.now();
  const row: ProductRow = {
    tenant_id: ctx.tenantId,
    id: newId(),
    sku: body.sku,
    name: body.name,
    name_key: searchKey(body.name),
    price: body.price,
    unit: body.unit,
    vat_rate: body.vatRate ?? tenant.default_vat_rate,
    mxik: body.mxik ?? null,
    package_code: body.packageCode ?? null,
    marking_required: body.markingRequired,
    active: body.active,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.knex.transaction(async (trx) => {
    try {
      await insertProduct(trx, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('SKU_TAKEN', { params: { sku: body.sku } });
      throw error;
    }
    await setBarcodes(trx, ctx.tenantId, row.id, body.barcodes);
    await recordChanges(trx, ctx.tenantId, null, [{ entity: 'product', id: row.id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, productId: row.id, sku: row.sku }, 'product created');
  return { product: toProduct(row, [...new Set(body.barcodes)].sort()) };
}

export async function updateProduct(
  ctx: TenantContext,
  id: string,
  body: z.output<typeof updateProductBody>,
): Promise<{ product: Product }> {
  await ctx.db.knex.transaction(async (trx) => {
    const existing = await findProduct(trx, ctx.tenantId, id);
    if (!existing) throw new AppError('NOT_FOUND');
    const changes: Partial<ProductRow> = { updated_at: Date.now() };
    if (body.sku !== undefined) changes.sku = body.sku;
    if (body.name !== undefined) Object.assign(changes, { name: body.name, name_key: searchKey(body.name) });
    if (body.price !== undefined) changes.price = body.price;
    if (body.unit !== undefined) changes.unit = body.unit;
    if (body.vatRate !== undefined) changes.vat_rate = body.vatRate;
    if (body.mxik !== undefined) changes.mxik = body.mxik;
    if (body.packageCode !== undefined) changes.package_code = body.packageCode;
    if (body.markingRequired !== undefined) changes.marking_required = body.markingRequired;
    if (body.active !== undefined) changes.active = body.active;
    try {
      await updateProductRow(trx, ctx.tenantId, id, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('SKU_TAKEN', { params: { sku: body.sku ?? '' } });
      throw error;
    }
    if (body.barcodes !== undefined) await setBarcodes(trx, ctx.tenantId, id, body.barcodes);
    await recordChanges(trx, ctx.tenantId, null, [{ entity: 'product', id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, productId: id }, 'product updated');
  return { product: await getProduct(ctx, id) };
}

/** Products are never deleted (past sales name them); deactivation takes them off the registers. */
export async function deactivateProduct(ctx: TenantContext, id: string): Promise<{ product: Product }> {
  return updateProduct(ctx, id, { active: false });
}

export async function getProduct(ctx: TenantContext, id: string): Promise<Product> {
  const row = await findProduct(ctx.db.knex, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [product] = await withBarcodes(ctx.db.knex, ctx.tenantId, [row]);
  return product!;
}

function encodeCursor(row: ProductRow): string {
  return Buffer.from(JSON.stringify([row.name_key, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { nameKey: string; id: string } {
  try {
    const [nameKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof nameKey === 'string' && typeof id === 'string') return { nameKey, id };
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', {
    params: { field: 'cursor', reason: 'not a cursor from this API' },
  });
}

export async function listProducts(
  ctx: TenantContext,
  query: z.output<typeof listProductsQuery>,
  level?: LevelFilter,
): Promise<ListProductsResponse> {
  const search = query.search?.trim();
  const active = query.active === 'all' ? undefined : query.active === 'true';
  // A scanned barcode or typed SKU is answered by an exact, indexed match before any name search.
  if (search && !query.cursor) {
    const exact = (await findProductsByCode(ctx.db.knex, ctx.tenantId, search)).filter(
      (row) => active === undefined || Boolean(row.active) === active,
    );
    if (exact.length > 0) {
      return { products: await withBarcodes(ctx.db.knex, ctx.tenantId, exact), cursor: null, hasMore: false };
    }
  }
  const rows = await listProductRows(ctx.db.knex, {
    tenantId: ctx.tenantId,
    nameKey: search ? searchKey(search) : undefined,
    codePrefix: search || undefined,
    active,
    level,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    products: await withBarcodes(ctx.db.knex, ctx.tenantId, page),
    cursor: hasMore ? encodeCursor(page[page.length - 1]!) : null,
    hasMore,
  };
}

/** Current state of products for the pull stream, by id (missing ids are simply absent). */
export async function productsForPull(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ProductChangeData>> {
  const rows = await findProductsByIds(knex, tenantId, ids);
  const products = await withBarcodes(knex, tenantId, rows);
  return new Map(
    products.map((p) => [
      p.id,
      {
        sku: p.sku,
        name: p.name,
        barcodes: p.barcodes,
        price: p.price,
        unit: p.unit,
        vatRate: p.vatRate,
        mxik: p.mxik,
        packageCode: p.packageCode,
        markingRequired: p.markingRequired,
        active: p.active,
      },
    ]),
  );
}

export interface ProductBrief {
  id: string;
  sku: string;
  name: string;
  vatRate: number;
  active: boolean;
}

function brief(row: ProductRow): ProductBrief {
  // SQLite hands booleans back as 0/1.
  return { id: row.id, sku: row.sku, name: row.name, vatRate: row.vat_rate, active: Boolean(row.active) };
}

export async function productsByIds(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<ProductBrief[]> {
  return (await findProductsByIds(knex, tenantId, [...new Set(ids)])).map(brief);
}

export async function productsBySkus(
  knex: Knex,
  tenantId: string,
  skus: readonly string[],
): Promise<ProductBrief[]> {
  return (await findProductsBySkus(knex, tenantId, [...new Set(skus)])).map(brief);
}
