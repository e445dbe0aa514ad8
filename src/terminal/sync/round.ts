import { AppError } from '../../common/errors.js';
import { requestJson, ServerError } from '../../common/http.js';
import type { Lang } from '../../common/i18n/index.js';
import { z } from 'zod';
import {
  MAX_PUSH_EVENTS,
  pullResponse,
  pushResponse,
  type FiscalStatus,
} from '../../common/protocol/sync.js';
import { APP_VERSION, compareVersions } from '../../common/version.js';
import { reclaimFreePages, type StoreDb } from '../store/connection.js';
import { clearPulledData } from '../store/queries/catalog.js';
import { clearUnapplied, resetReports, setUpdateRequired } from '../store/queries/drift.js';
import type { Identity } from '../store/queries/identity.js';
import { tryTakeSyncLock } from '../store/sync-lock.js';
import { applyPulledChanges, retryKeptChanges } from './drift.js';
import { pruneKeptData, type PruneReport } from './prune.js';
import { reportStatus } from './status-report.js';
import {
  outboxAfterBatch,
  outboxSummary,
  pageCacheSize,
  pendingEvents,
  readSyncState,
  recordPushResults,
  recordSyncOutcome,
  resetSyncState,
  saveClockOffset,
  saveCursor,
  setPageCacheSize,
} from '../store/queries/sync.js';

export interface SyncOptions {
  lang?: Lang;
  pushBatch?: number;
  pullPage?: number;
  /**
   * Applies a pulled page in transactions of at most this many changes, letting the event loop run between them;
   * the cursor moves with the last one. The cashier's screen sets it so keys never wait for a whole page: the server
   * never splits a version, and a catalog import makes a version of 1000 products. Unset: a page, one transaction.
   */
  applyChunk?: number;
  /** Called after each page so long catch-ups can show progress. */
  onProgress?: (progress: { pushed: number; pulled: number; cursor: number }) => void;
  timeoutMs?: number;
  /**
   * The register's fiscal module as it stands, reported in `device.status`; by default the FM's last answer kept in
   * `pos.sqlite`, none when no module is set up.
   */
  fiscalStatus?: () => FiscalStatus | undefined;
}

export interface SyncReport {
  pushed: number;
  duplicates: number;
  rejected: number;
  pulled: number;
  /** Pulled changes this register could not apply: kept (see `pos status`) and reported, never dropped. */
  skipped: number;
  cursor: number;
  pending: number;
  /** The server said this register is revoked: its events were still taken, and it sells no more. */
  revoked?: boolean;
  /** False when another process on this data dir holds the sync lock. */
  ran: boolean;
  /** What the round moved off this register afterwards (old sales the server has, acknowledged events). */
  pruned?: PruneReport;
}

/** SQLite's page cache during a catch-up pull, in KiB (negative = size rather than pages). */
const CATCH_UP_CACHE_KIB = -2000;

/** Changes are checked one by one when applied, so one odd change never blocks the page. */
const pullPage = pullResponse.extend({ changes: z.array(z.unknown()) });

/** One full round: push every pending event in batches, then pull every page. */
export async function syncOnce(
  db: StoreDb,
  identity: Identity,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const report: SyncReport = {
    pushed: 0,
    duplicates: 0,
    rejected: 0,
    pulled: 0,
    skipped: 0,
    cursor: 0,
    pending: 0,
    ran: false,
  };
  const lock = tryTakeSyncLock(db);
  if (!lock) {
    report.pending = outboxSummary(db).pending;
    report.cursor = readSyncState(db).cursor;
    return report;
  }
  report.ran = true;
  try {
    const pulledFor = readSyncState(db).deviceId;
    if (pulledFor !== null && pulledFor !== identity.deviceId) {
      // The data dir holds a new identity (re-activation): the old catalog and cursor are not this register's.
      db.transaction(() => {
        clearPulledData(db);
        clearUnapplied(db);
        resetReports(db);
        resetSyncState(db, identity.deviceId);
      }).immediate();
    }
    await pushAll(db, identity, options, report);
    if (report.revoked) {
      report.pending = outboxSummary(db).pending;
      recordSyncOutcome(db, { ok: false, error: 'DEVICE_REVOKED', revoked: true });
      return report;
    }
    // Reported before the pull (a pull may be refused to an old version) and again after it if what it could not
    // apply changed; each time only when the report differs from the one the server has.
    await reportStatus(db, identity, options);
    await pullAll(db, identity, options, report);
    await reportStatus(db, identity, options);
    report.pending = outboxSummary(db).pending;
    recordSyncOutcome(db, { ok: true });
    // After a full round the register knows what the server has: the first round runs as the register starts.
    report.pruned = await pruneKeptData(db);
    return report;
  } catch (error) {
    const revoked = error instanceof ServerError && error.serverCode === 'DEVICE_REVOKED';
    const message = error instanceof Error ? error.message : String(error);
    recordSyncOutcome(db, { ok: false, error: message, revoked });
    throw error;
  } finally {
    lock.release();
  }
}

