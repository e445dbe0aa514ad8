import type { Knex } from 'knex';
import type { SyncEvent } from '../../common/protocol/sync.js';
import type { EventOrigin } from '../sales/service.js';
import { insertAuditEvents, type AuditEventRow } from './queries.js';

/** Stores the `audit.recorded` events of a push, in the push's transaction (exactly once with the event id). */
export async function writeAuditEvents(
  trx: Knex,
  origin: EventOrigin,
  events: readonly SyncEvent[],
): Promise<void> {
  const rows: AuditEventRow[] = [];
  for (const e of events) {
    if (e.type !== 'audit.recorded') continue;
    const d = e.data;
    rows.push({
      tenant_id: origin.tenantId,
      id: e.id,
      store_id: origin.storeId,
      device_id: origin.deviceId,
      kind: d.kind,
      shift_id: d.shiftId ?? null,
      cashier_id: d.cashierId ?? null,
      approved_by: d.approvedBy ?? null,
      sale_id: d.saleId ?? null,
      amount: d.amount ?? null,
      reason: d.reason ?? null,
      detail: JSON.stringify(d.detail),
      occurred_at: Date.parse(e.occurredAt),
      received_at: origin.receivedAt,
    });
  }
  if (rows.length > 0) await insertAuditEvents(trx, rows);
}
