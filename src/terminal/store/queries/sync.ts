import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

export interface OutboxEvent {
  id: string;
  type: string;
  occurredAt: string;
  /** Server time − register time when the event was made; absent before the register's first sync. */
  clockOffsetMs?: number;
  data: unknown;
}

export function pendingEvents(db: StoreDb, limit: number): OutboxEvent[] {
  const rows = stmt(
    db,
    `SELECT id, type, occurred_at, clock_offset_ms, data FROM outbox WHERE status = 'pending'
     ORDER BY id LIMIT ?`,
  ).all(limit) as Array<{
    id: string;
    type: string;
    occurred_at: string;
    clock_offset_ms: number | null;
    data: string;
  }>;
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at,
    ...(row.clock_offset_ms === null ? {} : { clockOffsetMs: row.clock_offset_ms }),
    data: JSON.parse(row.data),
  }));
}

export interface OutboxSummary {
  pending: number;
  rejected: number;
  oldestPendingAt: string | null;
}

export function outboxSummary(db: StoreDb): OutboxSummary {
  return stmt(
    db,
    `SELECT
       (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS pending,
       (SELECT COUNT(*) FROM outbox WHERE status = 'rejected') AS rejected,
       (SELECT MIN(occurred_at) FROM outbox WHERE status = 'pending') AS oldestPendingAt`,
  ).get() as OutboxSummary;
}

/**
 * What the register will still hold once the batch of the `skip` oldest pending events is acknowledged:
 * the report the owner sees on `posapp devices list` and that guards revoke and re-key.
 */
export function outboxAfterBatch(db: StoreDb, skip: number): { pending: number; oldestAt: string | null } {
  const pending = outboxSummary(db).pending;
  const oldestAt = stmt(
    db,
    "SELECT occurred_at FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1 OFFSET ?",
  )
    .pluck()
    .get(skip) as string | undefined;
  return { pending: Math.max(0, pending - skip), oldestAt: oldestAt ?? null };
}

export interface PushAck {
  id: string;
  status: 'applied' | 'duplicate' | 'rejected';
  error?: string;
  version?: number;
}

/** Records the server's answers; a rejected event stays visible (with its payload) but is never sent again. */
export function recordPushResults(db: StoreDb, results: PushAck[]): void {
  // Once the server has an event its payload is dead weight (the sale, refund or shift keeps its own copy, and the
  // event is never sent again): drop it, keep the id and version the stock view needs.
  const sent = stmt(
    db,
    "UPDATE outbox SET status = 'sent', server_version = ?, error = NULL, data = '{}' WHERE id = ?",
  );
  const rejected = stmt(db, "UPDATE outbox SET status = 'rejected', error = ? WHERE id = ?");
  db.transaction(() => {
    for (const result of results) {
      if (result.status === 'rejected') rejected.run(result.error ?? 'rejected', result.id);
      // A duplicate without a version was applied earlier at an unknown version: 0 means "in every pull".
      else sent.run(result.version ?? 0, result.id);
    }
  })();
}

export function rejectedEvents(
  db: StoreDb,
): Array<{ id: string; type: string; occurredAt: string; error: string | null }> {
  return stmt(
    db,
    "SELECT id, type, occurred_at AS occurredAt, error FROM outbox WHERE status = 'rejected' ORDER BY id",
  ).all() as Array<{ id: string; type: string; occurredAt: string; error: string | null }>;
}

export interface SyncState {
  deviceId: string | null;
  cursor: number;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  online: boolean;
  revoked: boolean;
  /** Server time − this register's time at the last sync, ms; null before the first. */
  clockOffsetMs: number | null;
}

export function readSyncState(db: StoreDb): SyncState {
  const row = stmt(db, 'SELECT * FROM sync_state WHERE id = 1').get() as {
    device_id: string | null;
    cursor: number;
    last_sync_at: string | null;
    last_attempt_at: string | null;
    last_error: string | null;
    online: number;
    revoked: number;
    clock_offset_ms: number | null;
  };
  return {
    deviceId: row.device_id,
    cursor: row.cursor,
    lastSyncAt: row.last_sync_at,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
    online: row.online === 1,
    revoked: row.revoked === 1,
    clockOffsetMs: row.clock_offset_ms,
  };
}

export function saveCursor(db: StoreDb, cursor: number, deviceId: string): void {
  stmt(db, 'UPDATE sync_state SET cursor = ?, device_id = ? WHERE id = 1').run(cursor, deviceId);
}

export function recordSyncOutcome(
  db: StoreDb,
  outcome: { ok: boolean; error?: string | null; revoked?: boolean; at?: string },
): void {
  const at = outcome.at ?? new Date().toISOString();
  stmt(
    db,
    `UPDATE sync_state SET last_attempt_at = @at, online = @online, last_error = @error,
       last_sync_at = CASE WHEN @ok = 1 THEN @at ELSE last_sync_at END,
       revoked = CASE WHEN @revoked = 1 THEN 1 ELSE revoked END
     WHERE id = 1`,
  ).run({
    at,
    online: outcome.ok ? 1 : 0,
    ok: outcome.ok ? 1 : 0,
    error: outcome.error ?? null,
    revoked: outcome.revoked ? 1 : 0,
  });
}

/** A new identity in this data dir: start the pull from scratch and forget a revocation of the old one. */
export function resetSyncState(db: StoreDb, deviceId: string): void {
  stmt(
    db,
    'UPDATE sync_state SET cursor = 0, device_id = ?, revoked = 0, last_error = NULL WHERE id = 1',
  ).run(deviceId);
}

/** SQLite's page cache size (negative: KiB), read so a long catch-up can set its own and restore this one. */
export function pageCacheSize(db: StoreDb): number {
  return db.pragma('cache_size', { simple: true }) as number;
}

export function setPageCacheSize(db: StoreDb, size: number): void {
  db.pragma(`cache_size = ${Math.trunc(size)}`);
}

export function saveClockOffset(db: StoreDb, offsetMs: number): void {
  stmt(db, 'UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1').run(Math.round(offsetMs));
}
