import type { Knex } from 'knex';

export interface TenantRow {
  id: string;
  name: string;
  max_devices: number;
  devices_used: number;
  currency: string;
  /** Basis points; products without their own rate take it. */
  default_vat_rate: number;
  created_at: number;
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

export async function listTenants(knex: Knex): Promise<TenantRow[]> {
  return knex<TenantRow>('tenants').select('*').orderBy('created_at', 'asc').orderBy('id', 'asc');
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
