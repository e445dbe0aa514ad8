import type { Database } from 'better-sqlite3';

/** Who may approve at this register: `supervisor` rows approve refunds, voids and the rest; rows pulled before this are cashiers. */
export function up(db: Database): void {
  db.exec("ALTER TABLE cashiers ADD COLUMN role TEXT NOT NULL DEFAULT 'cashier'");
}
