import type { Database } from 'better-sqlite3';

/**
 * The sale being rung up, written on every change (lines, discounts, tenders entered), so a crash, a kill or a
 * power cut restores it. One row at most: a register has one open sale; parked ones are in parked_sales.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE open_sale (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      saved_at TEXT NOT NULL,
      cashier_id TEXT,
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;
  `);
}
