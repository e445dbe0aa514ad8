import type { AppDeps } from '../context.js';
import { allTenants } from '../tenants/service.js';
import { dropAppliedPayloads } from './queries.js';

const DAY_MS = 24 * 3600 * 1000;
/** Rows emptied per statement: short transactions that never hold a push up for long. */
const BATCH = 1000;

/**
 * Drops the JSON of applied events older than `eventPayloadDays`, tenant by tenant through the
 * `(tenant_id, status, received_at)` index. `since` skips what an earlier pass already emptied.
 * Returns how many events lost their payload.
 */
export async function pruneEventPayloads(deps: AppDeps, now = Date.now(), since = 0): Promise<number> {
  const days = deps.config.eventPayloadDays;
  if (days === 0) return 0;
  const before = now - days * DAY_MS;
  let dropped = 0;
  for (const tenantId of await allTenants(deps.db.knex)) {
    for (;;) {
      const n = await dropAppliedPayloads(deps.db.knex, tenantId, since, before, BATCH);
      dropped += n;
      if (n < BATCH) break;
    }
  }
  return dropped;
}

const EVERY_MS = 6 * 3600 * 1000;

/** Prunes a minute after start, then every six hours; the returned function stops it. */
export function schedulePayloadPruning(deps: AppDeps): () => void {
  let since = 0;
  let timer: NodeJS.Timeout;
  const run = () => {
    const now = Date.now();
    pruneEventPayloads(deps, now, since).then(
      (dropped) => {
        // received_at is the server's clock: nothing new lands before this pass's cutoff.
        since = now - deps.config.eventPayloadDays * DAY_MS;
        if (dropped > 0) deps.logger.info({ dropped }, 'old event payloads dropped');
        timer = setTimeout(run, EVERY_MS).unref();
      },
      (error: unknown) => {
        deps.logger.error({ err: error }, 'dropping old event payloads failed');
        timer = setTimeout(run, EVERY_MS).unref();
      },
    );
  };
  timer = setTimeout(run, 60_000).unref();
  return () => clearTimeout(timer);
}
