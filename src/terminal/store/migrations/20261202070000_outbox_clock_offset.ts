import type { Database } from 'better-sqlite3';

/**
 * The clock offset this register knew when it made each event (server time − register time, ms; null before its
 * first sync): a batch that spans a clock correction still lands each event on its own day.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE outbox ADD COLUMN clock_offset_ms INTEGER');
}
