import type { Database } from 'better-sqlite3';

/**
 * Pulled changes this register could not apply (an entity or a field a newer server added, a row that fails a
 * local rule): kept with the change itself, so they are shown, reported to the owner and retried after an update
 * instead of being skipped in silence. One row per entity and id: a later change of the same thing replaces it.
 * `sync_state` keeps the last status report the server acknowledged (a report goes only when it changed), the one
 * on its way (resent under the same event id until acknowledged: exactly once) and a server's demand to update.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE unapplied_changes (
      entity TEXT NOT NULL,
      id TEXT NOT NULL,
      reason TEXT NOT NULL,
      version INTEGER NOT NULL,
      change TEXT NOT NULL CHECK (json_valid(change)),
      kept_at TEXT NOT NULL,
      PRIMARY KEY (entity, id)
    ) STRICT;
    ALTER TABLE sync_state ADD COLUMN status_reported TEXT;
    ALTER TABLE sync_state ADD COLUMN status_event TEXT;
    ALTER TABLE sync_state ADD COLUMN update_required TEXT;
  `);
}
