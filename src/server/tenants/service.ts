import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type {
  LicenceHistoryResponse,
  Tenant,
  TenantListQuery,
  TenantListResponse,
  maxDevicesBody,
  tenantListQuery,
} from '../../common/protocol/tenants.js';
import type { z } from 'zod';
import type { AppDeps, UserActor } from '../context.js';
import { findUserById } from '../users/service.js';
import { toIso } from '../../common/time.js';
import {
  allTenantIds,
  findStore,
  findTenant,
  findTenantForUpdate,
  firstStore,
  insertLicenceEntry,
  insertStore,
  insertTenant,
  listLicenceEntries,
  listTenantPage,
  ownerEmailsOf,
  updateDefaultVatRate,
  updateMaxDevices,
  type StoreRow,
  type TenantRow,
  storeIdsOfTenant,
} from './queries.js';

export type { StoreRow, TenantRow };

function encodeCursor(row: TenantRow, sort: TenantListQuery['sort']): string {
  const at = sort === 'limitHits' ? (row.last_limit_hit_at ?? 0) : row.created_at;
  return Buffer.from(JSON.stringify([row.limit_hits ?? 0, at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { hits: number; at: number; id: string } {
  try {
    const [hits, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(hits) && Number.isSafeInteger(at) && typeof id === 'string')
      return { hits: hits as number, at: at as number, id };
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', {
    params: { field: 'cursor', reason: 'not a cursor from this API' },
  });
}

/** The platform owner's list: search, pages, and the shops that asked for more registers first on request. */
export async function listAllTenants(
  deps: AppDeps,
  query: z.output<typeof tenantListQuery>,
): Promise<TenantListResponse> {
  const rows = await listTenantPage(deps.db.knex, {
    search: query.search || undefined,
    sort: query.sort,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const owners = await ownerEmailsOf(
    deps.db.knex,
    page.map((row) => row.id),
  );
  return {
    tenants: page.map((row) => ({
      id: row.id,
      name: row.name,
      maxDevices: row.max_devices,
      devicesUsed: row.devices_used,
      used: row.devices_used,
      ownerEmail: owners.get(row.id) ?? null,
      limitHits: row.limit_hits ?? 0,
      lastLimitHitAt: toIso(row.last_limit_hit_at ?? null),
      createdAt: toIso(row.created_at)!,
    })),
    cursor: hasMore ? encodeCursor(page[page.length - 1]!, query.sort) : null,
    hasMore,
  };
}

/** The seller changes a licence; every change is kept with who made it, from → to and the note (payment ref). */
export async function setMaxDevices(
  deps: AppDeps,
  actor: UserActor,
  tenantId: string,
  body: z.output<typeof maxDevicesBody>,
): Promise<{ tenant: Tenant }> {
  const by = (await findUserById(deps.db.knex, actor.tenantId, actor.userId))?.user.email ?? actor.userId;
  return deps.db.knex.transaction(async (trx) => {
    const before = await findTenantForUpdate(deps.db, trx, tenantId);
    if (!before) throw new AppError('NOT_FOUND');
    const updated = await updateMaxDevices(trx, tenantId, body.maxDevices);
    if (!updated) throw new AppError('MAX_DEVICES_BELOW_USED', { params: { used: before.devices_used } });
    if (before.max_devices !== body.maxDevices || body.note !== undefined)
      await insertLicenceEntry(trx, {
        tenant_id: tenantId,
        id: newId(),
        at: Date.now(),
        by_email: by,
        from_max: before.max_devices,
        to_max: body.maxDevices,
        note: body.note ?? null,
      });
    deps.logger.info(
      { tenantId, from: before.max_devices, maxDevices: body.maxDevices },
      'max devices changed',
    );
    return { tenant: { id: before.id, name: before.name, maxDevices: body.maxDevices } };
  });
}

export async function licenceHistory(deps: AppDeps, tenantId: string): Promise<LicenceHistoryResponse> {
  await getTenant(deps.db.knex, tenantId);
  const rows = await listLicenceEntries(deps.db.knex, tenantId);
  return {
    entries: rows.map((row) => ({
      at: toIso(row.at)!,
      by: row.by_email,
      from: row.from_max,
      to: row.to_max,
      note: row.note,
    })),
  };
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

/**
 * A tenant's stores are made with the tenant, in its transaction, and are never moved or removed, so each process
 * remembers them instead of asking on every report; any process reads the same ids. At most this many tenants.
 */
const REMEMBERED_TENANTS = 10_000;
const rememberedStoreIds = new Map<string, string[]>();

/** The tenant's store ids: reports name them so every range read uses the `(tenant, store, time)` indexes. */
export async function tenantStoreIds(knex: Knex, tenantId: string): Promise<string[]> {
  const known = rememberedStoreIds.get(tenantId);
  if (known) return known;
  const ids = await storeIdsOfTenant(knex, tenantId);
  // An unknown tenant has none yet: not remembered, so its first store is seen once it exists.
  if (ids.length > 0) {
    if (rememberedStoreIds.size >= REMEMBERED_TENANTS)
      rememberedStoreIds.delete(rememberedStoreIds.keys().next().value!);
    rememberedStoreIds.set(tenantId, ids);
  }
  return ids;
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
