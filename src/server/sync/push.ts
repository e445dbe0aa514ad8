import type { PushBody, PushResponse } from '../../common/protocol/sync.js';
import type { AppDeps, DeviceActor } from '../context.js';
import { recordOutboxReport } from '../devices/service.js';
import type { Verdict } from '../sales/checks.js';
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

  const verdicts = retiredVerdicts(
    device,
    fresh,
    checkEvents(
      fresh.map((f) => f.event),
      origin,
      lookups,
    ),
  );
  const toApply: Parsed[] = [];
  for (const f of fresh) {
    const verdict = verdicts.get(f.event.id);
    if (verdict?.problem) freshRejections.push(rejectionOf(f.index, f.event, verdict.problem));
    else toApply.push(verdict?.review ? { ...f, review: verdict.review } : f);
  }

  // A retired token's report describes a register that no longer counts: not recorded.
  const outbox = device.retiredAt === undefined ? body.outbox : undefined;
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
  return device.retiredAt === undefined ? { results: final } : { results: final, revoked: true };
}

/** Events a retired token may still bring: its register clock may run a little ahead of ours. */
const RETIRED_TOLERANCE_MS = 5 * 60_000;

/**
 * A revoked or re-keyed register's push: what it made before then is accepted and marked for the owner; what
 * it made after is refused (kept in the rejected list).
 */
function retiredVerdicts(
  device: DeviceActor,
  fresh: readonly Parsed[],
  verdicts: Map<string, Verdict>,
): Map<string, Verdict> {
  if (device.retiredAt === undefined) return verdicts;
  const by = device.retiredBy === 'revoked' ? 'revocation' : 'the key reset';
  for (const { event } of fresh) {
    const verdict = verdicts.get(event.id) ?? {};
    if (verdict.problem) continue;
    if (Date.parse(event.occurredAt) > device.retiredAt + RETIRED_TOLERANCE_MS)
      verdicts.set(event.id, { problem: `made after ${by} of the register` });
    else
      verdicts.set(event.id, {
        review: [`arrived after ${by}`, verdict.review].filter(Boolean).join('; '),
      });
  }
  return verdicts;
}
