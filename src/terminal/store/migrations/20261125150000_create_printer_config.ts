import type { Database } from 'better-sqlite3';

/** Where this register prints receipts; no row = receipts on screen (and to files) only. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE printer_config (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      target TEXT NOT NULL,
      width INTEGER NOT NULL CHECK (width IN (32, 48)),
      code_page TEXT NOT NULL CHECK (code_page IN ('cp866', 'cp1251')),
      drawer_pin INTEGER CHECK (drawer_pin IN (2, 5))
    ) STRICT;
  `);
}
