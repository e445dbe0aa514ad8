import type { Knex } from 'knex';
import type { z } from 'zod';
import { newId } from '../../common/ids.js';
import {
  syncEventSchema,
  type PushBody,
  type PushResponse,
  type SyncEvent,
} from '../../common/protocol/sync.js';
import { writeAuditEvents } from '../audit/service.js';
import type { AppDeps, DeviceActor } from '../context.js';
import { isUniqueViolation, retryOnConflict } from '../db/errors.js';
import { recordOutboxReport } from '../devices/service.js';
import { validationError } from '../../common/validation.js';
import {
  checkEvents,
  lookupEvents,
  writeEventEffects,
  type EventLookups,
  type EventOrigin,
} from '../sales/service.js';
import { currentStoreVersion, recordChanges } from '../changes/service.js';
import { findSyncEvents, insertSyncEvents, type SyncEventRow } from './queries.js';

type Result = PushResponse['results'][number];

interface Rejection {
  index: number;
  /** The id the register sent (echoed in the result); null when it sent none usable. */
  id: string | null;
  type: string;
  reason: string;
  raw: unknown;
  occurredAt: number | null;
}

function usableId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 36 ? id : null;
}

/** The first schema problem in the words an owner reads in the rejected list (English, field named). */
function reasonOf(error: z.ZodError): string {
  return validationError(error).localized('en').slice(0, 500);
}

function appliedRow(origin: EventOrigin, event: SyncEvent): SyncEventRow {
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
  };
}

/**
 * Applies events and records them in one transaction: every effect, the stock levels, the store version bump,
 * then the `applied`/`rejected` rows carrying that version. Those rows go in last by design: an UPDATE of them
 * after the bump would scan and lock other pushes' fresh rows and deadlock against their stock-level locks.
 * Returns the version the stock effects became visible at.
 */
async function applyAll(
  deps: AppDeps,
  trx: Knex,
  origin: EventOrigin,
  events: readonly SyncEvent[],
  rejections: readonly Rejection[],
  lookups: EventLookups,
): Promise<number> {
  const moved = await writeEventEffects(deps.db, trx, origin, events, lookups);
  await writeAuditEvents(trx, origin, events);
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
  return version;
}

function fromStored(
  id: string,
  stored: { status: string; error: string | null; version: number | null },
): Result {
  if (stored.status === 'applied')
    return { id, status: 'duplicate', ...(stored.version !== null && { version: stored.version }) };
  return { id, status: 'rejected', error: stored.error ?? 'rejected' };
}

/**
 * Exactly once, whatever the register resends: the event id is the primary key of sync_events, written in the
 * same transaction as the effects. The whole batch goes in one transaction (fast); if that hits a unique
 * violation (a concurrent send of the same events, a reused shift id) it is redone event by event, so one bad
 * event never takes the others down and a repeat answers `duplicate`.
 */
