import type { Knex } from 'knex';
import { insertRows } from '../db/dialect.js';

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

/**
 * Empties the JSON of up to `limit` applied events of a tenant received in [from, before). The row stays: its id is
 * what answers `duplicate` to a register that sends the event again years later. Rejected events keep theirs.
 */
export async function dropAppliedPayloads(
  knex: Knex,
  tenantId: string,
  from: number,
  before: number,
  limit: number,
): Promise<number> {
  const ids: string[] = await knex('sync_events')
    .where({ tenant_id: tenantId, status: 'applied' })
    .andWhere('received_at', '>=', from)
    .andWhere('received_at', '<', before)
    .andWhereNot('data', '')
    .limit(limit)
    .pluck('id');
  if (ids.length === 0) return 0;
  await knex('sync_events').where({ tenant_id: tenantId }).whereIn('id', ids).update({ data: '' });
  return ids.length;
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
