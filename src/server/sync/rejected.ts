import { toIso } from '../../common/time.js';
import type { TenantContext } from '../context.js';
import { receiptSequenceProblems, type ReceiptSequenceProblem } from '../sales/receipt-sequence.js';
import { listFlaggedEvents, listRejectedEvents, type SyncEventRow } from './queries.js';

export interface RejectedEvent {
  id: string;
  deviceId: string;
  type: string;
  error: string | null;
  occurredAt: string | null;
  receivedAt: string;
  data: unknown;
}

export interface FlaggedEvent extends Omit<RejectedEvent, 'error'> {
  review: string;
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

function shown(row: SyncEventRow) {
  return {
    id: row.id,
    deviceId: row.device_id,
    type: row.type,
    occurredAt: toIso(row.occurred_at),
    receivedAt: toIso(row.received_at)!,
    data: JSON.parse(row.data) as unknown,
  };
}

/**
 * Events accepted but flagged, newest first: a sale by an unknown or disabled cashier, in a shift the server never
 * saw, made before its register was revoked. Accepted because they happened; listed because someone should look.
 * Beside them, each register's receipt numbers that are missing or used twice.
 */
export async function listFlagged(
  ctx: TenantContext,
  limit: number,
): Promise<{ events: FlaggedEvent[]; receiptSequences: ReceiptSequenceProblem[] }> {
  const [rows, receiptSequences] = await Promise.all([
    listFlaggedEvents(ctx.db.knex, ctx.tenantId, limit),
    receiptSequenceProblems(ctx.db.knex, ctx.tenantId),
  ]);
  return { events: rows.map((row) => ({ ...shown(row), review: row.review ?? '' })), receiptSequences };
}
