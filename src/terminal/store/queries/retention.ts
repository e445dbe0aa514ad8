import { parseReceiptNo } from '../../sale/receipt-number.js';
import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

/** What decides that a document may leave the register: its age, the pull cursor and the open shift. */
export interface PruneBounds {
  /** Documents that happened before this instant (ISO-8601) are old enough. */
  cutoff: string;
  /** The pull cursor: an event applied at or below it is already in the stock levels pulled. */
  cursor: number;
  /** The open shift, whose documents stay for its X and Z report; null when none is open. */
  openShiftId: string | null;
}

/**
 * A document's event is safe once the server has acknowledged it and its effect is in the pulled stock levels
 * (the stock view adds up the lines of events above the cursor), or once the acknowledged row itself is gone.
 * A pending or rejected event keeps its document: the server does not have it.
 */
const eventSafe = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = ${alias}.id
     AND (o.status <> 'sent' OR o.server_version IS NULL OR o.server_version > @cursor))`;

/** Not fiscal at all, or fiscalised: a receipt still waiting for the fiscal module keeps everything it needs. */
const fiscalFinal = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM fiscal_documents f WHERE f.doc_id = ${alias}.id
     AND f.state NOT IN ('fiscalised', 'recovered'))`;

const refundKept = (alias: string) =>
  `(${alias}.occurred_at >= @cutoff OR ${alias}.shift_id IS @openShiftId
     OR NOT ${eventSafe(alias)} OR NOT ${fiscalFinal(alias)})`;

function params(bounds: PruneBounds, limit: number) {
  return { cutoff: bounds.cutoff, cursor: bounds.cursor, openShiftId: bounds.openShiftId, limit };
}

/**
 * Deletes up to `limit` of the oldest sales that are safe to lose here, with their lines, their refunds (all of
 * which must be safe and old too), the fiscal records and the acknowledged outbox rows of both, in one short
 * transaction. Returns how many sales went.
 */
