import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../src/common/ids.js';
import { hashSecret } from '../src/node/secret-hash.js';
import { generateCatalog } from '../src/server/demo/catalog-generator.js';
import { openStore, type StoreDb } from '../src/terminal/store/connection.js';
import { applyChange } from '../src/terminal/store/queries/catalog.js';
import { ftsText } from '../src/terminal/store/search-text.js';
import { replaceIdentity } from '../src/terminal/store/queries/identity.js';

export interface BenchRegister {
  dataDir: string;
  products: number;
  /** Every barcode in the catalog, for random existing scans. */
  barcodes: string[];
  /** Product names, for as-you-type prefixes. */
  names: string[];
  cashierId: string;
  buildSeconds: number;
}

const built = new Map<number, Promise<BenchRegister>>();
const dirs: string[] = [];
process.on('exit', () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function activate(db: StoreDb, cashierId: string, pinHash: string): void {
  replaceIdentity(db, {
    serverUrl: 'http://127.0.0.1:9',
    deviceId: newId(),
    deviceName: 'POS-01',
    deviceToken: 'token',
    tenantId: newId(),
    tenantName: 'Bench shop',
    storeId: newId(),
    storeName: 'Main store',
    currency: 'UZS',
    activatedAt: new Date().toISOString(),
  });
  applyChange(db, {
    entity: 'cashier',
    op: 'upsert',
    id: cashierId,
    data: { name: 'Dilnoza', pinHash, active: true },
  });
  applyChange(db, {
    entity: 'settings',
    op: 'upsert',
    id: 'store',
    data: {
      storeName: 'Main store',
      currency: 'UZS',
      defaultVatRate: 1200,
      cashRounding: 0,
      scaleBarcode: { prefixes: ['20', '21', '22'], itemDigits: 5, value: 'weight' },
      receiptHeader: null,
      maxCashierDiscount: 1000,
    },
  });
}

/**
 * An activated register store holding `count` generated products, written with prepared statements in one
 * transaction: the same rows applyChange writes (products, barcodes, product_search with ftsText, stock), far faster.
 */
async function build(count: number): Promise<BenchRegister> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'posapp-bench-register-'));
  dirs.push(dataDir);
  const db = openStore(dataDir, { create: true });
  const cashierId = newId();
  activate(db, cashierId, await hashSecret('4321', 10));
  const catalog = generateCatalog(count, 2026);
  const insertProduct = db.prepare(
    `INSERT INTO products (id, sku, name, price, unit, vat_rate, mxik, package_code, marking_required, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, 1)`,
  );
  const insertSearch = db.prepare('INSERT INTO product_search (rowid, name_key) VALUES (?, ?)');
  const insertBarcode = db.prepare('INSERT OR REPLACE INTO barcodes (barcode, product_id) VALUES (?, ?)');
  const insertStock = db.prepare('INSERT INTO stock (product_id, level) VALUES (?, ?)');
  const barcodes: string[] = [];
  const names: string[] = [];
  db.transaction(() => {
    for (const product of catalog) {
      const id = newId();
      const { lastInsertRowid } = insertProduct.run(
        id,
        product.sku,
        product.name,
        product.price,
        product.unit,
        product.vatRate,
        product.mxik,
      );
      insertSearch.run(lastInsertRowid, ftsText(product.name));
      for (const barcode of product.barcodes) insertBarcode.run(barcode, id);
      insertStock.run(id, 100_000);
      // Scanned as is: a kg product's own barcode asks the cashier for its weight, so it is not among them.
      if (product.unit !== 'kg') barcodes.push(product.barcodes[0]!);
      names.push(product.name);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    dataDir,
    products: count,
    barcodes,
    names,
    cashierId,
    buildSeconds: (performance.now() - started) / 1000,
  };
}

/** One store per size per process: scan, search, sale-commit and start share it. */
export function benchRegister(count: number): Promise<BenchRegister> {
  let register = built.get(count);
  if (!register) {
    register = build(count);
    built.set(count, register);
  }
  return register;
}

export function catalogSize(quick: boolean): number {
  return quick ? 50_000 : 1_000_000;
}

export function sizeLabel(count: number): string {
  return count >= 1_000_000 ? `${count / 1_000_000}M` : `${count / 1000}k`;
}
