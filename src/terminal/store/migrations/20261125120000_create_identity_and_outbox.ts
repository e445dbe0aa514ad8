import type { Database } from 'better-sqlite3';

/** Who this register is (one row, written by pos-activate) and the events it still has to push. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE identity (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      server_url TEXT NOT NULL,
      device_id TEXT NOT NULL,
      device_name TEXT NOT NULL,
      device_token TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      tenant_name TEXT NOT NULL,
      store_id TEXT NOT NULL,
      store_name TEXT NOT NULL,
      currency TEXT NOT NULL,
      activated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data)),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'rejected')),
      error TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    -- Push sends pending events oldest first; UUIDv7 ids sort by time.
    CREATE INDEX outbox_status_id ON outbox (status, id);
  `);
}
