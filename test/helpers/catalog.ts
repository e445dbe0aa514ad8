import { ean13 } from '../../src/common/barcode.js';
import { bearer, type TestApp } from './app.js';

let barcodeCounter = 0;

/** A fresh EAN-13 with a valid check digit (prefix 478: Uzbekistan). */
export function nextEan13(): string {
  barcodeCounter++;
  return ean13(`478${String(Date.now() % 1e5).padStart(5, '0')}${String(barcodeCounter).padStart(4, '0')}`);
}

let skuCounter = 0;

export interface ProductSeed {
  id: string;
  sku: string;
  barcodes: string[];
}

export async function createProduct(
  t: TestApp,
  ownerToken: string,
  fields: Record<string, unknown> = {},
): Promise<ProductSeed> {
  const sku = `SKU-${++skuCounter}-${Math.random().toString(36).slice(2, 7)}`;
  const res = await t.http
    .post('/products')
    .set(...bearer(ownerToken))
    .send({ sku, name: `Mahsulot ${skuCounter}`, barcodes: [nextEan13()], price: 1_000_00, ...fields })
    .expect(201);
  return { id: res.body.product.id, sku: res.body.product.sku, barcodes: res.body.product.barcodes };
}

export async function countRows(t: TestApp, table: string, where: Record<string, unknown>): Promise<number> {
  const row = await t.db.knex(table).where(where).count({ n: '*' }).first();
  return Number(row!.n);
}
