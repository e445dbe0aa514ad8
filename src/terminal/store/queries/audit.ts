import type { AuditAction } from '../audit-event.js';
import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

export interface AuditEntryRow {
  /** Write order (rowid): later entries are larger. */
  seq: number;
  at: string;
  data: Record<string, unknown>;
}

/**
 * The newest audit entry of `action`; with `withAct`, only one naming an approval act (a supervisor's PIN given to
 * a headless command). Read backwards by rowid, so a recent entry is found without reading the whole log.
 */
export function newestAudit(db: StoreDb, action: AuditAction, withAct = false): AuditEntryRow | null {
  const sql = withAct
    ? `SELECT rowid AS seq, at, data FROM audit_log
       WHERE action = ? AND json_extract(data, '$.act') IS NOT NULL ORDER BY rowid DESC LIMIT 1`
    : 'SELECT rowid AS seq, at, data FROM audit_log WHERE action = ? ORDER BY rowid DESC LIMIT 1';
  const row = stmt(db, sql).get(action) as { seq: number; at: string; data: string } | undefined;
  return row ? { seq: row.seq, at: row.at, data: JSON.parse(row.data) as Record<string, unknown> } : null;
}
