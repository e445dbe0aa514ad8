import type { Knex } from 'knex';
import type { Db } from '../db/connection.js';
import { lockingRead } from '../db/dialect.js';

export interface TenantRow {
  id: string;
  name: string;
  max_devices: number;
  devices_used: number;
  currency: string;
  /** Basis points; products without their own rate take it. */
  default_vat_rate: number;
  created_at: number;
  /** Refused register adds (402) so far, and the last one's time. */
  limit_hits?: number;
  last_limit_hit_at?: number | null;
}

export interface StoreRow {
  tenant_id: string;
  id: string;
  name: string;
  created_at: number;
}

export async function insertTenant(trx: Knex, row: TenantRow): Promise<void> {
  await trx('tenants').insert(row);
}

export async function findTenant(knex: Knex, id: string): Promise<TenantRow | undefined> {
  return knex<TenantRow>('tenants').where({ id }).first();
}

export interface TenantPageQuery {
  /** Part of the tenant's name or of one of its people's login email; or the tenant id exactly. */
  search?: string;
  sort: 'created' | 'limitHits';
  /** Keyset position: the sort values of the last row of the previous page. */
  after?: { hits: number; at: number; id: string };
  limit: number;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

const LAST_HIT = 'COALESCE(last_limit_hit_at, 0)';

/**
 * A page of tenants in keyset order: by creation, or by limit hits (most first, then the latest hit first).
 * Platform-wide by nature (the platform owner's list), so it reads the global tables only: tenants and login_emails.
 */
export async function listTenantPage(knex: Knex, q: TenantPageQuery): Promise<TenantRow[]> {
  const query = knex<TenantRow>('tenants').select('*');
  if (q.search) {
    const like = `%${escapeLike(q.search.toLowerCase())}%`;
    query.where((w) => {
      w.whereRaw("LOWER(name) LIKE ? ESCAPE '!'", [like])
        .orWhere('id', q.search!)
        .orWhereIn(
          'id',
          knex('login_emails').select('tenant_id').whereRaw("email LIKE ? ESCAPE '!'", [like]),
        );
    });
  }
  const after = q.after;
  if (q.sort === 'limitHits') {
    if (after)
      query.andWhere((w) => {
        w.where('limit_hits', '<', after.hits)
          .orWhere((e) => e.where('limit_hits', after.hits).andWhereRaw(`${LAST_HIT} < ?`, [after.at]))
          .orWhere((e) =>
            e
              .where('limit_hits', after.hits)
              .andWhereRaw(`${LAST_HIT} = ?`, [after.at])
              .andWhere('id', '>', after.id),
          );
      });
    query.orderBy('limit_hits', 'desc').orderByRaw(`${LAST_HIT} DESC`).orderBy('id', 'asc');
  } else {
    if (after)
      query.andWhere((w) => {
        w.where('created_at', '>', after.at).orWhere((e) =>
          e.where('created_at', after.at).andWhere('id', '>', after.id),
        );
      });
    query.orderBy('created_at', 'asc').orderBy('id', 'asc');
  }
  const rows = await query.limit(q.limit);
  return rows.map((row) => ({
    ...row,
    created_at: Number(row.created_at),
    limit_hits: Number(row.limit_hits ?? 0),
    last_limit_hit_at: row.last_limit_hit_at == null ? null : Number(row.last_limit_hit_at),
  }));
}

/** The first owner's login email of each tenant (the person the seller calls). */
export async function ownerEmailsOf(knex: Knex, tenantIds: readonly string[]): Promise<Map<string, string>> {
  if (tenantIds.length === 0) return new Map();
  const rows: Array<{ tenant_id: string; email: string | null }> = await knex('users')
    .whereIn('tenant_id', [...tenantIds])
    .andWhere('role', 'owner')
    .whereNotNull('email')
    .orderBy('created_at', 'desc')
    .select('tenant_id', 'email');
  // Oldest last, so it wins: the owner bootstrap made.
  return new Map(rows.map((row) => [row.tenant_id, row.email!]));
}

export async function findTenantForUpdate(db: Db, trx: Knex, id: string): Promise<TenantRow | undefined> {
  return lockingRead(db, trx<TenantRow>('tenants').where({ id })).first();
}

export interface LicenceHistoryRow {
  tenant_id: string;
  id: string;
  at: number;
  by_email: string;
  from_max: number;
  to_max: number;
  note: string | null;
}

export async function insertLicenceEntry(trx: Knex, row: LicenceHistoryRow): Promise<void> {
  await trx('licence_history').insert(row);
}

export async function listLicenceEntries(knex: Knex, tenantId: string): Promise<LicenceHistoryRow[]> {
  const rows = await knex<LicenceHistoryRow>('licence_history')
    .where({ tenant_id: tenantId })
    .orderBy('at', 'desc')
    .orderBy('id', 'desc');
  return rows.map((row) => ({ ...row, at: Number(row.at) }));
}

/** Lowers or raises the licence in one statement that refuses to go below the seats in use. */
export async function allTenantIds(knex: Knex): Promise<string[]> {
  const rows: Array<{ id: string }> = await knex('tenants').orderBy('id').select('id');
  return rows.map((row) => row.id);
}

export async function updateMaxDevices(trx: Knex, tenantId: string, maxDevices: number): Promise<boolean> {
  const changed = await trx('tenants')
    .where({ id: tenantId })
    .andWhere('devices_used', '<=', maxDevices)
    .update({ max_devices: maxDevices });
  return changed === 1;
}

export async function insertStore(trx: Knex, row: StoreRow): Promise<void> {
  await trx('stores').insert(row);
}

export async function findStore(knex: Knex, tenantId: string, id: string): Promise<StoreRow | undefined> {
  return knex<StoreRow>('stores').where({ tenant_id: tenantId, id }).first();
}

export async function firstStore(knex: Knex, tenantId: string): Promise<StoreRow | undefined> {
  return knex<StoreRow>('stores').where({ tenant_id: tenantId }).orderBy('created_at', 'asc').first();
}

export async function storeIdsOfTenant(knex: Knex, tenantId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await knex('stores')
    .where({ tenant_id: tenantId })
    .orderBy('id')
    .select('id');
  return rows.map((row) => row.id);
}

export async function updateDefaultVatRate(trx: Knex, tenantId: string, rate: number): Promise<void> {
  await trx('tenants').where({ id: tenantId }).update({ default_vat_rate: rate });
}
