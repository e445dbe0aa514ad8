import type { PushBody, PushResponse } from '../../common/protocol/sync.js';
import type { AppDeps, DeviceActor } from '../context.js';
import { recordOutboxReport } from '../devices/service.js';
import { checkEvents, lookupEvents, type EventOrigin } from '../sales/service.js';
import { applyBatch, type AlsoWrite } from './push-apply.js';
import { answerRepeats, classifyEvents, rejectionOf, type Parsed, type PushResult } from './push-classify.js';
import { answerStored } from './push-stored.js';
import { findSyncEvents } from './queries.js';

/**
 * A push in three steps: classify (parse, repeats), answer what is already stored (a resend), apply the rest
 * as one batch after the checks. Every write, the register's outbox report included, is in the batch's
 * transaction.
 */
export async function pushEvents(deps: AppDeps, device: DeviceActor, body: PushBody): Promise<PushResponse> {
  const origin: EventOrigin = {
    tenantId: device.tenantId,
    storeId: device.storeId,
    deviceId: device.deviceId,
    receivedAt: Date.now(),
  };
  const results: Array<PushResult | undefined> = new Array(body.events.length);
  const classified = classifyEvents(body.events);

  // The checks' reads go with the stored-outcome read, for every event: one round trip less per batch.
  const [storedRows, lookups] = await Promise.all([
    findSyncEvents(deps.db.knex, origin.tenantId, classified.ids),
    lookupEvents(
      deps.db.knex,
      origin,
      classified.parsed.map((p) => p.event),
    ),
  ]);
  const { fresh, freshRejections } = answerStored(classified, storedRows, results);

  const verdicts = checkEvents(
    fresh.map((f) => f.event),
    origin,
    lookups,
  );
  const toApply: Parsed[] = [];
  for (const f of fresh) {
    const verdict = verdicts.get(f.event.id);
    if (verdict?.problem) freshRejections.push(rejectionOf(f.index, f.event, verdict.problem));
    else toApply.push(verdict?.review ? { ...f, review: verdict.review } : f);
  }

  const outbox = body.outbox;
  const alsoWrite: AlsoWrite | undefined = outbox
    ? (trx) => recordOutboxReport({ ...deps, db: { ...deps.db, knex: trx } }, device, outbox)
    : undefined;
  await applyBatch(deps, origin, toApply, freshRejections, lookups, results, alsoWrite);
  answerRepeats(classified, results);

  const final = results as PushResult[];
  deps.logger.info(
    {
      tenantId: origin.tenantId,
      deviceId: origin.deviceId,
      events: final.length,
      applied: final.filter((r) => r.status === 'applied').length,
      rejected: final.filter((r) => r.status === 'rejected').length,
      flagged: toApply.filter((f) => f.review).length,
    },
    'sync push',
  );
  return { results: final };
}
