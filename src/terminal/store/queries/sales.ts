import { newId } from '../../../common/ids.js';
import { receiptPrefix } from '../../../common/receipt-number.js';
import type { EventType, SaleCompletedData, SaleRefundedData } from '../../../common/protocol/sync.js';
import { formatReceiptNo } from '../../sale/receipt-number.js';
import { auditRecordOf, type AuditAction } from '../audit-event.js';
import { checkpointWhenIdle, type StoreDb } from '../connection.js';
import { stmt } from './statements.js';

/**
 * An outbox event, in the caller's transaction: it is pushed exactly once. It carries the clock offset known now,
 * so the server places it by the clock as it was when the event was made, not as it is when it is sent.
 */
export function enqueue(db: StoreDb, id: string, type: EventType, occurredAt: string, data: unknown): void {
  stmt(
    db,
    `INSERT INTO outbox (id, type, occurred_at, data, status, created_at, clock_offset_ms)
     VALUES (?, ?, ?, ?, 'pending', ?, (SELECT clock_offset_ms FROM sync_state WHERE id = 1))`,
  ).run(id, type, occurredAt, JSON.stringify(data), occurredAt);
}

/** Next number of a per-register counter (receipts, refunds), inside the caller's transaction. */
export function nextCounter(db: StoreDb, name: string): number {
  return stmt(
    db,
    `INSERT INTO counters (name, value) VALUES (?, 1)
     ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  )
    .pluck()
    .get(name) as number;
}

export { receiptPrefix };

/**
 * The sale, its lines and its outbox event in one transaction: once this returns, the sale survives a crash or a
 * power cut (WAL, synchronous=FULL) and will be pushed exactly once. Returns the sale id and receipt number.
 */
export function commitSale(
  db: StoreDb,
  input: {
    deviceName: string;
    build: (receiptNo: string) => SaleCompletedData;
    occurredAt?: string;
    /** More writes of the same commit (the fiscal document); throwing rolls the whole sale back. */
    within?: (saleId: string, data: SaleCompletedData) => void;
  },
): { saleId: string; receiptNo: string; data: SaleCompletedData } {
  const committed = db
    .transaction(() => {
      const receiptNo = formatReceiptNo(receiptPrefix(input.deviceName), nextCounter(db, 'receipt'));
      const data = input.build(receiptNo);
      const saleId = newId();
      const occurredAt = input.occurredAt ?? new Date().toISOString();
      stmt(
        db,
        `INSERT INTO sales (id, receipt_no, shift_id, cashier_id, total, occurred_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(saleId, receiptNo, data.shiftId, data.cashierId, data.total, occurredAt, JSON.stringify(data));
      const line = stmt(
        db,
        'INSERT INTO sale_lines (sale_id, line_no, product_id, qty, total) VALUES (?, ?, ?, ?, ?)',
      );
      data.lines.forEach((l, index) => line.run(saleId, index + 1, l.productId, l.qty, l.total));
      enqueue(db, saleId, 'sale.completed', occurredAt, data);
      input.within?.(saleId, data);
      return { saleId, receiptNo, data };
    })
    .immediate();
  checkpointWhenIdle(db);
  return committed;
}

export interface StoredSale {
  id: string;
  receiptNo: string;
  occurredAt: string;
  data: SaleCompletedData;
}

export function findSaleByReceipt(db: StoreDb, receiptNo: string): StoredSale | null {
  const row = stmt(db, 'SELECT id, receipt_no, occurred_at, data FROM sales WHERE receipt_no = ?').get(
    receiptNo,
  ) as { id: string; receipt_no: string; occurred_at: string; data: string } | undefined;
  return row
    ? { id: row.id, receiptNo: row.receipt_no, occurredAt: row.occurred_at, data: JSON.parse(row.data) }
    : null;
}

export function refundsOfSale(db: StoreDb, saleId: string): SaleRefundedData[] {
  return (
    stmt(db, 'SELECT data FROM refunds WHERE sale_id = ? ORDER BY occurred_at')
      .pluck()
      .all(saleId) as string[]
  ).map((data) => JSON.parse(data) as SaleRefundedData);
}

