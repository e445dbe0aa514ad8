import type { Database } from 'better-sqlite3';

/**
 * The register's fiscal module and the fiscal state of each sale and refund made while it is on. A document's
 * TXID is written here before RegisterTXID is called, so a retry after a crash repeats that call and never
 * makes a second receipt. The result is kept forever: a refund quotes it.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE fiscal_config (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      adapter TEXT NOT NULL CHECK (adapter IN ('fds')),
      url TEXT NOT NULL,
      factory_id TEXT NOT NULL,
      pos_auth TEXT,
      block_after_hours INTEGER NOT NULL,
      z_open INTEGER NOT NULL DEFAULT 0,
      last_status TEXT CHECK (last_status IS NULL OR json_valid(last_status)),
      last_status_at TEXT
    ) STRICT;

    CREATE TABLE fiscal_documents (
      doc_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
      state TEXT NOT NULL
        CHECK (state IN ('pending', 'sending', 'fiscalised', 'failed', 'unknown', 'recovered')),
      receipt TEXT NOT NULL CHECK (json_valid(receipt)),
      txid TEXT,
      reason TEXT,
      terminal_id TEXT,
      receipt_seq INTEGER,
      date_time TEXT,
      fiscal_sign TEXT,
      qr_url TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX fiscal_documents_waiting ON fiscal_documents (created_at)
      WHERE state NOT IN ('fiscalised', 'recovered');
  `);
}
