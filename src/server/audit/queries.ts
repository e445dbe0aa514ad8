import type { Knex } from 'knex';
import { insertRows } from '../db/dialect.js';

export interface AuditEventRow {
  tenant_id: string;
  id: string;
  store_id: string;
  device_id: string;
  kind: string;
  shift_id: string | null;
  cashier_id: string | null;
  approved_by: string | null;
  sale_id: string | null;
  amount: number | null;
  reason: string | null;
  /** JSON of the event's `detail`. */
  detail: string;
  occurred_at: number;
  received_at: number;
}

export async function insertAuditEvents(trx: Knex, rows: readonly AuditEventRow[]): Promise<void> {
  await insertRows(trx, 'audit_events', rows);
}
