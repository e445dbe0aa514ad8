import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { csvChunks, fileRejections } from '../../common/csv-chunks.js';
import { AppError } from '../../common/errors.js';
import type { Lang } from '../../common/i18n/index.js';
import { formatMoney } from '../../common/money.js';
import {
  barcodeSchema,
  createProductBody,
  importResponse,
  listProductsResponse,
  mxikSchema,
  productResponse,
  skuSchema,
  unitSchema,
  type ImportResponse,
  type ListProductsResponse,
  type Product,
  type UpdateProductBody,
} from '../../common/protocol/catalog.js';
import { loggedInClient, type ApiClient } from '../api-client.js';
import { somFlag, vatPercentFlag } from '../flags.js';
import { text, type TextKey } from '../messages.js';
import { printJson, printLine, printNotice, printTable, startProgress } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

/** Records per request: a 100k-line price list goes as 20 requests, each well under the server's body limit. */
export const IMPORT_CHUNK_RECORDS = 5000;

const productFlags = {
  sku: skuSchema,
  name: createProductBody.shape.name,
  price: somFlag,
  barcode: z.array(barcodeSchema).max(20).optional(),
  unit: unitSchema.optional(),
  vat: vatPercentFlag.optional(),
  mxik: mxikSchema.optional(),
};
const addFlagsSchema = z.strictObject(productFlags);
const editFlagsSchema = z
  .strictObject({
    ...z.object(productFlags).partial().shape,
    active: z.boolean().optional(),
    inactive: z.boolean().optional(),
  })
  .refine((f) => !(f.active && f.inactive), { message: 'either --active or --inactive', path: ['active'] });
const listFlagsSchema = z.strictObject({
  search: z.string().max(191).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  allPages: z.boolean().optional(),
});

function printProductSaved(lang: Lang, product: Product): void {
  printLine(
    text(lang, 'productSaved', { sku: product.sku, name: product.name, price: formatMoney(product.price) }),
  );
}

export async function addProduct(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(addFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('POST', '/products', {
    body: {
      sku: flags.sku,
      name: flags.name,
      price: flags.price,
      barcodes: flags.barcode ?? [],
      unit: flags.unit,
      vatRate: flags.vat,
      mxik: flags.mxik,
    },
    response: productResponse,
  });
  if (globals.json) return printJson(answer);
  printProductSaved(globals.lang, answer.product);
}

/**
 * Accepts what the owner sees in `products list`: its SKU (the server answers an exact SKU search from an
 * index) or, failing that, a product id, looked up page by page.
 */
export async function resolveProduct(api: ApiClient, skuOrId: string): Promise<Product> {
  const wanted = skuOrId.trim();
  const bySku = await api.request('GET', '/products', {
    query: { search: wanted, limit: '500', active: 'all' },
    response: listProductsResponse,
  });
  const found = bySku.products.find((p) => p.sku === wanted || p.id === wanted);
  if (found) return found;
  let cursor: string | null = null;
  do {
    const page: ListProductsResponse = await api.request('GET', '/products', {
      query: { limit: '500', active: 'all', ...(cursor ? { cursor } : {}) },
      response: listProductsResponse,
    });
    const byId = page.products.find((p) => p.id === wanted);
    if (byId) return byId;
    cursor = page.hasMore ? page.cursor : null;
  } while (cursor);
  throw new AppError('UNKNOWN_PRODUCT', { params: { ref: wanted } });
}

export async function editProduct(skuOrId: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(editFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const product = await resolveProduct(api, skuOrId);
  const body: UpdateProductBody = {
    sku: flags.sku,
    name: flags.name,
    price: flags.price,
    barcodes: flags.barcode,
    unit: flags.unit,
    vatRate: flags.vat,
    mxik: flags.mxik,
    active: flags.active ? true : flags.inactive ? false : undefined,
  };
  const answer = await api.request('PATCH', `/products/${encodeURIComponent(product.id)}`, {
    body,
    response: productResponse,
  });
  if (globals.json) return printJson(answer);
  printProductSaved(globals.lang, answer.product);
}

export async function listProducts(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(listFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const query: Record<string, string> = { limit: String(flags.limit ?? 50), active: 'all' };
  if (flags.search) query.search = flags.search;
  let page = await api.request('GET', '/products', { query, response: listProductsResponse });
  const products = [...page.products];
  while (flags.allPages && page.hasMore && page.cursor) {
    page = await api.request('GET', '/products', {
      query: { ...query, cursor: page.cursor },
      response: listProductsResponse,
    });
    products.push(...page.products);
  }
  if (globals.json) return printJson({ products, cursor: page.cursor, hasMore: page.hasMore });
  if (products.length === 0) return printLine(text(globals.lang, 'noProducts'));
  const t = (key: TextKey) => text(globals.lang, key);
  printTable(
    [t('colSku'), t('colName'), t('colBarcodes'), t('colPrice'), t('colUnit'), t('colVat'), t('colActive')],
    products.map((p) => [
      p.sku,
      p.name,
      p.barcodes.join(' '),
      formatMoney(p.price),
      p.unit,
      (p.vatRate / 100).toString(),
      p.active ? t('yes') : t('no'),
    ]),
  );
  if (page.hasMore) printLine(t('moreProducts'));
}

/**
 * `posapp products import <file.csv>`: the file goes as text/csv in chunks of IMPORT_CHUNK_RECORDS records
 * (each with the header), so a big price list neither hits the body limit nor one long transaction.
 * Rejected lines are reported with their line number in the original file; any rejected line makes the
 * command exit 1, so a script notices an incomplete import even though the good lines were saved.
 */
export async function importProducts(file: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', {
      params: { field: '<file.csv>', reason: `cannot read ${file}` },
      cause: error,
    });
  }
  const { api } = loggedInClient(globals);
  const total: ImportResponse = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
  const progress = await startProgress(size, !globals.json);
  try {
    const source = createReadStream(file, { encoding: 'utf8' });
    for await (const chunk of csvChunks(source, IMPORT_CHUNK_RECORDS)) {
      const answer = await api.request('POST', '/products/import', {
        rawBody: { contentType: 'text/csv; charset=utf-8', data: chunk.text },
        response: importResponse,
      });
      total.imported += answer.imported;
      total.updated += answer.updated;
      total.unchanged += answer.unchanged;
      total.rejected.push(...fileRejections(chunk, answer.rejected));
      progress.advance(chunk.bytes);
    }
  } finally {
    progress.stop();
  }
  total.rejected.sort((a, b) => a.line - b.line);
  if (total.rejected.length > 0) process.exitCode = 1;
  if (globals.json) return printJson(total);
  for (const { line, reason } of total.rejected) {
    printLine(text(globals.lang, 'importRejectedLine', { line, reason }));
  }
  printLine(
    text(globals.lang, 'importSummary', {
      imported: total.imported,
      updated: total.updated,
      unchanged: total.unchanged,
      rejected: total.rejected.length,
    }),
  );
  if (total.rejected.length > 0) {
    printNotice(text(globals.lang, 'importHasRejected', { rejected: total.rejected.length }));
  }
}
