import type { Knex } from 'knex';
import type { DeviceStatus } from '../../common/protocol/devices.js';
import type { Db } from '../db/connection.js';
import { lockingRead } from '../db/dialect.js';

export interface DeviceRow {
  tenant_id: string;
  id: string;
  store_id: string;
  name: string;
  status: DeviceStatus;
  key_hash: string | null;
  key_used_at: number | null;
  token_version: number;
  hostname: string | null;
  activated_at: number | null;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** When the previous token (version token_version − 1) stopped working: revoke or reset-key. */
  token_retired_at?: number | null;
  unsent_events: number | null;
  oldest_unsent_at: number | null;
  clock_offset_ms?: number | null;
  /** Optional in the row type: rows written before the migration that added them have none. */
  status_report?: string | null;
  status_reported_at?: number | null;
  fiscal_module_id?: string | null;
  created_at: number;
}

export async function insertDevice(trx: Knex, row: DeviceRow): Promise<void> {
  await trx('devices').insert(row);
  await trx('device_lookup').insert({ device_id: row.id, tenant_id: row.tenant_id });
}

export async function findDevice(knex: Knex, tenantId: string, id: string): Promise<DeviceRow | undefined> {
  return knex<DeviceRow>('devices').where({ tenant_id: tenantId, id }).first();
}

/** What checking a register's token needs of its device row. */
export type DeviceAuthRow = Pick<
  DeviceRow,
  | 'tenant_id'
  | 'id'
  | 'store_id'
  | 'status'
  | 'token_version'
  | 'token_retired_at'
  | 'activated_at'
  | 'last_seen_at'
> & { store_version: number | string | null };

/**
 * The device's token fields and its store's change version in one primary-key read: every request of a register
 * needs the first, and an idle pull needs only the second, so a register that polls costs one round trip. Only the
 * columns the check reads: the status report and key hash are the row's bulk and are read thousands of times a
 * second by idle registers.
 */
export async function findDeviceWithStoreVersion(
  knex: Knex,
  tenantId: string,
  id: string,
): Promise<DeviceAuthRow | undefined> {
  return knex('devices as d')
    .leftJoin('store_versions as v', function () {
      this.on('v.tenant_id', '=', 'd.tenant_id').andOn('v.store_id', '=', 'd.store_id');
    })
    .where({ 'd.tenant_id': tenantId, 'd.id': id })
    .first(
      'd.tenant_id',
      'd.id',
      'd.store_id',
      'd.status',
      'd.token_version',
      'd.token_retired_at',
      'd.activated_at',
      'd.last_seen_at',
      'v.version as store_version',
    );
}

/** Reads the device for a change that depends on what it holds now (locks the row on MySQL). */
export async function findDeviceForUpdate(
  db: Db,
  trx: Knex,
  tenantId: string,
  id: string,
): Promise<DeviceRow | undefined> {
  return lockingRead(db, trx<DeviceRow>('devices').where({ tenant_id: tenantId, id })).first();
}

export async function listDevices(knex: Knex, tenantId: string): Promise<DeviceRow[]> {
  return knex<DeviceRow>('devices').where({ tenant_id: tenantId }).orderBy('name', 'asc');
}

export async function deviceNamesInStore(
  db: Db,
  trx: Knex,
  tenantId: string,
  storeId: string,
): Promise<string[]> {
  const rows: Array<Pick<DeviceRow, 'name'>> = await lockingRead(
    db,
    trx<DeviceRow>('devices').where({ tenant_id: tenantId, store_id: storeId }).select('name'),
  );
  return rows.map((row) => row.name);
}

export async function updateDevice(
  trx: Knex,
  tenantId: string,
  id: string,
  changes: Partial<Omit<DeviceRow, 'tenant_id' | 'id'>>,
): Promise<void> {
  await trx('devices').where({ tenant_id: tenantId, id }).update(changes);
}

export async function touchDevice(knex: Knex, tenantId: string, id: string, at: number): Promise<void> {
  await knex('devices').where({ tenant_id: tenantId, id }).update({ last_seen_at: at });
}

export async function findDeviceTenant(knex: Knex, deviceId: string): Promise<string | undefined> {
  const row = await knex<{ device_id: string; tenant_id: string }>('device_lookup')
    .where({ device_id: deviceId })
    .first();
  return row?.tenant_id;
}

/**
 * The licence guard: one conditional UPDATE takes a seat only while one is free. The row lock it takes is held
 * until commit, so concurrent requests queue on it and can never overshoot (no read-then-write race).
 */
export async function takeDeviceSeat(trx: Knex, tenantId: string): Promise<boolean> {
  const changed = await trx('tenants')
    .where({ id: tenantId })
    .andWhere('devices_used', '<', trx.ref('max_devices'))
    .increment('devices_used', 1);
  return changed === 1;
}

export async function releaseDeviceSeat(trx: Knex, tenantId: string): Promise<void> {
  await trx('tenants').where({ id: tenantId }).andWhere('devices_used', '>', 0).decrement('devices_used', 1);
}

export interface LimitHitRow {
  tenant_id: string;
  id: string;
  at: number;
  user_id: string;
  max_devices: number;
}

/** One refused register add: the row for who and when, and the tenant's counters for the seller's sorted list. */
export async function insertLimitHit(trx: Knex, row: LimitHitRow): Promise<void> {
  await trx('device_limit_hits').insert(row);
  await trx('tenants')
    .where({ id: row.tenant_id })
    .update({ limit_hits: trx.raw('limit_hits + 1'), last_limit_hit_at: row.at });
}

/** Keeps a register's status report unless a newer one (by the register's clock) is already there. */
export async function saveStatusReport(
  trx: Knex,
  tenantId: string,
  id: string,
  report: { json: string; at: number; fiscalModuleId: string | null },
): Promise<void> {
  await trx('devices')
    .where({ tenant_id: tenantId, id })
    .andWhere((q) => q.whereNull('status_reported_at').orWhere('status_reported_at', '<=', report.at))
    .update({
      status_report: report.json,
      status_reported_at: report.at,
      fiscal_module_id: report.fiscalModuleId,
    });
}
