import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type { BootstrapResponse, TenantListResponse, Tenant } from '../../common/protocol/tenants.js';
import type { bootstrapBody } from '../../common/protocol/tenants.js';
import type { z } from 'zod';
import { hashSecret } from '../../common/secret-hash.js';
import type { AppDeps } from '../context.js';
import { toIso } from '../../common/time.js';
import { createDeviceInTransaction } from '../devices/service.js';
import { initStoreSync } from '../sync/service.js';
import { createLoginUser } from '../users/service.js';
import {
  findStore,
  findTenant,
  firstStore,
  insertStore,
  insertTenant,
  listTenants,
  releaseDeviceSeat,
  takeDeviceSeat,
  updateDefaultVatRate,
  updateMaxDevices,
  type StoreRow,
  type TenantRow,
} from './queries.js';

export type { StoreRow, TenantRow };

/** The platform owner sells a licence: tenant, its first store, the owner's login and POS-01, all or nothing. */
export async function bootstrapTenant(
  deps: AppDeps,
  body: z.output<typeof bootstrapBody>,
): Promise<BootstrapResponse> {
  const passwordHash = await hashSecret(body.ownerPassword, deps.config.passwordHashCost);
  const now = Date.now();
  const tenant: TenantRow = {
    id: newId(),
    name: body.tenantName,
    max_devices: body.maxDevices,
    devices_used: 0,
    currency: body.currency,
    default_vat_rate: 1200,
    created_at: now,
  };
  const store: StoreRow = { tenant_id: tenant.id, id: newId(), name: body.storeName, created_at: now };
  const result = await deps.db.knex.transaction(async (trx) => {
    await insertTenant(trx, tenant);
    await insertStore(trx, store);
    await initStoreSync(trx, tenant.id, store.id);
    const owner = await createLoginUser(trx, {
      tenantId: tenant.id,
      role: 'owner',
      name: body.ownerEmail,
      email: body.ownerEmail,
      passwordHash,
    });
    const created = await createDeviceInTransaction(deps, trx, { tenantId: tenant.id, storeId: store.id });
    return { owner, created };
  });
  deps.logger.info({ tenantId: tenant.id, storeId: store.id }, 'tenant bootstrapped');
  return {
    tenant: { id: tenant.id, name: tenant.name, maxDevices: tenant.max_devices },
    store: { id: store.id, name: store.name },
    owner: { id: result.owner.id, email: result.owner.email, role: 'owner' },
    device: result.created.device,
    deviceKey: result.created.deviceKey,
  };
}

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

export async function setDefaultVatRate(trx: Knex, tenantId: string, rate: number): Promise<void> {
  await updateDefaultVatRate(trx, tenantId, rate);
}

export { takeDeviceSeat, releaseDeviceSeat };
