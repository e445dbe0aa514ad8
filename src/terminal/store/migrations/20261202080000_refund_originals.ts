import type { Database } from 'better-sqlite3';

/**
 * The sale each refund of this register took back, as the refund saw it: its number, the register that made it
 * and its fiscal result (the `RefundInfo` the refund quoted, printed on the refund receipt). A sale made on
 * another register of the store is not in `sales`; its lines are kept here so its refund can be shown again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE refund_originals (
      refund_id TEXT PRIMARY KEY,
      sale_id TEXT NOT NULL,
      receipt_no TEXT NOT NULL,
      register TEXT,
      sale_occurred_at TEXT NOT NULL,
      sale_data TEXT NOT NULL CHECK (json_valid(sale_data)),
      terminal_id TEXT,
      receipt_seq INTEGER,
      date_time TEXT,
      fiscal_sign TEXT,
      qr_url TEXT
    ) STRICT;
    CREATE INDEX refund_originals_sale ON refund_originals (sale_id);
  `);
}