export function commitRefund(
  db: StoreDb,
  input: {
    deviceName: string;
    build: (refundNo: string) => SaleRefundedData;
    occurredAt?: string;
    within?: (refundId: string, data: SaleRefundedData) => void;
  },
): { refundId: string; refundNo: string; data: SaleRefundedData } {
  const committed = db
    .transaction(() => {
      const refundNo = formatReceiptNo(receiptPrefix(input.deviceName), nextCounter(db, 'refund'), 'refund');
      const data = input.build(refundNo);
      const refundId = newId();
      const occurredAt = input.occurredAt ?? new Date().toISOString();
      stmt(
        db,
        'INSERT INTO refunds (id, refund_no, sale_id, shift_id, total, occurred_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        refundId,
        refundNo,
        data.saleId,
        data.shiftId ?? null,
        data.total,
        occurredAt,
        JSON.stringify(data),
      );
      const line = stmt(
        db,
        'INSERT INTO refund_lines (refund_id, line_no, product_id, qty, total) VALUES (?, ?, ?, ?, ?)',
      );
      data.lines.forEach((l, index) => line.run(refundId, index + 1, l.productId, l.qty, l.total));
      enqueue(db, refundId, 'sale.refunded', occurredAt, data);
      input.within?.(refundId, data);
      return { refundId, refundNo, data };
    })
    .immediate();
  checkpointWhenIdle(db);
  return committed;
}

export interface Shift {
  id: string;
  cashierId: string;
  openedAt: string;
  openingCash: number;
  closedAt: string | null;
  countedCash: number | null;
}

interface ShiftRow {
  id: string;
  cashier_id: string;
  opened_at: string;
  opening_cash: number;
  closed_at: string | null;
  counted_cash: number | null;
}

function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    cashierId: row.cashier_id,
    openedAt: row.opened_at,
    openingCash: row.opening_cash,
    closedAt: row.closed_at,
    countedCash: row.counted_cash,
  };
}

/** The register has at most one open shift. */
export function openShiftRow(db: StoreDb): Shift | null {
  const row = stmt(
    db,
    'SELECT * FROM shifts WHERE closed_at IS NULL ORDER BY opened_at DESC LIMIT 1',
  ).get() as ShiftRow | undefined;
  return row ? toShift(row) : null;
}

export function getShift(db: StoreDb, id: string): Shift | null {
  const row = stmt(db, 'SELECT * FROM shifts WHERE id = ?').get(id) as ShiftRow | undefined;
  return row ? toShift(row) : null;
}

export function insertShiftOpened(db: StoreDb, input: { cashierId: string; openingCash: number }): Shift {
  return db
    .transaction(() => {
      const id = newId();
      const at = new Date().toISOString();
      stmt(db, 'INSERT INTO shifts (id, cashier_id, opened_at, opening_cash) VALUES (?, ?, ?, ?)').run(
        id,
        input.cashierId,
        at,
        input.openingCash,
      );
      enqueue(db, newId(), 'shift.opened', at, {
        shiftId: id,
        cashierId: input.cashierId,
        openingCash: input.openingCash,
      });
      return {
        id,
        cashierId: input.cashierId,
        openedAt: at,
        openingCash: input.openingCash,
        closedAt: null,
        countedCash: null,
      };
    })
    .immediate();
}

export function markShiftClosed(db: StoreDb, input: { shiftId: string; countedCash: number }): void {
  db.transaction(() => {
    const at = new Date().toISOString();
    stmt(db, 'UPDATE shifts SET closed_at = ?, counted_cash = ? WHERE id = ? AND closed_at IS NULL').run(
      at,
      input.countedCash,
      input.shiftId,
    );
    enqueue(db, newId(), 'shift.closed', at, { shiftId: input.shiftId, countedCash: input.countedCash });
  }).immediate();
}

export function insertCashMovement(
  db: StoreDb,
  input: { shiftId: string; amount: number; reason: string },
): void {
  db.transaction(() => {
    const id = newId();
    const at = new Date().toISOString();
    stmt(
      db,
      'INSERT INTO cash_movements (id, shift_id, amount, reason, occurred_at) VALUES (?, ?, ?, ?, ?)',
    ).run(id, input.shiftId, input.amount, input.reason, at);
    enqueue(db, id, 'cash.moved', at, input);
  }).immediate();
}

