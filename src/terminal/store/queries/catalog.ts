import type { Change, PinRole } from '../../../common/protocol/sync.js';
import type { Unit } from '../../../common/protocol/catalog.js';
import type { StoreDb } from '../connection.js';
import { ftsQuery, ftsText } from '../search-text.js';
import { stmt } from './statements.js';

export interface LocalProduct {
  id: string;
  sku: string;
  name: string;
  price: number;
  unit: Unit;
  vatRate: number;
  mxik: string | null;
  packageCode: string | null;
  markingRequired: boolean;
}

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  price: number;
  unit: Unit;
  vat_rate: number;
  mxik: string | null;
  package_code: string | null;
  marking_required: number;
}

function toProduct(row: ProductRow): LocalProduct {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    price: row.price,
    unit: row.unit,
    vatRate: row.vat_rate,
    mxik: row.mxik,
    packageCode: row.package_code,
    markingRequired: row.marking_required === 1,
  };
}

const PRODUCT_COLUMNS =
  'p.id, p.sku, p.name, p.price, p.unit, p.vat_rate, p.mxik, p.package_code, p.marking_required';

export function findProductByBarcode(db: StoreDb, barcode: string): LocalProduct | null {
  const row = stmt(
    db,
    `SELECT ${PRODUCT_COLUMNS} FROM barcodes b JOIN products p ON p.id = b.product_id
     WHERE b.barcode = ? AND p.active = 1`,
  ).get(barcode) as ProductRow | undefined;
  return row ? toProduct(row) : null;
}

export function findProductBySku(db: StoreDb, sku: string): LocalProduct | null {
  const row = stmt(db, `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.sku = ? AND p.active = 1`).get(
    sku,
  ) as ProductRow | undefined;
  return row ? toProduct(row) : null;
}

export function getProduct(db: StoreDb, id: string): LocalProduct | null {
  const row = stmt(db, `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ?`).get(id) as
    ProductRow | undefined;
  return row ? toProduct(row) : null;
}

/**
 * Name search as the cashier types. No ranking: ordering every match of a one-letter prefix over a million
 * products is what makes search slow; the first matches in index order, sorted by name, are enough on screen.
 */
export function searchProducts(db: StoreDb, typed: string, limit = 20): LocalProduct[] {
  const query = ftsQuery(typed);
  if (!query) return [];
  const rows = stmt(
    db,
    `SELECT ${PRODUCT_COLUMNS} FROM product_search s JOIN products p ON p.rowid = s.rowid
     WHERE product_search MATCH ? AND p.active = 1 LIMIT ?`,
  ).all(query, limit) as ProductRow[];
  return rows.map(toProduct).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What is on the shelf as far as this register knows: the level the server counted at the last pull, minus this
 * register's sales (plus its refunds) the server had not counted by then — not yet pushed, or applied after the
 * pulled version. Never counted twice, never missed, whatever the order of push and pull.
 */
export function stockView(db: StoreDb, productId: string): number | null {
  const row = stmt(
    db,
    `SELECT
       (SELECT level FROM stock WHERE product_id = @id) AS level,
       (SELECT COALESCE(SUM(l.qty), 0) FROM sale_lines l JOIN outbox o ON o.id = l.sale_id
          WHERE l.product_id = @id AND (o.server_version IS NULL OR o.server_version > @cursor)) AS sold,
       (SELECT COALESCE(SUM(l.qty), 0) FROM refund_lines l JOIN outbox o ON o.id = l.refund_id
          WHERE l.product_id = @id AND (o.server_version IS NULL OR o.server_version > @cursor)) AS refunded`,
  ).get({ id: productId, cursor: pulledCursor(db) }) as {
    level: number | null;
    sold: number;
    refunded: number;
  };
  if (row.level === null && row.sold === 0 && row.refunded === 0) return null;
  return (row.level ?? 0) - row.sold + row.refunded;
}

export function pulledCursor(db: StoreDb): number {
  return stmt(db, 'SELECT cursor FROM sync_state WHERE id = 1').pluck().get() as number;
}

export interface LocalCashier {
  id: string;
  name: string;
  pinHash: string | null;
  active: boolean;
  role: PinRole;
}

export function listCashiers(db: StoreDb): LocalCashier[] {
  const rows = stmt(
    db,
    'SELECT id, name, pin_hash, active, role FROM cashiers ORDER BY name',
  ).all() as Array<{
    id: string;
    name: string;
    pin_hash: string | null;
    active: number;
    role: string;
  }>;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    pinHash: row.pin_hash,
    active: row.active === 1,
    role: row.role === 'supervisor' ? 'supervisor' : 'cashier',
  }));
}

