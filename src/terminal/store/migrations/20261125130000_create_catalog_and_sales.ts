import type { Database } from 'better-sqlite3';

/**
 * The catalog as pulled from the server, and what this register did (sales, refunds, shifts, cash).
 * Lookups go to indexed tables and FTS5, never to a catalog held in memory.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE products (
      id TEXT PRIMARY KEY,
      sku TEXT NOT NULL,
      name TEXT NOT NULL,
      price INTEGER NOT NULL,
      unit TEXT NOT NULL,
      vat_rate INTEGER NOT NULL,
      mxik TEXT,
      package_code TEXT,
      marking_required INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE barcodes (
      barcode TEXT PRIMARY KEY,
      product_id TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX barcodes_product ON barcodes (product_id);

    -- Contentless: names are stored once (in products); rowid = products.rowid.
    CREATE VIRTUAL TABLE product_search USING fts5 (
      name_key, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    );

    -- The level as the server counted it at pull cursor sync_state.cursor.
    CREATE TABLE stock (
      product_id TEXT PRIMARY KEY,
      level INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE cashiers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      pin_hash TEXT,
      active INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;

    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      device_id TEXT,
      cursor INTEGER NOT NULL DEFAULT 0,
      last_sync_at TEXT,
      last_attempt_at TEXT,
      last_error TEXT,
      online INTEGER NOT NULL DEFAULT 0,
      revoked INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO sync_state (id) VALUES (1);

    -- One sync loop per data dir, even with two pos processes: whoever holds an unexpired lease syncs.
    CREATE TABLE sync_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      holder TEXT,
      expires_at INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO sync_lease (id) VALUES (1);

    -- The store version at which the server applied an event; NULL until acknowledged.
    ALTER TABLE outbox ADD COLUMN server_version INTEGER;

    CREATE TABLE counters (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE shifts (
      id TEXT PRIMARY KEY,
      cashier_id TEXT NOT NULL,
      opened_at TEXT NOT NULL,
      opening_cash INTEGER NOT NULL,
      closed_at TEXT,
      counted_cash INTEGER
    ) STRICT;

    -- A sale's id is the id of its sale.completed outbox event.
    CREATE TABLE sales (
      id TEXT PRIMARY KEY,
      receipt_no TEXT NOT NULL UNIQUE,
      shift_id TEXT NOT NULL,
      cashier_id TEXT NOT NULL,
      total INTEGER NOT NULL,
      occurred_at TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;
    CREATE INDEX sales_shift ON sales (shift_id);

    CREATE TABLE sale_lines (
      sale_id TEXT NOT NULL,
      line_no INTEGER NOT NULL,
      product_id TEXT NOT NULL,
      qty INTEGER NOT NULL,
      total INTEGER NOT NULL,
      PRIMARY KEY (sale_id, line_no)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sale_lines_product ON sale_lines (product_id);

    CREATE TABLE refunds (
      id TEXT PRIMARY KEY,
      refund_no TEXT NOT NULL UNIQUE,
      sale_id TEXT NOT NULL,
      shift_id TEXT,
      total INTEGER NOT NULL,
      occurred_at TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;
    CREATE INDEX refunds_sale ON refunds (sale_id);

    CREATE TABLE refund_lines (
      refund_id TEXT NOT NULL,
      line_no INTEGER NOT NULL,
      product_id TEXT NOT NULL,
      qty INTEGER NOT NULL,
      total INTEGER NOT NULL,
      PRIMARY KEY (refund_id, line_no)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX refund_lines_product ON refund_lines (product_id);

    CREATE TABLE cash_movements (
      id TEXT PRIMARY KEY,
      shift_id TEXT NOT NULL,
      amount INTEGER NOT NULL,
      reason TEXT NOT NULL,
      occurred_at TEXT NOT NULL
    ) STRICT;

    -- Voided lines, cancelled sales, discounts: who did what, kept on the register.
    CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      cashier_id TEXT,
      action TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;
  `);
}