async function pushAll(
  db: StoreDb,
  identity: Identity,
  options: SyncOptions,
  report: SyncReport,
): Promise<void> {
  const batch = Math.min(options.pushBatch ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS);
  for (;;) {
    const events = pendingEvents(db, batch);
    if (events.length === 0) return;
    const remaining = outboxAfterBatch(db, events.length);
    const sentAt = Date.now();
    const answer = await requestJson({
      baseUrl: identity.serverUrl,
      method: 'POST',
      path: '/sync/push',
      token: identity.deviceToken,
      lang: options.lang ?? 'uz',
      body: { events, outbox: remaining, sentAt: new Date(sentAt).toISOString() },
      response: pushResponse,
      timeoutMs: options.timeoutMs,
    });
    if (answer.revoked) report.revoked = true;
    // The server's clock against the middle of the round trip: how far this register's clock is off.
    if (answer.serverTime) saveClockOffset(db, Date.parse(answer.serverTime) - (sentAt + Date.now()) / 2);
    const sentIds = new Set(events.map((event) => event.id));
    const results = answer.results.filter((result) => sentIds.has(result.id));
    // Acknowledged only now: a crash before this line resends the batch and the server answers `duplicate`.
    recordPushResults(db, results);
    reclaimFreePages(db);
    for (const result of results) {
      if (result.status === 'applied') report.pushed++;
      else if (result.status === 'duplicate') report.duplicates++;
      else report.rejected++;
    }
    if (results.length < events.length) {
      throw new AppError('BAD_SERVER_RESPONSE', {
        params: { status: 200, url: `${identity.serverUrl}/sync/push` },
      });
    }
    options.onProgress?.({
      pushed: report.pushed + report.duplicates,
      pulled: report.pulled,
      cursor: report.cursor,
    });
  }
}

async function pullAll(
  db: StoreDb,
  identity: Identity,
  options: SyncOptions,
  report: SyncReport,
): Promise<void> {
  const fetchPage = (cursor: number) =>
    requestJson({
      baseUrl: identity.serverUrl,
      method: 'GET',
      path: '/sync/pull',
      query: { cursor: String(cursor), limit: String(options.pullPage ?? 1000) },
      token: identity.deviceToken,
      lang: options.lang ?? 'uz',
      response: pullPage,
      timeoutMs: options.timeoutMs,
    });
  const askedAt = Date.now();
  let coming = fetchPage(readSyncState(db).cursor);
  let cacheSize: number | null = null;
  let first = true;
  try {
    for (;;) {
      const page = await coming;
      if (first) {
        // Every round, idle or not, tells the register how far its clock is off; the events it makes next carry it.
        if (page.serverTime) saveClockOffset(db, Date.parse(page.serverTime) - (askedAt + Date.now()) / 2);
        // Before anything is applied: a register too old for the server's changes must not half-apply them.
        refuseIfTooOld(db, page.minRegisterVersion);
        retryKeptChanges(db);
        first = false;
      }
      const next = Number(page.cursor);
      if (page.hasMore) {
        // The next page is asked for before this one is applied, so the server reads it while this register
        // writes. If this page fails to apply, the answer is dropped unread: the cursor has not moved.
        coming = fetchPage(next);
        coming.catch(() => undefined);
        await sent();
        if (cacheSize === null) {
          // A catch-up of many pages writes each database page about once: a full page cache of them buys no speed
          // (measured) and only adds its 16 MB to the register's peak while the till runs alongside.
          cacheSize = pageCacheSize(db);
          setPageCacheSize(db, CATCH_UP_CACHE_KIB);
        }
      }
      const counts = await applyPage(db, page.changes, next, options.applyChunk, () =>
        saveCursor(db, next, identity.deviceId),
      );
      report.pulled += counts.pulled;
      report.skipped += counts.kept;
      report.cursor = next;
      options.onProgress?.({
        pushed: report.pushed + report.duplicates,
        pulled: report.pulled,
        cursor: next,
      });
      if (!page.hasMore) return;
    }
  } finally {
    if (cacheSize !== null) setPageCacheSize(db, cacheSize);
  }
}

/**
 * A page in one transaction with the cursor, or in chunks with a turn of the event loop between them (the cursor
 * with the last). A register stopped between chunks has applied part of the page without moving the cursor: the
 * next round pulls the page again and applies it again, which changes nothing (every change is a whole upsert or
 * delete of its row).
 */
async function applyPage(
  db: StoreDb,
  changes: readonly unknown[],
  version: number,
  chunk: number | undefined,
  moveCursor: () => void,
): Promise<{ pulled: number; kept: number }> {
  if (!chunk || changes.length <= chunk) return applyPulledChanges(db, changes, version, moveCursor);
  const counts = { pulled: 0, kept: 0 };
  for (let start = 0; start < changes.length; start += chunk) {
    const last = start + chunk >= changes.length;
    const done = applyPulledChanges(
      db,
      changes.slice(start, start + chunk),
      version,
      last ? moveCursor : noop,
    );
    counts.pulled += done.pulled;
    counts.kept += done.kept;
    if (!last) await sent();
  }
  return counts;
}

const noop = () => {};

/** Lets fetch write the request out before a synchronous page apply holds the event loop. */
function sent(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A server that serves only newer registers: say "update this register" and apply nothing. */
function refuseIfTooOld(db: StoreDb, minRegisterVersion: string | undefined): void {
  const tooOld = minRegisterVersion !== undefined && compareVersions(APP_VERSION, minRegisterVersion) < 0;
  setUpdateRequired(db, tooOld ? minRegisterVersion : null);
  if (tooOld)
    throw new AppError('REGISTER_UPDATE_REQUIRED', {
      params: { min: minRegisterVersion, current: APP_VERSION },
    });
}