export async function pushEvents(deps: AppDeps, device: DeviceActor, body: PushBody): Promise<PushResponse> {
  const origin: EventOrigin = {
    tenantId: device.tenantId,
    storeId: device.storeId,
    deviceId: device.deviceId,
    receivedAt: Date.now(),
  };
  const results: Array<Result | undefined> = new Array(body.events.length);
  const firstIndex = new Map<string, number>();
  const repeats: Array<{ index: number; of: number }> = [];
  const parsed: Array<{ index: number; event: SyncEvent }> = [];
  const rejections: Rejection[] = [];

  body.events.forEach((raw, index) => {
    const result = syncEventSchema.safeParse(raw);
    const id = result.success ? result.data.id : usableId(raw);
    if (id !== null) {
      const first = firstIndex.get(id);
      if (first !== undefined) return void repeats.push({ index, of: first });
      firstIndex.set(id, index);
    }
    if (result.success) return void parsed.push({ index, event: result.data });
    const type = (raw as { type?: unknown } | null)?.type;
    const occurredAt = Date.parse(String((raw as { occurredAt?: unknown } | null)?.occurredAt));
    rejections.push({
      index,
      id,
      type: typeof type === 'string' ? type : 'unknown',
      reason: reasonOf(result.error),
      raw,
      occurredAt: Number.isFinite(occurredAt) ? occurredAt : null,
    });
  });

  // Already recorded (a resend): answered from the stored outcome, nothing written. The checks' reads go at the
  // same time, for every event: one round trip less per batch.
  const [storedRows, lookups] = await Promise.all([
    findSyncEvents(deps.db.knex, origin.tenantId, [...firstIndex.keys()]),
    lookupEvents(
      deps.db.knex,
      origin,
      parsed.map((p) => p.event),
    ),
  ]);
  const stored = new Map(storedRows.map((row) => [row.id, row]));
  const fresh = parsed.filter(({ index, event }) => {
    const row = stored.get(event.id);
    if (row) results[index] = fromStored(event.id, row);
    return !row;
  });
  const freshRejections = rejections.filter((r) => {
    const row = r.id === null ? undefined : stored.get(r.id);
    if (row) results[r.index] = fromStored(r.id!, row);
    return !row;
  });

  const problems = checkEvents(
    fresh.map((f) => f.event),
    lookups,
  );
  const toApply = fresh.filter((f) => !problems.has(f.event.id));
  for (const f of fresh) {
    const problem = problems.get(f.event.id);
    if (problem)
      freshRejections.push({
        index: f.index,
        id: f.event.id,
        type: f.event.type,
        reason: problem,
        raw: f.event,
        occurredAt: Date.parse(f.event.occurredAt),
      });
  }

  const markRejected = (r: Rejection) => {
    results[r.index] = { id: r.id ?? '', status: 'rejected', error: r.reason };
  };
  if (toApply.length > 0 || freshRejections.length > 0) {
    try {
      const version = await retryOnConflict(() =>
        deps.db.knex.transaction((trx) =>
          applyAll(
            deps,
            trx,
            origin,
            toApply.map((f) => f.event),
            freshRejections,
            lookups,
          ),
        ),
      );
      for (const f of toApply) results[f.index] = { id: f.event.id, status: 'applied', version };
      freshRejections.forEach(markRejected);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await applyOneByOne(deps, origin, toApply, freshRejections, lookups, results);
    }
  }

  for (const { index, of } of repeats) {
    const first = results[of]!;
    results[index] = first.status === 'applied' ? { ...first, status: 'duplicate' } : first;
  }
  if (body.outbox) await recordOutboxReport(deps, device, body.outbox);
  const final = results as Result[];
  deps.logger.info(
    {
      tenantId: origin.tenantId,
      deviceId: origin.deviceId,
      events: final.length,
      applied: final.filter((r) => r.status === 'applied').length,
      rejected: final.filter((r) => r.status === 'rejected').length,
    },
    'sync push',
  );
  return { results: final };
}

/** The slow path: each event in its own transaction, so a clash is pinned on the one event that causes it. */
async function applyOneByOne(
  deps: AppDeps,
  origin: EventOrigin,
  toApply: ReadonlyArray<{ index: number; event: SyncEvent }>,
  rejections: readonly Rejection[],
  lookups: EventLookups,
  results: Array<Result | undefined>,
): Promise<void> {
  for (const r of rejections) {
    try {
      await deps.db.knex.transaction((trx) => applyAll(deps, trx, origin, [], [r], lookups));
      results[r.index] = { id: r.id ?? '', status: 'rejected', error: r.reason };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [row] = await findSyncEvents(deps.db.knex, origin.tenantId, [r.id ?? '']);
      results[r.index] = row
        ? fromStored(r.id!, row)
        : { id: r.id ?? '', status: 'rejected', error: r.reason };
    }
  }
  for (const { index, event } of toApply) {
    try {
      const version = await retryOnConflict(() =>
        deps.db.knex.transaction((trx) => applyAll(deps, trx, origin, [event], [], lookups)),
      );
      results[index] = { id: event.id, status: 'applied', version };
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
    const rejection: Rejection = {
      index,
      id: event.id,
      type: event.type,
      reason: 'conflicts with data already on the server',
      raw: event,
      occurredAt: Date.parse(event.occurredAt),
    };
    try {
      await deps.db.knex.transaction((trx) => applyAll(deps, trx, origin, [], [rejection], lookups));
      results[index] = { id: event.id, status: 'rejected', error: rejection.reason };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [again] = await findSyncEvents(deps.db.knex, origin.tenantId, [event.id]);
      results[index] = again
        ? fromStored(event.id, again)
        : { id: event.id, status: 'rejected', error: rejection.reason };
    }
  }
}
