import type { PushBody, PushResponse, SyncEvent } from '../../common/protocol/sync.js';
import type { AppDeps, DeviceActor } from '../context.js';
import { recordClockOffset, recordOutboxReport } from '../devices/service.js';
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
  const answered = answerStored(classified, storedRows, results);
  const { freshRejections } = answered;
  const offsetMs = body.sentAt === undefined ? 0 : origin.receivedAt - Date.parse(body.sentAt);
  const fresh: Parsed[] = [];
  for (const f of answered.fresh) {
    const placed = placeInTime(f.event, offsetMs, origin.receivedAt, device);
    if (typeof placed === 'string') freshRejections.push(rejectionOf(f.index, f.event, placed));
    else fresh.push({ ...f, event: placed });
  }

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
  const alsoWrite: AlsoWrite | undefined =
    device.retiredAt !== undefined
      ? undefined
      : async (trx) => {
          if (outbox) await recordOutboxReport({ ...deps, db: { ...deps.db, knex: trx } }, device, outbox);
          if (body.sentAt !== undefined) await recordClockOffset(trx, device, offsetMs);
        };
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
  const serverTime = new Date().toISOString();
  return device.retiredAt === undefined
    ? { results: final, serverTime }
    : { results: final, revoked: true, serverTime };
}

/** Clock slack: a register's clock read a moment before ours, a slow network, a rounding of seconds. */
const TIME_TOLERANCE_MS = 5 * 60_000;

/** Why a corrected time cannot be true, or nothing when it can. */
function impossibleTime(at: number, receivedAt: number, device: DeviceActor): string | undefined {
  if (at > receivedAt + TIME_TOLERANCE_MS)
    return `time ${new Date(at).toISOString()} is after the server received it`;
  if (
    device.retiredAt === undefined &&
    device.activatedAt !== undefined &&
    at < device.activatedAt - TIME_TOLERANCE_MS
  )
    return `time ${new Date(at).toISOString()} is before the register was activated`;
  return undefined;
}

/**
 * Places an event by the register's clock corrected with the offset the register knew when it made the event, so
 * a batch made before and after a clock correction lands each event on its own day; an event without one (made
 * before the first sync) uses this push's offset. A stale offset (the clock was set right after the last sync)
 * can place an event after it arrived: then this push's offset, measured now, is used. A time before the register
 * was activated, or after the server received the event, cannot be true: the reason is returned.
 */
function placeInTime(
  event: SyncEvent,
  pushOffsetMs: number,
  receivedAt: number,
  device: DeviceActor,
): SyncEvent | string {
  const made = Date.parse(event.occurredAt);
  let at = made + (event.clockOffsetMs ?? pushOffsetMs);
  let problem = impossibleTime(at, receivedAt, device);
  if (problem && event.clockOffsetMs !== undefined && event.clockOffsetMs !== pushOffsetMs) {
    const measuredNow = made + pushOffsetMs;
    if (!impossibleTime(measuredNow, receivedAt, device)) [at, problem] = [measuredNow, undefined];
  }
  if (problem) return problem;
  return at === made ? event : { ...event, occurredAt: new Date(at).toISOString() };
}

/** Events a retired token may still bring: its register clock may run a little ahead of ours. */
const RETIRED_TOLERANCE_MS = 2 * 60_000;

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
