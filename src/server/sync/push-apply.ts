import type { Knex } from 'knex';
import { newId } from '../../common/ids.js';
import { writeAuditEvents } from '../audit/service.js';
import { recordStatusReports } from '../devices/service.js';
import { currentStoreVersion, recordChanges } from '../changes/service.js';
import type { AppDeps } from '../context.js';
import { isUniqueViolation, retryOnConflict } from '../db/errors.js';
import { recheckRefunds, writeEventEffects, type EventLookups, type EventOrigin } from '../sales/service.js';
import { rejectionOf, type Parsed, type PushResult, type Rejection } from './push-classify.js';
import { fromStored } from './push-stored.js';
import { findSyncEvents, insertSyncEvents, type SyncEventRow } from './queries.js';

/** Written in the same transaction as the events (the register's outbox report): all or nothing with them. */
export type AlsoWrite = (trx: Knex) => Promise<void>;

function appliedRow(origin: EventOrigin, { event, review }: Parsed): SyncEventRow {
  return {
    tenant_id: origin.tenantId,
    id: event.id,
    store_id: origin.storeId,
    device_id: origin.deviceId,
    type: event.type,
    status: 'applied',
    error: null,
    data: JSON.stringify(event),
    occurred_at: Date.parse(event.occurredAt),
    received_at: origin.receivedAt,
    version: null,
    review: review?.slice(0, 500) ?? null,
  };
}

function rejectedRow(origin: EventOrigin, r: Rejection): SyncEventRow {
  return {
    tenant_id: origin.tenantId,
    // An event without a usable id is still kept for the owner, under an id of our own.
    id: r.id ?? newId(),
    store_id: origin.storeId,
    device_id: origin.deviceId,
    type: r.type.slice(0, 32),
    status: 'rejected',
    error: r.reason.slice(0, 500),
    data: JSON.stringify(r.raw) ?? 'null',
    occurred_at: r.occurredAt,
    received_at: origin.receivedAt,
    version: null,
    review: null,
  };
}

/** What a transaction of events did: the version its effects became visible at, and the refunds it refused. */
interface Applied {
  version: number;
  /** Refunds that passed the checks before the transaction but not inside it (another register's came first). */
  late: Rejection[];
}

/**
 * Applies events and records them in one transaction: every effect, the stock levels, the store version bump,
 * then the `applied`/`rejected` rows carrying that version. Those rows go in last by design: an UPDATE of them
 * after the bump would scan and lock other pushes' fresh rows and deadlock against their stock-level locks.
 * Refunds are checked again first, under a lock on their sales (`recheckRefunds`): one that no longer fits is
 * recorded as rejected instead.
 */
async function applyAll(
  deps: AppDeps,
  trx: Knex,
  origin: EventOrigin,
  checked: readonly Parsed[],
  refused: readonly Rejection[],
  lookups: EventLookups,
): Promise<Applied> {
  const lateReasons = await recheckRefunds(
    deps.db,
    trx,
    origin,
    checked.map((p) => p.event),
    lookups,
  );
  const events = checked.filter((p) => !lateReasons.has(p.event.id));
  const late = checked
    .filter((p) => lateReasons.has(p.event.id))
    .map((p) => rejectionOf(p.index, p.event, lateReasons.get(p.event.id)!));
  const rejections = [...refused, ...late];
  await recordStatusReports(
    trx,
    origin,
    events.map((p) => p.event),
  );
  const moved = await writeEventEffects(
    deps.db,
    trx,
    origin,
    events.map((p) => p.event),
    lookups,
  );
  await writeAuditEvents(
    trx,
    origin,
    events.map((p) => p.event),
  );
  const versions = await recordChanges(
    trx,
    origin.tenantId,
    [origin.storeId],
    moved.map((id) => ({ entity: 'stock', id })),
  );
  const version =
    versions.get(origin.storeId) ?? (await currentStoreVersion(trx, origin.tenantId, origin.storeId));
  await insertSyncEvents(trx, [
    ...events.map((e) => ({ ...appliedRow(origin, e), version })),
    ...rejections.map((r) => rejectedRow(origin, r)),
  ]);
  return { version, late };
}

function rejected(r: Rejection): PushResult {
  return { id: r.id ?? '', status: 'rejected', error: r.reason };
}

/**
 * Step 3 of a push: exactly once, whatever the register resends. The event id is the primary key of
 * sync_events, written in the same transaction as the effects. The whole batch goes in one transaction (fast);
 * if that hits a unique violation (a concurrent send of the same events, a reused shift id) it is redone event by
 * event, so one bad event never takes the others down and a repeat answers `duplicate`.
 */
export async function applyBatch(
  deps: AppDeps,
  origin: EventOrigin,
  toApply: readonly Parsed[],
  rejections: readonly Rejection[],
  lookups: EventLookups,
  results: Array<PushResult | undefined>,
  alsoWrite?: AlsoWrite,
): Promise<void> {
  if (toApply.length === 0 && rejections.length === 0) {
    if (alsoWrite) await deps.db.knex.transaction(alsoWrite);
    return;
  }
  try {
    const { version, late } = await retryOnConflict(() =>
      deps.db.knex.transaction(async (trx) => {
        const done = await applyAll(deps, trx, origin, toApply, rejections, lookups);
        await alsoWrite?.(trx);
        return done;
      }),
    );
    for (const f of toApply) results[f.index] = { id: f.event.id, status: 'applied', version };
    for (const r of [...rejections, ...late]) results[r.index] = rejected(r);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await applyOneByOne(deps, origin, toApply, rejections, lookups, results);
    if (alsoWrite) await deps.db.knex.transaction(alsoWrite);
  }
}

/** Records one rejection; a concurrent copy already recorded answers as stored. */
async function recordRejection(
  deps: AppDeps,
  origin: EventOrigin,
  r: Rejection,
  lookups: EventLookups,
): Promise<PushResult> {
  try {
    await deps.db.knex.transaction((trx) => applyAll(deps, trx, origin, [], [r], lookups));
    return rejected(r);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [row] = await findSyncEvents(deps.db.knex, origin.tenantId, [r.id ?? '']);
    return row ? fromStored(r.id!, row) : rejected(r);
  }
}

/** The slow path: each event in its own transaction, so a clash is pinned on the one event that causes it. */
async function applyOneByOne(
  deps: AppDeps,
  origin: EventOrigin,
  toApply: readonly Parsed[],
  rejections: readonly Rejection[],
  lookups: EventLookups,
  results: Array<PushResult | undefined>,
): Promise<void> {
  for (const r of rejections) results[r.index] = await recordRejection(deps, origin, r, lookups);
  for (const parsed of toApply) {
    const { index, event } = parsed;
    try {
      const { version, late } = await retryOnConflict(() =>
        deps.db.knex.transaction((trx) => applyAll(deps, trx, origin, [parsed], [], lookups)),
      );
      results[index] = late[0] ? rejected(late[0]) : { id: event.id, status: 'applied', version };
      continue;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // Either the event was recorded meanwhile (a concurrent send: duplicate) or its data clashes with a row that
    // exists (a reused shift id): then it is kept as rejected, never retried forever.
    const [row] = await findSyncEvents(deps.db.knex, origin.tenantId, [event.id]);
    if (row) {
      results[index] = fromStored(event.id, row);
      continue;
    }
    results[index] = await recordRejection(
      deps,
      origin,
      {
        index,
        id: event.id,
        type: event.type,
        reason: 'conflicts with data already on the server',
        raw: event,
        occurredAt: Date.parse(event.occurredAt),
      },
      lookups,
    );
  }
}
