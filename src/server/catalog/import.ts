import { parse } from 'csv-parse';
import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { importCsvHeader, type ImportResponse } from '../../common/protocol/catalog.js';
import { searchKey } from '../../common/text.js';
import type { TenantContext } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { recordChanges } from '../changes/service.js';
import { getTenant } from '../tenants/service.js';
import { csvRowProblem, csvRowSchema, type CsvRow } from './csv-row.js';
import {
  barcodesOf,
  deleteBarcodesOf,
  findBarcodes,
  findProductsBySkus,
  insertBarcodes,
  upsertProductsBySku,
  type ProductRow,
} from './queries.js';

/** Rows per transaction: big enough to be fast, small enough that a 100k-row file never holds locks for long. */
const CHUNK_ROWS = 1000;

interface Line {
  line: number;
  row: CsvRow;
}

interface ChunkResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: ImportResponse['rejected'];
}

function checkHeader(record: string[]): void {
  const got = record.map((cell) => cell.trim());
  if (got.length !== importCsvHeader.length || got.some((cell, i) => cell !== importCsvHeader[i])) {
    throw new AppError('VALIDATION_FAILED', {
      params: { field: 'header', reason: `expected ${importCsvHeader.join(',')}` },
    });
  }
}

/** One chunk in one transaction: upsert by SKU, barcodes replaced where the file lists some. */
async function importChunk(
  ctx: TenantContext,
  trx: Knex,
  defaultVatRate: number,
  lines: Line[],
): Promise<ChunkResult> {
  const result: ChunkResult = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
  const existing = new Map(
    (
      await findProductsBySkus(
        trx,
        ctx.tenantId,
        lines.map((l) => l.row.sku),
      )
    ).map((p) => [p.sku, p]),
  );
  const owners = new Map(
    (
      await findBarcodes(
        trx,
        ctx.tenantId,
        lines.flatMap((l) => l.row.barcode),
      )
    ).map((b) => [b.barcode, b.product_id]),
  );
  const oldCodes = new Map<string, string[]>();
  for (const b of await barcodesOf(
    trx,
    ctx.tenantId,
    [...existing.values()].map((p) => p.id),
  ))
    oldCodes.set(b.product_id, [...(oldCodes.get(b.product_id) ?? []), b.barcode]);
  const now = Date.now();
  const rows: ProductRow[] = [];
  const relabelled: ProductRow[] = [];
  const codes: Array<{ tenant_id: string; barcode: string; product_id: string }> = [];
  for (const { line, row } of lines) {
    const old = existing.get(row.sku);
    const id = old?.id ?? newId();
    const clash = row.barcode.find((code) => owners.has(code) && owners.get(code) !== id);
    if (clash) {
      result.rejected.push({ line, reason: `barcode: ${clash} belongs to another product` });
      continue;
    }
    const product: ProductRow = {
      tenant_id: ctx.tenantId,
      id,
      sku: row.sku,
      name: row.name,
      name_key: searchKey(row.name),
      price: row.price,
      unit: row.unit,
      // Empty cells keep what an existing product has; a new product takes the tenant's default rate.
      vat_rate: row.vatRate ?? old?.vat_rate ?? defaultVatRate,
      mxik: row.mxik ?? old?.mxik ?? null,
      package_code: old?.package_code ?? null,
      marking_required: old?.marking_required ?? false,
      active: old?.active ?? true,
      created_at: old?.created_at ?? now,
      updated_at: now,
    };
    // A line that repeats what the product already has is not written, so registers get nothing to pull for it.
    if (old && sameProduct(old, product) && sameCodes(oldCodes.get(id) ?? [], row.barcode)) {
      result.unchanged++;
      continue;
    }
    rows.push(product);
    if (row.barcode.length > 0) {
      relabelled.push(product);
      for (const barcode of new Set(row.barcode))
        codes.push({ tenant_id: ctx.tenantId, barcode, product_id: id });
    }
    if (old) result.updated++;
    else result.imported++;
  }
  if (rows.length === 0) return result;
  await upsertProductsBySku(trx, rows);
  await deleteBarcodesOf(
    trx,
    ctx.tenantId,
    relabelled.map((p) => p.id),
  );
  await insertBarcodes(trx, codes);
  await recordChanges(
    trx,
    ctx.tenantId,
    null,
    rows.map((p) => ({ entity: 'product', id: p.id })),
  );
  return result;
}

