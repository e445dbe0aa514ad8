import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type {
  ActivateBody,
  ActivateResponse,
  CreateDeviceResponse,
  Device,
  DeviceListResponse,
} from '../../common/protocol/devices.js';
import { deviceStatusData, type DeviceStatusData, type SyncEvent } from '../../common/protocol/sync.js';
import { toIso } from '../../common/time.js';
import type { DeviceClaims } from '../../common/protocol/auth.js';
import { signDeviceToken } from '../auth/tokens.js';
import type { AppDeps, DeviceActor, TenantContext } from '../context.js';
import { isUniqueViolation } from '../db/errors.js';
import { defaultStore, getStore, getTenant } from '../tenants/service.js';
import { deviceIdFromKey, deviceKeyMatches, makeDeviceKey } from './keys.js';
import {
  deviceNamesInStore,
  findDevice,
  findDeviceWithStoreVersion,
  findDeviceForUpdate,
  findDeviceTenant,
  insertDevice,
  insertLimitHit,
  listDevices as listDeviceRows,
  releaseDeviceSeat,
  saveStatusReport,
  takeDeviceSeat,
  touchDevice,
  updateDevice,
  type DeviceRow,
} from './queries.js';

/** `lastSeenAt` is information only, so writing it at most once a minute is plenty. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export function nextFreeDeviceName(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const name = `POS-${String(n).padStart(2, '0')}`;
    if (!used.has(name)) return name;
  }
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    activatedAt: toIso(row.activated_at),
    lastSeenAt: toIso(row.last_seen_at),
    hostname: row.hostname,
    unsentEvents: row.unsent_events,
    oldestUnsentAt: toIso(row.oldest_unsent_at),
    clockOffsetMs: row.clock_offset_ms == null ? null : Number(row.clock_offset_ms),
    fiscalModuleId: row.fiscal_module_id ?? null,
    report: reportOf(row),
  };
}

/** The stored report, read back through the event's schema (a report that no longer parses shows as none). */
function reportOf(row: DeviceRow): Device['report'] {
  if (!row.status_report || row.status_reported_at == null) return null;
  const parsed = deviceStatusData.safeParse(JSON.parse(row.status_report));
  if (!parsed.success) return null;
  const { appVersion, fiscal, unapplied } = parsed.data;
  return {
    at: new Date(Number(row.status_reported_at)).toISOString(),
    appVersion,
    fiscal: fiscal ?? null,
    unapplied: unapplied ?? { count: 0, items: [] },
  };
}

/**
 * The effect of `device.status` events, in the push transaction that records them (so exactly once, like any
 * event): the device keeps the newest report by the register's clock.
 */
export async function recordStatusReports(
  trx: Knex,
  device: Pick<DeviceActor, 'tenantId' | 'deviceId'>,
  events: readonly SyncEvent[],
): Promise<void> {
  let latest: { json: string; at: number; fiscalModuleId: string | null } | null = null;
  for (const event of events) {
    if (event.type !== 'device.status') continue;
    const at = Date.parse(event.occurredAt);
    const fiscalModuleId = (event.data as DeviceStatusData).fiscalModuleId ?? null;
    if (latest === null || at >= latest.at) latest = { json: JSON.stringify(event.data), at, fiscalModuleId };
  }
  if (latest) await saveStatusReport(trx, device.tenantId, device.deviceId, latest);
}

function brief(row: Pick<DeviceRow, 'id' | 'name' | 'status'>): Pick<Device, 'id' | 'name' | 'status'> {
  return { id: row.id, name: row.name, status: row.status };
}

/**
 * A refused register add, in its own small transaction: the device insert has rolled back, and the 402 itself
 * writes nothing else. The seller calls the shops that hit the limit.
 */
async function recordLimitHit(deps: AppDeps, tenantId: string, userId: string): Promise<void> {
  await deps.db.knex.transaction(async (trx) => {
    const tenant = await getTenant(trx, tenantId);
    await insertLimitHit(trx, {
      tenant_id: tenantId,
      id: newId(),
      at: Date.now(),
      user_id: userId,
      max_devices: tenant.max_devices,
    });
  });
  deps.logger.info({ tenantId, userId }, 'register limit hit');
}