export function pruneSalesBatch(db: StoreDb, bounds: PruneBounds, limit: number): number {
  return db
    .transaction(() => {
      const sales = stmt(
        db,
        `SELECT s.id, s.receipt_no FROM sales s
         WHERE s.occurred_at < @cutoff AND s.shift_id IS NOT @openShiftId
           AND ${eventSafe('s')} AND ${fiscalFinal('s')}
           AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.sale_id = s.id AND ${refundKept('r')})
         ORDER BY s.occurred_at LIMIT @limit`,
      ).all(params(bounds, limit)) as Array<{ id: string; receipt_no: string }>;
      if (sales.length === 0) return 0;
      const saleIds = JSON.stringify(sales.map((s) => s.id));
      const refundIds = JSON.stringify(
        stmt(db, 'SELECT id FROM refunds WHERE sale_id IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(saleIds),
      );
      deleteRefunds(db, refundIds);
      for (const sql of [
        'DELETE FROM sale_lines WHERE sale_id IN (SELECT value FROM json_each(?))',
        'DELETE FROM fiscal_documents WHERE doc_id IN (SELECT value FROM json_each(?))',
        "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND status = 'sent'",
        'DELETE FROM sales WHERE id IN (SELECT value FROM json_each(?))',
      ])
        stmt(db, sql).run(saleIds);
      recordPruned(
        db,
        sales.map((s) => s.receipt_no),
      );
      return sales.length;
    })
    .immediate();
}

function deleteRefunds(db: StoreDb, refundIds: string): void {
  for (const sql of [
    'DELETE FROM refund_lines WHERE refund_id IN (SELECT value FROM json_each(?))',
    'DELETE FROM refund_originals WHERE refund_id IN (SELECT value FROM json_each(?))',
    'DELETE FROM fiscal_documents WHERE doc_id IN (SELECT value FROM json_each(?))',
    "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND status = 'sent'",
    'DELETE FROM refunds WHERE id IN (SELECT value FROM json_each(?))',
  ])
    stmt(db, sql).run(refundIds);
}

/** Old, safe refunds of sales this register does not hold (made elsewhere, or already moved off). */
export function pruneRefundsBatch(db: StoreDb, bounds: PruneBounds, limit: number): number {
  return db
    .transaction(() => {
      const ids = stmt(
        db,
        `SELECT r.id FROM refunds r
         WHERE r.occurred_at < @cutoff AND NOT ${refundKept('r')}
           AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = r.sale_id)
         ORDER BY r.occurred_at LIMIT @limit`,
      )
        .pluck()
        .all(params(bounds, limit)) as string[];
      if (ids.length > 0) deleteRefunds(db, JSON.stringify(ids));
      return ids.length;
    })
    .immediate();
}

/** Old rows of the register's audit log whose `audit.recorded` event the server has. */
export function pruneAuditBatch(db: StoreDb, bounds: PruneBounds, limit: number): number {
  return db
    .transaction(() => {
      const ids = JSON.stringify(
        stmt(
          db,
          `SELECT a.id FROM audit_log a WHERE a.at < @cutoff AND ${eventSafe('a')}
           ORDER BY a.at LIMIT @limit`,
        )
          .pluck()
          .all(params(bounds, limit)),
      );
      stmt(db, "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND status = 'sent'").run(
        ids,
      );
      return stmt(db, 'DELETE FROM audit_log WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes;
    })
    .immediate();
}

/**
 * Acknowledged outbox rows made before `before` whose effect is in the pulled stock levels: nothing reads them any
 * more (the unsent export and `pos status` read pending and rejected rows only). The sale and refund lines of those
 * events go with them: they exist for the stock view, which counts only events above the cursor; the receipt,
 * refunds and reports read the sale's own copy. Returns how many events went.
 */
export function pruneSentEventsBatch(db: StoreDb, cursor: number, before: string, limit: number): number {
  return db
    .transaction(() => {
      const ids = JSON.stringify(
        stmt(
          db,
          `SELECT id FROM outbox WHERE status = 'sent' AND server_version <= @cursor AND occurred_at < @before
           ORDER BY id LIMIT @limit`,
        )
          .pluck()
          .all({ cursor, before, limit }),
      );
      stmt(db, 'DELETE FROM sale_lines WHERE sale_id IN (SELECT value FROM json_each(?))').run(ids);
      stmt(db, 'DELETE FROM refund_lines WHERE refund_id IN (SELECT value FROM json_each(?))').run(ids);
      return stmt(db, 'DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes;
    })
    .immediate();
}

function recordPruned(db: StoreDb, receiptNos: string[]): void {
  const current = prunedThrough(db);
  let highest = current;
  for (const receiptNo of receiptNos) {
    const parsed = parseReceiptNo(receiptNo);
    const best = highest ? parseReceiptNo(highest) : null;
    if (parsed && (!best || best.device !== parsed.device || parsed.seq > best.seq)) highest = receiptNo;
  }
  stmt(db, 'UPDATE retention_state SET pruned_through = ?, sales_pruned = sales_pruned + ? WHERE id = 1').run(
    highest,
    receiptNos.length,
  );
}

/** The highest receipt number moved off this register; null when none was. */
export function prunedThrough(db: StoreDb): string | null {
  return (
    (stmt(db, 'SELECT pruned_through FROM retention_state WHERE id = 1').pluck().get() as string | null) ??
    null
  );
}

export function recordPruneRun(db: StoreDb, at: string): void {
  stmt(db, 'UPDATE retention_state SET last_run_at = ? WHERE id = 1').run(at);
}

export interface RetentionSummary {
  salesKept: number;
  oldestSaleAt: string | null;
  salesPruned: number;
  prunedThrough: string | null;
}

export function retentionSummary(db: StoreDb): RetentionSummary {
  return stmt(
    db,
    `SELECT (SELECT COUNT(*) FROM sales) AS salesKept,
            (SELECT MIN(occurred_at) FROM sales) AS oldestSaleAt,
            sales_pruned AS salesPruned, pruned_through AS prunedThrough
     FROM retention_state WHERE id = 1`,
  ).get() as RetentionSummary;
}

/** What `pos status` shows: the oldest sale still here and what went to the server only (no count of the rest). */
export function retentionStatus(db: StoreDb): Omit<RetentionSummary, 'salesKept'> {
  return stmt(
    db,
    `SELECT (SELECT MIN(occurred_at) FROM sales) AS oldestSaleAt,
            sales_pruned AS salesPruned, pruned_through AS prunedThrough
     FROM retention_state WHERE id = 1`,
  ).get() as Omit<RetentionSummary, 'salesKept'>;
}
