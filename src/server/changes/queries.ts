import type { Knex } from 'knex';
import { insertIgnore, upsertRows } from '../db/dialect.js';

export type ChangeEntity = 'product' | 'stock' | 'cashier' | 'settings';

export interface StoreChangeRow {
  tenant_id: string;
  store_id: string;
  entity: ChangeEntity;
  entity_id: string;
  version: number;
}

export async function insertStoreVersion(trx: Knex, tenantId: string, storeId: string, version: number) {
  await insertIgnore(
    trx,
    'store_versions',
    [{ tenant_id: tenantId, store_id: storeId, version }],
    ['tenant_id', 'store_id'],
  );
}

export async function storeIdsOfTenant(trx: Knex, tenantId: string): Promise<string[]> {
  const rows: Array<{ store_id: string }> = await trx('store_versions')
    .where({ tenant_id: tenantId })
    .orderBy('store_id', 'asc')
    .select('store_id');
  return rows.map((row) => row.store_id);
}

/**
 * The bump: an UPDATE whose row lock is held until commit, so a later writer waits and its version can only
 * become visible after ours. Returns the new version (read under our own lock).
 */
export async function bumpStoreVersion(trx: Knex, tenantId: string, storeId: string): Promise<number> {
  const where = { tenant_id: tenantId, store_id: storeId };
  const changed = await trx('store_versions').where(where).increment('version', 1);
  if (changed !== 1) {
    // A store made without initStoreSync (by an older code path): give it its row on first use.
    await insertIgnore(trx, 'store_versions', [{ ...where, version: 0 }], ['tenant_id', 'store_id']);
    await trx('store_versions').where(where).increment('version', 1);
  }
  const row: { version: number | string } = await trx('store_versions').where(where).first('version');
  return Number(row.version);
}

export async function readStoreVersion(trx: Knex, tenantId: string, storeId: string): Promise<number> {
  const row: { version: number | string } | undefined = await trx('store_versions')
    .where({ tenant_id: tenantId, store_id: storeId })
    .first('version');
  return row ? Number(row.version) : 0;
}

export async function upsertChanges(trx: Knex, rows: StoreChangeRow[]): Promise<void> {
  await upsertRows(trx, 'store_changes', rows, ['tenant_id', 'store_id', 'entity', 'entity_id'], ['version']);
}

/** Changes in (after, upTo], in version order; `limit` rows at most. */
export async function changesAfter(
  trx: Knex,
  tenantId: string,
  storeId: string,
  after: number,
  upTo: number,
  limit: number,
): Promise<StoreChangeRow[]> {
  const rows: StoreChangeRow[] = await trx<StoreChangeRow>('store_changes')
    .where({ tenant_id: tenantId, store_id: storeId })
    .andWhere('version', '>', after)
    .andWhere('version', '<=', upTo)
    .orderBy([
      { column: 'version', order: 'asc' },
      { column: 'entity', order: 'asc' },
      { column: 'entity_id', order: 'asc' },
    ])
    .limit(limit);
  return rows.map((row) => ({ ...row, version: Number(row.version) }));
}

export async function changesAtVersion(
  trx: Knex,
  tenantId: string,
  storeId: string,
  version: number,
): Promise<StoreChangeRow[]> {
  const rows: StoreChangeRow[] = await trx<StoreChangeRow>('store_changes')
    .where({ tenant_id: tenantId, store_id: storeId, version })
    .orderBy([
      { column: 'entity', order: 'asc' },
      { column: 'entity_id', order: 'asc' },
    ]);
  return rows.map((row) => ({ ...row, version: Number(row.version) }));
}
