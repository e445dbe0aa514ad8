import { REGISTER_KEEP_DAYS } from '../../common/protocol/settings.js';
import type { settingsChangeData } from '../../common/protocol/sync.js';
import type { z } from 'zod';
import { reclaimFreePages, type StoreDb } from '../store/connection.js';
import { readSettings } from '../store/queries/catalog.js';
import {
  pruneAuditBatch,
  pruneRefundsBatch,
  pruneSalesBatch,
  pruneSentEventsBatch,
  recordPruneRun,
  type PruneBounds,
} from '../store/queries/retention.js';
import { openShiftRow } from '../store/queries/sales.js';
import { readSyncState } from '../store/queries/sync.js';

const DAY_MS = 86_400_000;

/**
 * Sales per transaction (and five times as many acknowledged events): the event loop is given back between
 * batches, so a sale the cashier finishes meanwhile waits for one batch at most: with 100, 11 ms at the median and
 * 58 ms at p99 on a shared 2-core machine (`npm run bench -- register-year`); 200 held it up to 168 ms at p99.
 */
const BATCH = 100;

/** Acknowledged outbox rows are kept a day after their event (for whoever reads the outbox by hand), then go. */
const SENT_EVENTS_KEPT_MS = DAY_MS;

export interface PruneReport {
  sales: number;
  refunds: number;
  auditRows: number;
  events: number;
}

export interface PruneOptions {
  /** Default: the store's `registerKeepDays` as last pulled, else 90. */
  keepDays?: number;
  now?: Date;
  batch?: number;
}

type PulledSettings = Partial<z.infer<typeof settingsChangeData>>;

export function keepDaysOf(db: StoreDb): number {
  return readSettings<PulledSettings>(db)?.registerKeepDays ?? REGISTER_KEEP_DAYS.default;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Moves off this register what it no longer needs: sales (with their lines, refunds, fiscal records and events)
 * older than the store's keep-days once the server has them, the open shift's never, and acknowledged outbox rows
 * a day old. Runs in short transactions with the event loop given back between them, each followed by a bounded
 * incremental vacuum, so the file shrinks while the till keeps selling. The caller holds the sync lock.
 */
export async function pruneKeptData(db: StoreDb, options: PruneOptions = {}): Promise<PruneReport> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? BATCH;
  const keepDays = options.keepDays ?? keepDaysOf(db);
  const bounds: PruneBounds = {
    cutoff: new Date(now.getTime() - keepDays * DAY_MS).toISOString(),
    cursor: readSyncState(db).cursor,
    openShiftId: openShiftRow(db)?.id ?? null,
  };
  const report: PruneReport = { sales: 0, refunds: 0, auditRows: 0, events: 0 };
  const steps: Array<[keyof PruneReport, () => number]> = [
    ['sales', () => pruneSalesBatch(db, bounds, batch)],
    ['refunds', () => pruneRefundsBatch(db, bounds, batch)],
    ['auditRows', () => pruneAuditBatch(db, bounds, batch)],
    [
      'events',
      () =>
        pruneSentEventsBatch(
          db,
          bounds.cursor,
          new Date(now.getTime() - SENT_EVENTS_KEPT_MS).toISOString(),
          batch * 5,
        ),
    ],
  ];
  for (const [key, step] of steps) {
    for (;;) {
      const done = step();
      report[key] += done;
      if (done > 0) reclaimFreePages(db);
      if (done === 0) break;
      await yieldToOthers();
    }
  }
  recordPruneRun(db, now.toISOString());
  return report;
}
