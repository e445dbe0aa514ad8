import type { Database } from 'better-sqlite3';

/**
 * Sales put aside while another customer pays. Kept on disk so a restart of pos (or a power cut) does not lose a
 * customer's basket; `data` is the cart as the sale engine holds it (product snapshots, quantities, discounts).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE parked_sales (
      id TEXT PRIMARY KEY,
      parked_at TEXT NOT NULL,
      cashier_id TEXT,
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;
  `);
}
