import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

export interface OpenSaleRow {
  savedAt: string;
  cashierId: string | null;
  /** The cart and the tenders entered, as JSON; the register parses and checks it. */
  data: string;
}

export function saveOpenSaleRow(db: StoreDb, row: OpenSaleRow): void {
  stmt(
    db,
    `INSERT INTO open_sale (id, saved_at, cashier_id, data) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, cashier_id = excluded.cashier_id, data = excluded.data`,
  ).run(row.savedAt, row.cashierId, row.data);
}

export function readOpenSaleRow(db: StoreDb): OpenSaleRow | null {
  const row = stmt(db, 'SELECT saved_at, cashier_id, data FROM open_sale WHERE id = 1').get() as
    { saved_at: string; cashier_id: string | null; data: string } | undefined;
  return row ? { savedAt: row.saved_at, cashierId: row.cashier_id, data: row.data } : null;
}

export function clearOpenSaleRow(db: StoreDb): void {
  stmt(db, 'DELETE FROM open_sale WHERE id = 1').run();
}
