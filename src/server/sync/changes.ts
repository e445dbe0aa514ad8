import type { Knex } from 'knex';
import {
  bumpStoreVersion,
  insertStoreVersion,
  storeIdsOfTenant,
  upsertChanges,
  type ChangeEntity,
  type StoreChangeRow,
} from './queries.js';

export type { ChangeEntity };

export interface ChangeRef {
  entity: ChangeEntity;
  id: string;
}

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
