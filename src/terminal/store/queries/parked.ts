import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

export interface ParkedRow {
  id: string;
  parkedAt: string;
  cashierId: string | null;
  /** The cart as JSON; the register parses and checks it. */
  data: string;
}

export function insertParked(db: StoreDb, row: ParkedRow): void {
  stmt(db, 'INSERT INTO parked_sales (id, parked_at, cashier_id, data) VALUES (?, ?, ?, ?)').run(
    row.id,
    row.parkedAt,
    row.cashierId,
    row.data,
  );
}

/** Oldest first (UUIDv7 ids sort by time). */
export function listParkedRows(db: StoreDb): ParkedRow[] {
  const rows = stmt(
    db,
    'SELECT id, parked_at, cashier_id, data FROM parked_sales ORDER BY id',
  ).all() as Array<{
    id: string;
    parked_at: string;
    cashier_id: string | null;
    data: string;
  }>;
  return rows.map((row) => ({
    id: row.id,
    parkedAt: row.parked_at,
    cashierId: row.cashier_id,
    data: row.data,
  }));
}

export function countParked(db: StoreDb): number {
  return stmt(db, 'SELECT COUNT(*) FROM parked_sales').pluck().get() as number;
}

/**
 * Removes a parked sale and returns it, in one statement: two pos processes on one data dir cannot both resume
 * the same basket.
 */
export function takeParked(db: StoreDb, id: string): ParkedRow | null {
  const row = stmt(db, 'DELETE FROM parked_sales WHERE id = ? RETURNING id, parked_at, cashier_id, data').get(
    id,
  ) as { id: string; parked_at: string; cashier_id: string | null; data: string } | undefined;
  return row ? { id: row.id, parkedAt: row.parked_at, cashierId: row.cashier_id, data: row.data } : null;
}
