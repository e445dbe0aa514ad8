import type { Database } from 'better-sqlite3';

/** The cashier logged in at this register, so headless commands (`pos login`, then `pos sell`) share it. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE register_session (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      cashier_id TEXT NOT NULL,
      logged_in_at TEXT NOT NULL
    ) STRICT;
  `);
}