export function shiftDocuments(
  db: StoreDb,
  shiftId: string,
): {
  sales: SaleCompletedData[];
  refunds: SaleRefundedData[];
  cashMovements: Array<{ amount: number; reason: string }>;
} {
  const sales = (
    stmt(db, 'SELECT data FROM sales WHERE shift_id = ? ORDER BY occurred_at')
      .pluck()
      .all(shiftId) as string[]
  ).map((data) => JSON.parse(data) as SaleCompletedData);
  const refunds = (
    stmt(db, 'SELECT data FROM refunds WHERE shift_id = ? ORDER BY occurred_at')
      .pluck()
      .all(shiftId) as string[]
  ).map((data) => JSON.parse(data) as SaleRefundedData);
  const cashMovements = stmt(
    db,
    'SELECT amount, reason FROM cash_movements WHERE shift_id = ? ORDER BY occurred_at',
  ).all(shiftId) as Array<{ amount: number; reason: string }>;
  return { sales, refunds, cashMovements };
}

/**
 * One row of the register's audit log and its `audit.recorded` outbox event, in one transaction, under one id: it
 * reaches the owner like a sale, exactly once. The shift is the one open at the moment, if any.
 */
export function writeAudit(
  db: StoreDb,
  entry: { cashierId: string | null; action: AuditAction; data: unknown },
): void {
  db.transaction(() => {
    const id = newId();
    const at = new Date().toISOString();
    stmt(db, 'INSERT INTO audit_log (id, at, cashier_id, action, data) VALUES (?, ?, ?, ?, ?)').run(
      id,
      at,
      entry.cashierId,
      entry.action,
      JSON.stringify(entry.data),
    );
    const shiftId = openShiftRow(db)?.id ?? null;
    enqueue(
      db,
      id,
      'audit.recorded',
      at,
      auditRecordOf(entry.action, entry.data, { cashierId: entry.cashierId, shiftId }),
    );
  }).immediate();
}

/** This register's refunds of a sale (made here), with their ids: the same ids the server keeps them under. */
export function refundRowsOfSale(db: StoreDb, saleId: string): Array<{ id: string; data: SaleRefundedData }> {
  return (
    stmt(db, 'SELECT id, data FROM refunds WHERE sale_id = ? ORDER BY occurred_at').all(saleId) as Array<{
      id: string;
      data: string;
    }>
  ).map((row) => ({ id: row.id, data: JSON.parse(row.data) as SaleRefundedData }));
}

export interface RefundOriginalRow {
  refundId: string;
  saleId: string;
  receiptNo: string;
  /** The register that made the sale; null when it was this one. */
  register: string | null;
  saleOccurredAt: string;
  saleData: SaleCompletedData;
  fiscal: {
    terminalId: string;
    receiptSeq: number;
    dateTime: string;
    fiscalSign: string;
    qrUrl: string;
  } | null;
}

/** In the refund's transaction: the sale it took back, as the refund saw it. */
export function insertRefundOriginal(db: StoreDb, row: RefundOriginalRow): void {
  stmt(
    db,
    `INSERT INTO refund_originals (refund_id, sale_id, receipt_no, register, sale_occurred_at, sale_data,
       terminal_id, receipt_seq, date_time, fiscal_sign, qr_url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.refundId,
    row.saleId,
    row.receiptNo,
    row.register,
    row.saleOccurredAt,
    JSON.stringify(row.saleData),
    row.fiscal?.terminalId ?? null,
    row.fiscal?.receiptSeq ?? null,
    row.fiscal?.dateTime ?? null,
    row.fiscal?.fiscalSign ?? null,
    row.fiscal?.qrUrl ?? null,
  );
}

export function findRefundOriginal(db: StoreDb, refundId: string): RefundOriginalRow | null {
  const row = stmt(db, 'SELECT * FROM refund_originals WHERE refund_id = ?').get(refundId) as
    | {
        refund_id: string;
        sale_id: string;
        receipt_no: string;
        register: string | null;
        sale_occurred_at: string;
        sale_data: string;
        terminal_id: string | null;
        receipt_seq: number | null;
        date_time: string | null;
        fiscal_sign: string | null;
        qr_url: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    refundId: row.refund_id,
    saleId: row.sale_id,
    receiptNo: row.receipt_no,
    register: row.register,
    saleOccurredAt: row.sale_occurred_at,
    saleData: JSON.parse(row.sale_data) as SaleCompletedData,
    fiscal:
      row.terminal_id === null
        ? null
        : {
            terminalId: row.terminal_id,
            receiptSeq: row.receipt_seq ?? 0,
            dateTime: row.date_time ?? '',
            fiscalSign: row.fiscal_sign ?? '',
            qrUrl: row.qr_url ?? '',
          },
  };
}
