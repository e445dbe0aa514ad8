import type { UnappliedChange } from '../../../common/protocol/sync.js';
import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

/** What a register keeps so it cannot drift from the server in silence: changes it could not apply, its reports. */

export interface KeptChange extends UnappliedChange {
  keptAt: string;
}

/** Keeps a pulled change that could not be applied; a later failure of the same entity and id replaces it. */
export function keepUnapplied(
  db: StoreDb,
  kept: UnappliedChange & { change: unknown },
  at = new Date().toISOString(),
): void {
  stmt(
    db,
    `INSERT INTO unapplied_changes (entity, id, reason, version, change, kept_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET reason = excluded.reason, version = excluded.version,
       change = excluded.change, kept_at = excluded.kept_at`,
  ).run(kept.entity, kept.id, kept.reason, kept.version, JSON.stringify(kept.change) ?? 'null', at);
}

/** A later change of the same thing applied: the kept one is out of date. */
export function forgetUnapplied(db: StoreDb, entity: string, id: string): void {
  stmt(db, 'DELETE FROM unapplied_changes WHERE entity = ? AND id = ?').run(entity, id);
}

export function countUnapplied(db: StoreDb): number {
  return stmt(db, 'SELECT COUNT(*) FROM unapplied_changes').pluck().get() as number;
}

/** Oldest server version first: the order they were pulled in. */
export function unappliedChanges(db: StoreDb, limit: number): KeptChange[] {
  return stmt(
    db,
    `SELECT entity, id, reason, version, kept_at AS keptAt FROM unapplied_changes
     ORDER BY version, entity, id LIMIT ?`,
  ).all(limit) as KeptChange[];
}

/** Every kept change with its pulled form, for a retry after the register was updated. */
export function keptChanges(db: StoreDb): Array<{ entity: string; id: string; change: unknown }> {
  const rows = stmt(
    db,
    'SELECT entity, id, change FROM unapplied_changes ORDER BY version, entity, id',
  ).all() as Array<{
    entity: string;
    id: string;
    change: string;
  }>;
  return rows.map((row) => ({ entity: row.entity, id: row.id, change: JSON.parse(row.change) }));
}

/** A new identity in this data dir: what the old one could not apply is not this register's concern. */
export function clearUnapplied(db: StoreDb): void {
  stmt(db, 'DELETE FROM unapplied_changes').run();
}

export interface StatusEvent {
  id: string;
  occurredAt: string;
  data: unknown;
}

export interface StatusReportState {
  /** JSON of the report data the server last acknowledged. */
  reported: string | null;
  /** The report on its way: resent under the same id until acknowledged. */
  pending: StatusEvent | null;
  /** The register version a server demands (REGISTER_UPDATE_REQUIRED); null when none. */
  updateRequired: string | null;
}

export function readStatusReportState(db: StoreDb): StatusReportState {
  const row = stmt(
    db,
    'SELECT status_reported, status_event, update_required FROM sync_state WHERE id = 1',
  ).get() as {
    status_reported: string | null;
    status_event: string | null;
    update_required: string | null;
  };
  return {
    reported: row.status_reported,
    pending: row.status_event === null ? null : (JSON.parse(row.status_event) as StatusEvent),
    updateRequired: row.update_required,
  };
}

export function saveStatusEvent(db: StoreDb, event: StatusEvent): void {
  stmt(db, 'UPDATE sync_state SET status_event = ? WHERE id = 1').run(JSON.stringify(event));
}

export function markStatusReported(db: StoreDb, dataJson: string): void {
  stmt(db, 'UPDATE sync_state SET status_reported = ?, status_event = NULL WHERE id = 1').run(dataJson);
}

export function setUpdateRequired(db: StoreDb, version: string | null): void {
  stmt(db, 'UPDATE sync_state SET update_required = ? WHERE id = 1').run(version);
}

/** A new identity in this data dir reports afresh and owes no update the old one was told about. */
export function resetReports(db: StoreDb): void {
  stmt(
    db,
    'UPDATE sync_state SET status_reported = NULL, status_event = NULL, update_required = NULL WHERE id = 1',
  ).run();
}
