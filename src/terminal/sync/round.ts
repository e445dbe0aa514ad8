import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/errors.js';
import { requestJson, ServerError } from '../../common/http.js';
import type { Lang } from '../../common/i18n/index.js';
import { z } from 'zod';
import { changeSchema, MAX_PUSH_EVENTS, pullResponse, pushResponse } from '../../common/protocol/sync.js';
import { reclaimFreePages, type StoreDb } from '../store/connection.js';
import { applyChange, clearPulledData } from '../store/queries/catalog.js';
import type { Identity } from '../store/queries/identity.js';
import {
  acquireSyncLease,
  outboxAfterBatch,
  outboxSummary,
  pageCacheSize,
  pendingEvents,
  readSyncState,
  recordPushResults,
  recordSyncOutcome,
  releaseSyncLease,
  resetSyncState,
  saveCursor,
  setPageCacheSize,
} from '../store/queries/sync.js';

export interface SyncOptions {
  lang?: Lang;
  pushBatch?: number;
  pullPage?: number;
  /** Called after each page so long catch-ups can show progress. */
  onProgress?: (progress: { pushed: number; pulled: number; cursor: number }) => void;
  timeoutMs?: number;
}

export interface SyncReport {
  pushed: number;
  duplicates: number;
  rejected: number;
  pulled: number;
  skipped: number;
  cursor: number;
  pending: number;
  /** False when another process on this data dir holds the sync lease. */
  ran: boolean;
}

const LEASE_MS = 120_000;
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
  const holder = randomUUID();
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
  if (!acquireSyncLease(db, holder, LEASE_MS)) {
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
        resetSyncState(db, identity.deviceId);
      })();
    }
    await pushAll(db, identity, options, report, holder);
    await pullAll(db, identity, options, report, holder);
    report.pending = outboxSummary(db).pending;
    recordSyncOutcome(db, { ok: true });
    return report;
  } catch (error) {
    const revoked = error instanceof ServerError && error.serverCode === 'DEVICE_REVOKED';
    const message = error instanceof Error ? error.message : String(error);
    recordSyncOutcome(db, { ok: false, error: message, revoked });
    throw error;
  } finally {
    releaseSyncLease(db, holder);
  }
}

async function pushAll(
  db: StoreDb,
  identity: Identity,
  options: SyncOptions,
  report: SyncReport,
  holder: string,
): Promise<void> {
  const batch = Math.min(options.pushBatch ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS);
  for (;;) {
    const events = pendingEvents(db, batch);
    if (events.length === 0) return;
    const remaining = outboxAfterBatch(db, events.length);
    const answer = await requestJson({
      baseUrl: identity.serverUrl,
      method: 'POST',
      path: '/sync/push',
      token: identity.deviceToken,
      lang: options.lang ?? 'uz',
      body: { events, outbox: remaining },
      response: pushResponse,
      timeoutMs: options.timeoutMs,
    });
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
    acquireSyncLease(db, holder, LEASE_MS);
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
  holder: string,
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
  let coming = fetchPage(readSyncState(db).cursor);
  let cacheSize: number | null = null;
  try {
    for (;;) {
      const page = await coming;
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
      const counts = applyPage(db, page.changes, () => saveCursor(db, next, identity.deviceId));
      report.pulled += counts.pulled;
      report.skipped += counts.skipped;
      report.cursor = next;
      acquireSyncLease(db, holder, LEASE_MS);
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

/** Lets fetch write the request out before a synchronous page apply holds the event loop. */
function sent(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Applies one page and moves the cursor with it, in one transaction: a pull cut off anywhere resumes without loss
 * or duplication. The page first goes in without a savepoint per change (a savepoint per change makes FTS5 write
 * a segment per product); if a change fails, that attempt is rolled back and the page redone with one savepoint
 * per change, so one odd change is skipped and never blocks the others.
 */
function applyPage(
  db: StoreDb,
  raws: readonly unknown[],
  moveCursor: () => void,
): { pulled: number; skipped: number } {
  const apply = (isolated: boolean) =>
    db.transaction(() => {
      const counts = { pulled: 0, skipped: 0 };
      // Checked as applied, so each checked copy is garbage at once and a page costs little memory.
      for (const raw of raws) {
        const parsed = changeSchema.safeParse(raw);
        if (!parsed.success) counts.skipped++;
        else if (!isolated) {
          applyChange(db, parsed.data);
          counts.pulled++;
        } else {
          try {
            db.transaction(() => applyChange(db, parsed.data))();
            counts.pulled++;
          } catch {
            counts.skipped++;
          }
        }
      }
      moveCursor();
      return counts;
    })();
  try {
    return apply(false);
  } catch {
    return apply(true);
  }
}