/** Takes a licence seat and creates a pending device with a fresh key, inside the caller's transaction. */
export async function createDeviceInTransaction(
  deps: AppDeps,
  trx: Knex,
  input: { tenantId: string; storeId: string; name?: string },
): Promise<CreateDeviceResponse> {
  if (!(await takeDeviceSeat(trx, input.tenantId))) throw new AppError('DEVICE_LIMIT_REACHED');
  // Read after the seat is taken: the tenant row lock orders concurrent creations, so this sees their names.
  const taken = await deviceNamesInStore(deps.db, trx, input.tenantId, input.storeId);
  if (input.name !== undefined && taken.includes(input.name)) throw new AppError('DEVICE_NAME_TAKEN');
  const name = input.name ?? nextFreeDeviceName(taken);
  const id = newId();
  const { key, hash } = makeDeviceKey(id);
  try {
    await insertDevice(trx, {
      tenant_id: input.tenantId,
      id,
      store_id: input.storeId,
      name,
      status: 'pending',
      key_hash: hash,
      key_used_at: null,
      token_version: 1,
      hostname: null,
      activated_at: null,
      last_seen_at: null,
      revoked_at: null,
      unsent_events: null,
      oldest_unsent_at: null,
      created_at: Date.now(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DEVICE_NAME_TAKEN');
    throw error;
  }
  return { device: { id, name, status: 'pending' }, deviceKey: key };
}

export async function createDevice(
  ctx: TenantContext,
  input: { name?: string },
): Promise<CreateDeviceResponse> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  const created = await ctx.db.knex
    .transaction((trx) =>
      createDeviceInTransaction(ctx, trx, { tenantId: ctx.tenantId, storeId: store.id, name: input.name }),
    )
    .catch(async (error: unknown) => {
      // After the rollback: the refused add is the seller's cue to call, so it is kept although nothing else is.
      if (error instanceof AppError && error.code === 'DEVICE_LIMIT_REACHED')
        await recordLimitHit(ctx, ctx.tenantId, ctx.actor.userId);
      throw error;
    });
  ctx.logger.info(
    { tenantId: ctx.tenantId, deviceId: created.device.id, name: created.device.name },
    'device added',
  );
  return created;
}

export async function listDevices(ctx: TenantContext): Promise<DeviceListResponse> {
  const [tenant, rows] = await Promise.all([
    getTenant(ctx.db.knex, ctx.tenantId),
    listDeviceRows(ctx.db.knex, ctx.tenantId),
  ]);
  return { maxDevices: tenant.max_devices, used: tenant.devices_used, devices: rows.map(toDevice) };
}

async function lockedDevice(ctx: TenantContext, trx: Knex, id: string): Promise<DeviceRow> {
  const row = await findDeviceForUpdate(ctx.db, trx, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A register that last reported unsent sales must not lose them by a careless revoke or re-key. */
function guardUnsent(row: DeviceRow, force: boolean): void {
  if (!force && row.unsent_events !== null && row.unsent_events > 0) {
    throw new AppError('DEVICE_HAS_UNSENT_EVENTS', { params: { count: row.unsent_events } });
  }
}

export async function revokeDevice(
  ctx: TenantContext,
  id: string,
  force: boolean,
): Promise<{ device: Pick<Device, 'id' | 'name' | 'status'> }> {
  return ctx.db.knex.transaction(async (trx) => {
    const row = await lockedDevice(ctx, trx, id);
    if (row.status === 'revoked') return { device: brief(row) };
    guardUnsent(row, force);
    await updateDevice(trx, ctx.tenantId, id, {
      status: 'revoked',
      token_version: row.token_version + 1,
      revoked_at: Date.now(),
      token_retired_at: Date.now(),
    });
    await releaseDeviceSeat(trx, ctx.tenantId);
    ctx.logger.info({ tenantId: ctx.tenantId, deviceId: id }, 'device revoked');
    return { device: brief({ ...row, status: 'revoked' }) };
  });
}

/** For a replaced PC: a new single-use key; the old token stops working and the device waits for activation. */
export async function resetDeviceKey(
  ctx: TenantContext,
  id: string,
  force: boolean,
): Promise<{ device: Pick<Device, 'id' | 'name' | 'status'>; deviceKey: string }> {
  return ctx.db.knex.transaction(async (trx) => {
    const row = await lockedDevice(ctx, trx, id);
    if (row.status === 'revoked') throw new AppError('DEVICE_REVOKED');
    guardUnsent(row, force);
    const { key, hash } = makeDeviceKey(id);
    await updateDevice(trx, ctx.tenantId, id, {
      status: 'pending',
      key_hash: hash,
      key_used_at: null,
      token_version: row.token_version + 1,
      token_retired_at: Date.now(),
      activated_at: null,
      unsent_events: null,
      oldest_unsent_at: null,
    });
    ctx.logger.info({ tenantId: ctx.tenantId, deviceId: id }, 'device key reset');
    return { device: brief({ ...row, status: 'pending' }), deviceKey: key };
  });
}

/** The device key is the register's only credential: valid, unused and not revoked, it turns into a token once. */
export async function activateDevice(deps: AppDeps, body: ActivateBody): Promise<ActivateResponse> {
  const deviceId = deviceIdFromKey(body.deviceKey);
  const tenantId = deviceId ? await findDeviceTenant(deps.db.knex, deviceId) : undefined;
  if (!deviceId || !tenantId) throw new AppError('INVALID_DEVICE_KEY');

  const activated = await deps.db.knex.transaction(async (trx) => {
    const row = await findDeviceForUpdate(deps.db, trx, tenantId, deviceId);
    if (!row || !deviceKeyMatches(body.deviceKey, row.key_hash)) throw new AppError('INVALID_DEVICE_KEY');
    if (row.status === 'revoked') throw new AppError('DEVICE_REVOKED');
    if (row.key_used_at !== null) throw new AppError('DEVICE_KEY_USED');
    const now = Date.now();
    await updateDevice(trx, tenantId, deviceId, {
      status: 'active',
      key_used_at: now,
      activated_at: now,
      last_seen_at: now,
      hostname: body.machine?.hostname ?? null,
    });
    return row;
  });

  const [tenant, store] = await Promise.all([
    getTenant(deps.db.knex, tenantId),
    getStore(deps.db.knex, tenantId, activated.store_id),
  ]);
  const deviceToken = await signDeviceToken(deps.config.jwtSecret, {
    sub: deviceId,
    tid: tenantId,
    store: store.id,
    ver: activated.token_version,
  });
  deps.logger.info({ tenantId, deviceId }, 'device activated');
  return {
    deviceToken,
    device: { id: deviceId, name: activated.name, status: 'active' },
    tenant: { id: tenant.id, name: tenant.name },
    store: { id: store.id, name: store.name, currency: tenant.currency },
  };
}

/**
 * Checked on every device request, so a revoked or re-keyed register is refused at once. The token retired by
 * the last revoke or reset-key comes back marked `retiredAt`: `requireDevice` refuses it everywhere but the push.
 */
export async function authenticateDevice(deps: AppDeps, claims: DeviceClaims): Promise<DeviceActor> {
  const row = await findDeviceWithStoreVersion(deps.db.knex, claims.tid, claims.sub);
  if (!row) throw new AppError('INVALID_DEVICE_TOKEN');
  const actor: DeviceActor = {
    kind: 'device',
    deviceId: row.id,
    tenantId: row.tenant_id,
    storeId: row.store_id,
    ...(row.activated_at !== null && { activatedAt: Number(row.activated_at) }),
    storeVersion: Number(row.store_version ?? 0),
  };
  if (claims.ver === row.token_version - 1 && row.token_retired_at != null)
    return {
      ...actor,
      retiredAt: Number(row.token_retired_at),
      retiredBy: row.status === 'revoked' ? 'revoked' : 'reset',
    };
  if (row.status === 'revoked') throw new AppError('DEVICE_REVOKED');
  if (row.token_version !== claims.ver || row.status !== 'active') throw new AppError('INVALID_DEVICE_TOKEN');
  const now = Date.now();
  if (row.last_seen_at === null || now - row.last_seen_at > LAST_SEEN_RESOLUTION_MS) {
    await touchDevice(deps.db.knex, claims.tid, claims.sub, now);
  }
  return actor;
}

/** What a register learns about itself (`pos status`). */
export async function describeDevice(
  deps: AppDeps,
  actor: DeviceActor,
): Promise<
  ActivateResponse['device'] & {
    tenant: { id: string; name: string };
    store: { id: string; name: string; currency: string };
  }
> {
  const [row, tenant, store] = await Promise.all([
    findDevice(deps.db.knex, actor.tenantId, actor.deviceId),
    getTenant(deps.db.knex, actor.tenantId),
    getStore(deps.db.knex, actor.tenantId, actor.storeId),
  ]);
  if (!row) throw new AppError('INVALID_DEVICE_TOKEN');
  return {
    id: row.id,
    name: row.name,
    status: 'active',
    tenant: { id: tenant.id, name: tenant.name },
    store: { id: store.id, name: store.name, currency: tenant.currency },
  };
}

/**
 * The register's report of what its outbox holds when it pushes. Kept as reported (not reduced by this push's
 * results), so the revoke guard errs on the side of "still has unsent sales" until the next report.
 */
export async function recordOutboxReport(
  deps: AppDeps,
  actor: DeviceActor,
  outbox: { pending: number; oldestAt: string | null },
): Promise<void> {
  await updateDevice(deps.db.knex, actor.tenantId, actor.deviceId, {
    unsent_events: outbox.pending,
    oldest_unsent_at: outbox.oldestAt === null ? null : Date.parse(outbox.oldestAt),
  });
}

/** How far the register's clock was off at its last push (server − register, ms), for the owner's list. */
export async function recordClockOffset(knex: Knex, actor: DeviceActor, offsetMs: number): Promise<void> {
  await updateDevice(knex, actor.tenantId, actor.deviceId, { clock_offset_ms: offsetMs });
}
