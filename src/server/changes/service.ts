import type { Knex } from 'knex';
import {
  bumpStoreVersion,
  changesAfter,
  changesAtVersion,
  readStoreVersion,
  insertStoreVersion,
  storeIdsOfTenant,
  upsertChanges,
  type ChangeEntity,
  type StoreChangeRow,
} from './queries.js';

export type { ChangeEntity, StoreChangeRow };

export interface ChangeRef {
  entity: ChangeEntity;
  id: string;
}

/**
 * The store change log: every feature that changes what registers pull calls `recordChanges` in its writing
 * transaction; sync's pull reads the log back. A leaf module, so features never import sync.
 */

/** A new store starts its pull stream with its settings, so a fresh register receives them on its first pull. */
export async function initStoreSync(trx: Knex, tenantId: string, storeId: string): Promise<void> {
  await insertStoreVersion(trx, tenantId, storeId, 1);
  await upsertChanges(trx, [
    { tenant_id: tenantId, store_id: storeId, entity: 'settings', entity_id: storeId, version: 1 },
  ]);
}

/**
 * Makes changed entities part of the pull stream. Call it as the LAST step of the writing transaction: it bumps
 * the store version (row lock held until commit, so versions commit in order) and marks each entity with it.
 * `storeIds` null = every store of the tenant (products and cashiers are tenant-wide). Returns version per store.
 */
export async function recordChanges(
  trx: Knex,
  tenantId: string,
  storeIds: string[] | null,
  changes: readonly ChangeRef[],
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  if (changes.length === 0) return versions;
  // Sorted, so two transactions touching several stores lock their version rows in the same order.
  const stores = [...(storeIds ?? (await storeIdsOfTenant(trx, tenantId)))].sort();
  const unique = new Map(changes.map((c) => [`${c.entity}:${c.id}`, c]));
  for (const storeId of stores) {
    const version = await bumpStoreVersion(trx, tenantId, storeId);
    versions.set(storeId, version);
    const rows: StoreChangeRow[] = [...unique.values()].map((c) => ({
      tenant_id: tenantId,
      store_id: storeId,
      entity: c.entity,
      entity_id: c.id,
      version,
    }));
    await upsertChanges(trx, rows);
  }
  return versions;
}

/** The store's current change version (0 before its first change). */
export function currentStoreVersion(trx: Knex, tenantId: string, storeId: string): Promise<number> {
  return readStoreVersion(trx, tenantId, storeId);
}

/** Log rows in (after, upTo], in version order, at most `limit`. */
export function changesBetween(
  trx: Knex,
  tenantId: string,
  storeId: string,
  after: number,
  upTo: number,
  limit: number,
): Promise<StoreChangeRow[]> {
  return changesAfter(trx, tenantId, storeId, after, upTo, limit);
}

/** Every log row of one version (a page never splits a version). */
export function changesOfVersion(
  trx: Knex,
  tenantId: string,
  storeId: string,
  version: number,
): Promise<StoreChangeRow[]> {
  return changesAtVersion(trx, tenantId, storeId, version);
}
