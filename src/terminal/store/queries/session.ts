import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

/** The one logged-in cashier of this register (row id 1). */
export function saveSessionCashier(db: StoreDb, cashierId: string, loggedInAt: string): void {
  stmt(
    db,
    `INSERT INTO register_session (id, cashier_id, logged_in_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET cashier_id = excluded.cashier_id, logged_in_at = excluded.logged_in_at`,
  ).run(cashierId, loggedInAt);
}

export function clearSessionCashier(db: StoreDb): void {
  stmt(db, 'DELETE FROM register_session WHERE id = 1').run();
}

export function sessionCashierId(db: StoreDb): string | null {
  const id = stmt(db, 'SELECT cashier_id FROM register_session WHERE id = 1').pluck().get() as
    string | undefined;
  return id ?? null;
}
