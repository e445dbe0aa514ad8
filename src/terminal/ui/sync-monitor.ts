import { fiscalBar, fiscalStatus, readFiscalConfig, type FiscalBar } from '../fiscal/service.js';
import { outboxSummary, readSyncState } from '../store/queries/sync.js';
import type { RegisterContext } from '../register/context.js';
import { startBackgroundSync, type BackgroundSync } from '../sync/background.js';

/** What the status bar shows of the sync: read from the store after every round, so it is never a guess. */
export interface SyncStatus {
  online: boolean;
  revoked: boolean;
  /** Events in the outbox not yet accepted by the server. */
  pending: number;
  lastSyncAt: string | null;
  /** The fiscal module's countdown from its last answer; null when this register does not fiscalise. */
  fiscal: FiscalBar | null;
  /** Server time − this register's time at the last sync, ms; null before the first. */
  clockOffsetMs: number | null;
}

export interface SyncMonitor {
  read(): SyncStatus;
  subscribe(listener: () => void): () => void;
  /** Starts the background sync (once); the UI calls it after its first frame. */
  start(): void;
  /** After a sale: refresh the counts now and sync soon. */
  nudge(): void;
  stop(): Promise<void>;
}

/** How long the register's first sync waits for the FM's first answer at start. */
const FIRST_FM_WAIT_MS = 5_000;

export function readSyncStatus(ctx: RegisterContext): SyncStatus {
  const state = readSyncState(ctx.db);
  return {
    online: state.online,
    revoked: state.revoked,
    pending: outboxSummary(ctx.db).pending,
    lastSyncAt: state.lastSyncAt,
    fiscal: fiscalBar(ctx),
    clockOffsetMs: state.clockOffsetMs,
  };
}

/**
 * Pulled changes applied per transaction while the cashier's screen runs, with a turn of the event loop between
 * them: keys typed meanwhile wait for one chunk, not for a page. 1000 new products took about 40 ms to apply on a
 * loaded 2-core machine, 250 about 11 ms, for some 30% more work in all (`npm run bench -- key-latency`). Smaller
 * pages would not do: the server never splits a version, and an import makes versions of 1000 products. `pos sync`
 * applies a page at a time.
 */
export const SCREEN_PULL_CHUNK = 250;

/**
 * Runs the background sync once started (unless `background` is false, as in component tests) and tells
 * subscribers when the status may have changed. A revoked register keeps selling offline; the status bar says so.
 */
export function createSyncMonitor(
  ctx: RegisterContext,
  options: {
    background: boolean;
    intervalMs?: number;
    /** How often the FM is asked for its unsent receipts (the countdown); default a minute. */
    fiscalIntervalMs?: number;
    onError?: (error: unknown) => void;
  },
): SyncMonitor {
  const listeners = new Set<() => void>();
  let status = readSyncStatus(ctx);
  const refresh = () => {
    status = readSyncStatus(ctx);
    for (const listener of listeners) listener();
  };
  let sync: BackgroundSync | null = null;
  let started = false;
  let stopped = false;
  let fiscalTimer: NodeJS.Timeout | undefined;
  // The FM is asked apart from the sync: its countdown runs down offline too, when the sync has nothing to say.
  const pollFiscal = async (): Promise<void> => {
    if (stopped || !readFiscalConfig(ctx)) return;
    await fiscalStatus(ctx)
      .catch((error: unknown) => options.onError?.(error))
      .finally(refresh);
  };
  return {
    read: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (!options.background || started || stopped) return;
      started = true;
      fiscalTimer = setInterval(() => void pollFiscal(), options.fiscalIntervalMs ?? 60_000);
      fiscalTimer.unref?.();
      // The FM is asked first, so the first sync's device.status already carries its answer; an FM service that
      // hangs holds the sync back a few seconds at most.
      const asked = pollFiscal();
      void Promise.race([
        asked,
        new Promise<void>((resolve) => setTimeout(resolve, FIRST_FM_WAIT_MS).unref?.()),
      ]).then(() => {
        if (stopped) return;
        sync = startBackgroundSync(ctx.db, ctx.identity, {
          lang: ctx.lang,
          intervalMs: options.intervalMs,
          applyChunk: SCREEN_PULL_CHUNK,
          onReport: refresh,
          onError: (error) => {
            options.onError?.(error);
            refresh();
          },
        });
      });
    },
    nudge() {
      refresh();
      sync?.nudge();
    },
    async stop() {
      stopped = true;
      clearInterval(fiscalTimer);
      await sync?.stop();
    },
  };
}
