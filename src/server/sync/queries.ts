import type { Knex } from 'knex';
import { insertIgnore, insertRows, upsertRows } from '../db/dialect.js';

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

export interface SyncEventRow {
  tenant_id: string;
  id: string;
  store_id: string;
  device_id: string;
  type: string;
  status: 'applied' | 'rejected';
  error: string | null;
  /** The event as received, JSON. */
  data: string;
  occurred_at: number | null;
  received_at: number;
  version: number | null;
  review: string | null;
}

/** The primary key (tenant_id, id) is the exactly-once guard: a second insert of an event id fails. */
export async function insertSyncEvents(trx: Knex, rows: readonly SyncEventRow[]): Promise<void> {
  await insertRows(trx, 'sync_events', rows);
}

export async function findSyncEvents(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<Array<Pick<SyncEventRow, 'id' | 'status' | 'error' | 'version'>>> {
  if (ids.length === 0) return [];
  const rows: Array<Pick<SyncEventRow, 'id' | 'status' | 'error' | 'version'>> = await knex('sync_events')
    .where({ tenant_id: tenantId })
    .whereIn('id', [...ids])
    .select('id', 'status', 'error', 'version');
  return rows.map((r) => ({ ...r, version: r.version === null ? null : Number(r.version) }));
}

export async function listRejectedEvents(
  knex: Knex,
  tenantId: string,
  limit: number,
): Promise<SyncEventRow[]> {
  const rows: SyncEventRow[] = await knex<SyncEventRow>('sync_events')
    .where({ tenant_id: tenantId, status: 'rejected' })
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  return rows;
}

/** Accepted events flagged for the owner's review, newest first. */
export async function listFlaggedEvents(
  knex: Knex,
  tenantId: string,
  limit: number,
): Promise<SyncEventRow[]> {
  const rows: SyncEventRow[] = await knex<SyncEventRow>('sync_events')
    .where({ tenant_id: tenantId, status: 'applied' })
    .whereNotNull('review')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  return rows;
}