export function readSettings<T>(db: StoreDb): T | null {
  const data = stmt(db, 'SELECT data FROM settings WHERE id = 1').pluck().get() as string | undefined;
  return data ? (JSON.parse(data) as T) : null;
}

function upsertProduct(
  db: StoreDb,
  id: string,
  data: NonNullable<Extract<Change, { entity: 'product' }>['data']>,
): void {
  stmt(
    db,
    `INSERT INTO products (id, sku, name, price, unit, vat_rate, mxik, package_code, marking_required, active)
     VALUES (@id, @sku, @name, @price, @unit, @vatRate, @mxik, @packageCode, @markingRequired, @active)
     ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name, price = excluded.price,
       unit = excluded.unit, vat_rate = excluded.vat_rate, mxik = excluded.mxik,
       package_code = excluded.package_code, marking_required = excluded.marking_required, active = excluded.active`,
  ).run({
    id,
    sku: data.sku,
    name: data.name,
    price: data.price,
    unit: data.unit,
    vatRate: data.vatRate,
    mxik: data.mxik,
    packageCode: data.packageCode ?? null,
    markingRequired: data.markingRequired ? 1 : 0,
    active: data.active ? 1 : 0,
  });
  const rowid = stmt(db, 'SELECT rowid FROM products WHERE id = ?').pluck().get(id) as number;
  stmt(db, 'DELETE FROM product_search WHERE rowid = ?').run(rowid);
  stmt(db, 'INSERT INTO product_search (rowid, name_key) VALUES (?, ?)').run(rowid, ftsText(data.name));
  stmt(db, 'DELETE FROM barcodes WHERE product_id = ?').run(id);
  // A barcode moved from another product moves here: the newest change wins.
  const insertBarcode = stmt(db, 'INSERT OR REPLACE INTO barcodes (barcode, product_id) VALUES (?, ?)');
  for (const barcode of data.barcodes) insertBarcode.run(barcode, id);
}

function deleteProduct(db: StoreDb, id: string): void {
  const rowid = stmt(db, 'SELECT rowid FROM products WHERE id = ?').pluck().get(id) as number | undefined;
  if (rowid !== undefined) stmt(db, 'DELETE FROM product_search WHERE rowid = ?').run(rowid);
  stmt(db, 'DELETE FROM barcodes WHERE product_id = ?').run(id);
  stmt(db, 'DELETE FROM products WHERE id = ?').run(id);
}

/** Applies one change; returns false when the change is of a kind this register cannot use (it is skipped). */
export function applyChange(db: StoreDb, change: Change): void {
  switch (change.entity) {
    case 'product':
      if (change.op === 'delete' || !change.data) deleteProduct(db, change.id);
      else upsertProduct(db, change.id, change.data);
      return;
    case 'stock':
      if (change.op === 'delete' || !change.data)
        stmt(db, 'DELETE FROM stock WHERE product_id = ?').run(change.id);
      else
        stmt(
          db,
          'INSERT INTO stock (product_id, level) VALUES (?, ?) ON CONFLICT (product_id) DO UPDATE SET level = excluded.level',
        ).run(change.id, change.data.level);
      return;
    case 'cashier':
      if (change.op === 'delete' || !change.data)
        stmt(db, 'DELETE FROM cashiers WHERE id = ?').run(change.id);
      else
        stmt(
          db,
          `INSERT INTO cashiers (id, name, pin_hash, active, role) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, pin_hash = excluded.pin_hash,
             active = excluded.active, role = excluded.role`,
        ).run(
          change.id,
          change.data.name,
          change.data.pinHash,
          change.data.active ? 1 : 0,
          // An older server sends no role: everyone it sends is a cashier.
          change.data.role ?? 'cashier',
        );
      return;
    case 'settings':
      if (change.op === 'delete' || !change.data) stmt(db, 'DELETE FROM settings WHERE id = 1').run();
      else
        stmt(
          db,
          'INSERT INTO settings (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
        ).run(JSON.stringify(change.data));
      return;
  }
}

/** Forgets the catalog of a previous identity (a data dir re-activated as another register). */
export function clearPulledData(db: StoreDb): void {
  db.exec(`
    DELETE FROM product_search; DELETE FROM barcodes; DELETE FROM products; DELETE FROM stock;
    DELETE FROM cashiers; DELETE FROM settings;
  `);
}
