import type { StoreDb } from '../store/connection.js';
import type { Identity } from '../store/queries/identity.js';
import { syncOnce, type SyncOptions, type SyncReport } from './round.js';
import { ServerError } from '../../common/http.js';

export interface BackgroundSync {
  /** Sync soon (after a sale), without waiting for the next tick. */
  nudge(): void;
  stop(): Promise<void>;
}

export interface BackgroundSyncOptions extends SyncOptions {
  intervalMs?: number;
  maxBackoffMs?: number;
  onReport?: (report: SyncReport) => void;
  onError?: (error: unknown) => void;
}

/**
 * Syncs every `intervalMs` while online; while offline it backs off (doubling up to `maxBackoffMs`) so a register
 * without network does not spin. A revoked register stops for good: its unsent sales stay in the outbox.
 */
export function startBackgroundSync(
  db: StoreDb,
  identity: Identity,
  options: BackgroundSyncOptions = {},
): BackgroundSync {
  const interval = options.intervalMs ?? 15_000;
  const maxBackoff = options.maxBackoffMs ?? 5 * 60_000;
  let delay = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };

  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        const report = await syncOnce(db, identity, options);
        delay = 0;
        options.onReport?.(report);
        schedule(interval);
      } catch (error) {
        options.onError?.(error);
        if (
          error instanceof ServerError &&
          (error.serverCode === 'DEVICE_REVOKED' || error.serverCode === 'INVALID_DEVICE_TOKEN')
        ) {
          stopped = true;
          return;
        }
        delay = Math.min(maxBackoff, delay === 0 ? interval : delay * 2);
        schedule(delay);
      } finally {
        running = undefined;
      }
    })();
  };

  schedule(0);
  return {
    nudge() {
      if (!running) schedule(500);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
