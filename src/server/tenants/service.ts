import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import type { TenantListResponse, Tenant } from '../../common/protocol/tenants.js';
import type { AppDeps } from '../context.js';
import { toIso } from '../../common/time.js';
import {
  allTenantIds,
  findStore,
  findTenant,
  firstStore,
  insertStore,
  insertTenant,
  listTenants,
  updateDefaultVatRate,
  updateMaxDevices,
  type StoreRow,
  type TenantRow,
  storeIdsOfTenant,
} from './queries.js';

export type { StoreRow, TenantRow };

export async function listAllTenants(deps: AppDeps): Promise<TenantListResponse> {
  const rows = await listTenants(deps.db.knex);
  return {
    tenants: rows.map((row) => ({
      id: row.id,
      name: row.name,
      maxDevices: row.max_devices,
      used: row.devices_used,
      createdAt: toIso(row.created_at)!,
    })),
  };
}

export async function setMaxDevices(
  deps: AppDeps,
  tenantId: string,
  maxDevices: number,
): Promise<{ tenant: Tenant }> {
  return deps.db.knex.transaction(async (trx) => {
    const updated = await updateMaxDevices(trx, tenantId, maxDevices);
    const row = await findTenant(trx, tenantId);
    if (!row) throw new AppError('NOT_FOUND');
    if (!updated) throw new AppError('MAX_DEVICES_BELOW_USED', { params: { used: row.devices_used } });
    deps.logger.info({ tenantId, maxDevices }, 'max devices changed');
    return { tenant: { id: row.id, name: row.name, maxDevices: row.max_devices } };
  });
}

export async function getTenant(knex: Knex, tenantId: string): Promise<TenantRow> {
  const row = await findTenant(knex, tenantId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getStore(knex: Knex, tenantId: string, storeId: string): Promise<StoreRow> {
  const row = await findStore(knex, tenantId, storeId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Until stores get their own screens, an owner's new register joins the tenant's first store. */
export async function defaultStore(knex: Knex, tenantId: string): Promise<StoreRow> {
  const row = await firstStore(knex, tenantId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The tenant's store ids: reports name them so every range read uses the `(tenant, store, time)` indexes. */
export function tenantStoreIds(knex: Knex, tenantId: string): Promise<string[]> {
  return storeIdsOfTenant(knex, tenantId);
}

/** For platform-wide upkeep that works tenant by tenant (every tenant table's key starts with tenant_id). */
export function allTenants(knex: Knex): Promise<string[]> {
  return allTenantIds(knex);
}

export async function setDefaultVatRate(trx: Knex, tenantId: string, rate: number): Promise<void> {
  await updateDefaultVatRate(trx, tenantId, rate);
}

/** A sold licence's tenant and its first store, inside the caller's transaction. */
export async function createTenantWithStore(trx: Knex, tenant: TenantRow, store: StoreRow): Promise<void> {
  await insertTenant(trx, tenant);
  await insertStore(trx, store);
}
