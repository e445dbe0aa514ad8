import type { Knex } from 'knex';
import { PROTOCOL_VERSION, type Change, type PullResponse } from '../../common/protocol/sync.js';
import { DEFAULT_MIN_REGISTER_VERSION } from '../../common/version.js';
import { productsForPull } from '../catalog/service.js';
import type { AppDeps, DeviceActor } from '../context.js';
import { snapshotTransaction } from '../db/dialect.js';
import { storeSettings } from '../settings/service.js';
import { stockForPull } from '../stock/service.js';
import { cashiersForPull } from '../users/people.js';
import {
  changesBetween,
  changesOfVersion,
  currentStoreVersion,
  type StoreChangeRow,
} from '../changes/service.js';

/** Turns change-log rows into the protocol's changes, reading current state in the caller's snapshot. */
async function materialize(trx: Knex, device: DeviceActor, rows: StoreChangeRow[]): Promise<Change[]> {
  const idsOf = (entity: StoreChangeRow['entity']) =>
    rows.filter((r) => r.entity === entity).map((r) => r.entity_id);
  const [products, levels, cashiers] = await Promise.all([
    productsForPull(trx, device.tenantId, idsOf('product')),
    stockForPull(trx, device.tenantId, device.storeId, idsOf('stock')),
    cashiersForPull(trx, device.tenantId, idsOf('cashier')),
  ]);
  const settings = rows.some((r) => r.entity === 'settings')
    ? await storeSettings(trx, device.tenantId, device.storeId)
    : null;
  const changes: Change[] = [];
  let settingsSent = false;
  for (const row of rows) {
    const { entity_id: id, version } = row;
    switch (row.entity) {
      case 'product': {
        // A deactivated product leaves the registers: a tombstone (it stays on the server for past sales).
        const data = products.get(id);
        changes.push(
          data && data.active
            ? { entity: 'product', op: 'upsert', id, data, version }
            : { entity: 'product', op: 'delete', id, data: null, version },
        );
        break;
      }
      case 'stock':
        changes.push({ entity: 'stock', op: 'upsert', id, data: { level: levels.get(id) ?? 0 }, version });
        break;
      case 'cashier': {
        const data = cashiers.get(id);
        changes.push(
          data
            ? { entity: 'cashier', op: 'upsert', id, data, version }
            : { entity: 'cashier', op: 'delete', id, data: null, version },
        );
        break;
      }
      case 'settings':
        // Settings are the pulling store's, whichever store's change marked them.
        if (!settingsSent)
          changes.push({ entity: 'settings', op: 'upsert', id: device.storeId, data: settings, version });
        settingsSent = true;
        break;
    }
  }
  return changes;
}

/**
 * Changes after `cursor` for the device's store. The page and the version it is complete up to are read in one
 * snapshot; a page holds whole versions only (a version's changes committed together), so the returned cursor is
 * exact. A single version larger than `limit` is sent whole.
 */
export async function pullChanges(
  deps: AppDeps,
  device: DeviceActor,
  query: { cursor?: string; limit: number },
): Promise<PullResponse> {
  const after = query.cursor ? Number(query.cursor) : 0;
  const contract = {
    protocolVersion: PROTOCOL_VERSION,
    minRegisterVersion: deps.config.minRegisterVersion ?? DEFAULT_MIN_REGISTER_VERSION,
    serverTime: new Date().toISOString(),
  };
  // An up-to-date register (most rounds) is answered from the version read with its device row: no
  // transaction, no further query. That version was committed, so "complete up to it" holds.
  if (device.storeVersion !== undefined && after >= device.storeVersion) {
    return { changes: [], cursor: String(device.storeVersion), hasMore: false, ...contract };
  }
  return snapshotTransaction(deps.db, async (trx) => {
    const upTo = await currentStoreVersion(trx, device.tenantId, device.storeId);
    if (after >= upTo) return { changes: [], cursor: String(upTo), hasMore: false, ...contract };
    const rows = await changesBetween(trx, device.tenantId, device.storeId, after, upTo, query.limit + 1);
    let page = rows;
    let cursor = upTo;
    if (rows.length > query.limit) {
      const boundary = rows[query.limit]!.version;
      page = rows.slice(0, query.limit).filter((r) => r.version < boundary);
      if (page.length === 0) page = await changesOfVersion(trx, device.tenantId, device.storeId, boundary);
      cursor = page[page.length - 1]!.version;
    }
    return {
      changes: await materialize(trx, device, page),
      cursor: String(cursor),
      hasMore: cursor < upTo,
      ...contract,
    };
  });
}
