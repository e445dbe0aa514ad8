import { toIso } from '../../common/time.js';
import type { TenantContext } from '../context.js';
import { listRejectedEvents } from './queries.js';

export interface RejectedEvent {
  id: string;
  deviceId: string;
  type: string;
  error: string | null;
  occurredAt: string | null;
  receivedAt: string;
  data: unknown;
}

/** Events the server refused, newest first: kept so the owner can see what a register sent and why it failed. */
export async function listRejected(ctx: TenantContext, limit: number): Promise<{ events: RejectedEvent[] }> {
  const rows = await listRejectedEvents(ctx.db.knex, ctx.tenantId, limit);
  return {
    events: rows.map((row) => ({
      id: row.id,
      deviceId: row.device_id,
      type: row.type,
      error: row.error,
      occurredAt: toIso(row.occurred_at),
      receivedAt: toIso(row.received_at)!,
      data: JSON.parse(row.data) as unknown,
    })),
  };
}