function sameProduct(old: ProductRow, next: ProductRow): boolean {
  return (
    old.name === next.name &&
    old.price === next.price &&
    old.unit === next.unit &&
    old.vat_rate === next.vat_rate &&
    (old.mxik ?? null) === next.mxik
  );
}

/** An empty barcode cell keeps the product's barcodes; otherwise the file's set replaces them. */
function sameCodes(old: readonly string[], file: readonly string[]): boolean {
  if (file.length === 0) return true;
  const next = new Set(file);
  return next.size === old.length && old.every((code) => next.has(code));
}

async function runChunk(ctx: TenantContext, defaultVatRate: number, lines: Line[]): Promise<ChunkResult> {
  try {
    return await ctx.db.knex.transaction((trx) => importChunk(ctx, trx, defaultVatRate, lines));
  } catch (error) {
    // A concurrent writer took a SKU or barcode after our reads: redo line by line so only the clashing line fails.
    if (!isUniqueViolation(error) || lines.length === 1) {
      if (isUniqueViolation(error))
        return {
          imported: 0,
          updated: 0,
          unchanged: 0,
          rejected: [{ line: lines[0]!.line, reason: 'sku or barcode: taken' }],
        };
      throw error;
    }
    const total: ChunkResult = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
    for (const line of lines) merge(total, await runChunk(ctx, defaultVatRate, [line]));
    return total;
  }
}

function merge(into: ChunkResult, part: ChunkResult): void {
  into.imported += part.imported;
  into.updated += part.updated;
  into.unchanged += part.unchanged;
  into.rejected.push(...part.rejected);
}

/**
 * Imports a price list. Good lines are upserted by SKU (running the same file twice changes nothing the second
 * time), each bad line is reported as {line, reason} with the file's line number (the header is line 1).
 */
export async function importProductsCsv(ctx: TenantContext, csv: string): Promise<ImportResponse> {
  const tenant = await getTenant(ctx.db.knex, ctx.tenantId);
  const total: ChunkResult = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
  const seenSkus = new Map<string, number>();
  const seenBarcodes = new Map<string, number>();
  const parser = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  let header = true;
  let chunk: Line[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header) {
        checkHeader(record);
        header = false;
        continue;
      }
      const line = info.lines;
      if (record.length !== importCsvHeader.length) {
        total.rejected.push({
          line,
          reason: `expected ${importCsvHeader.length} columns, got ${record.length}`,
        });
        continue;
      }
      const parsed = csvRowSchema.safeParse(
        Object.fromEntries(importCsvHeader.map((name, i) => [name, record[i]])),
      );
      if (!parsed.success) {
        total.rejected.push({ line, reason: csvRowProblem(parsed.error) });
        continue;
      }
      const row = parsed.data;
      const skuLine = seenSkus.get(row.sku);
      const codeLine = row.barcode.map((code) => seenBarcodes.get(code)).find((l) => l !== undefined);
      if (skuLine !== undefined || codeLine !== undefined) {
        const what = skuLine !== undefined ? 'sku' : 'barcode';
        total.rejected.push({ line, reason: `${what}: repeats line ${skuLine ?? codeLine}` });
        continue;
      }
      seenSkus.set(row.sku, line);
      for (const code of row.barcode) seenBarcodes.set(code, line);
      chunk.push({ line, row });
      if (chunk.length >= CHUNK_ROWS) {
        merge(total, await runChunk(ctx, tenant.default_vat_rate, chunk));
        chunk = [];
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : 'unreadable CSV';
    throw new AppError('VALIDATION_FAILED', { params: { field: 'csv', reason }, cause: error });
  }
  if (header) throw new AppError('VALIDATION_FAILED', { params: { field: 'header', reason: 'empty file' } });
  if (chunk.length > 0) merge(total, await runChunk(ctx, tenant.default_vat_rate, chunk));
  total.rejected.sort((a, b) => a.line - b.line);
  ctx.logger.info(
    {
      tenantId: ctx.tenantId,
      imported: total.imported,
      updated: total.updated,
      unchanged: total.unchanged,
      rejected: total.rejected.length,
    },
    'products imported',
  );
  return total;
}
