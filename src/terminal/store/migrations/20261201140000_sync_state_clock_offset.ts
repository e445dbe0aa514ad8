import type { Database } from 'better-sqlite3';

/** Server time − register time learned at the last sync (ms): the cashier is warned when it is over 2 minutes. */
export function up(db: Database): void {
  db.exec('ALTER TABLE sync_state ADD COLUMN clock_offset_ms INTEGER');
}
