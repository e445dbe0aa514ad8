import type { Database } from 'better-sqlite3';

/**
 * A register keeps its own sales only as long as the store's `registerKeepDays` says: the oldest are found by
 * time, and what was moved off is remembered, so the lookup of such a receipt says so instead of "not found".
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX sales_occurred ON sales (occurred_at);
    CREATE INDEX refunds_occurred ON refunds (occurred_at);
    CREATE INDEX audit_log_at ON audit_log (at);

    CREATE TABLE retention_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- The highest receipt number moved off this register (its sales up to it are on the server only).
      pruned_through TEXT,
      sales_pruned INTEGER NOT NULL DEFAULT 0,
      last_run_at TEXT
    ) STRICT;
    INSERT INTO retention_state (id) VALUES (1);
  `);
}
