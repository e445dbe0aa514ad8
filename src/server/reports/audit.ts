import type { AuditReportQuery, AuditReportResponse } from '../../common/protocol/reports.js';
import type { AuditDetail, AuditKind } from '../../common/protocol/sync.js';
import { toIso } from '../../common/time.js';
import type { TenantContext } from '../context.js';
import { tenantStoreIds } from '../tenants/service.js';
import { periodOf } from './period.js';
import { listAuditEvents } from './queries.js';

function parseCursor(cursor: string | undefined): { occurredAt: number; id: string } | undefined {
  if (!cursor) return undefined;
  const at = cursor.indexOf('_');
  return { occurredAt: Number(cursor.slice(0, at)), id: cursor.slice(at + 1) };
}

/** `GET /reports/audit`: one page, newest first; the cursor points after its last event. */
export async function auditReport(ctx: TenantContext, query: AuditReportQuery): Promise<AuditReportResponse> {
  const { period, from, to } = periodOf(
    ctx.tenantId,
    await tenantStoreIds(ctx.db.knex, ctx.tenantId),
    query.from,
    query.to,
  );
  // One more row than asked tells whether another page follows without a COUNT.
  const rows = await listAuditEvents(ctx.db.knex, {
    ...period,
    deviceId: query.device,
    cashierId: query.cashier,
    kind: query.kind,
    after: parseCursor(query.cursor),
    limit: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    from,
    to,
    events: page.map((row) => ({
      id: row.id,
      kind: row.kind as AuditKind,
      occurredAt: toIso(row.occurred_at)!,
      receivedAt: toIso(row.received_at)!,
      deviceId: row.device_id,
      device: row.device_name,
      shiftId: row.shift_id,
      cashierId: row.cashier_id,
      cashier: row.cashier_name,
      approvedBy: row.approved_by,
      approver: row.approver_name,
      saleId: row.sale_id,
      amount: row.amount === null ? null : Number(row.amount),
      reason: row.reason,
      detail: JSON.parse(row.detail) as AuditDetail,
    })),
    cursor: hasMore && last ? `${Number(last.occurred_at)}_${last.id}` : null,
    hasMore,
  };
}
