import { AppError } from '../../common/errors.js';
import { readSyncState } from '../store/queries/sync.js';
import type { Money } from '../../common/money.js';
import { shiftReport, type ShiftEvent, type ShiftReport } from '../sale/shift-report.js';
import {
  getShift,
  insertCashMovement,
  insertShiftOpened,
  markShiftClosed,
  openShiftRow,
  shiftDocuments,
  type Shift,
} from '../store/queries/sales.js';
import type { Cashier } from './cashier.js';
import type { RegisterContext } from './context.js';
import { assertNothingParked } from './parking.js';

export type { Shift };

export function currentShift(ctx: RegisterContext): Shift | null {
  return openShiftRow(ctx.db);
}

export function requireOpenShift(ctx: RegisterContext): Shift {
  const shift = openShiftRow(ctx.db);
  if (!shift) throw new AppError('SHIFT_NOT_OPEN');
  return shift;
}

/** A revoked register sells no more: what it sold is kept and still reaches the server. */
export function refuseIfRevoked(ctx: RegisterContext): void {
  if (readSyncState(ctx.db).revoked) throw new AppError('REGISTER_REVOKED');
}

export function openShift(ctx: RegisterContext, cashier: Cashier, openingCash: Money): Shift {
  refuseIfRevoked(ctx);
  if (!Number.isSafeInteger(openingCash) || openingCash < 0)
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'opening cash' } });
  if (openShiftRow(ctx.db)) throw new AppError('SHIFT_ALREADY_OPEN');
  return insertShiftOpened(ctx.db, { cashierId: cashier.id, openingCash });
}

/** Cash put into (+) or taken out of (−) the drawer, with a reason. */
export function moveCash(ctx: RegisterContext, amount: Money, reason: string): void {
  const shift = requireOpenShift(ctx);
  if (!Number.isSafeInteger(amount) || amount === 0)
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'amount' } });
  if (reason.trim().length === 0)
    throw new AppError('VALIDATION_FAILED', { params: { field: 'reason', reason: 'required' } });
  insertCashMovement(ctx.db, { shiftId: shift.id, amount, reason: reason.trim() });
}

/** The X-report (open shift) or Z-report (closed) from what this register recorded, offline. */
export function reportOfShift(ctx: RegisterContext, shiftId: string): ShiftReport {
  const shift = getShift(ctx.db, shiftId);
  if (!shift) throw new AppError('SHIFT_NOT_OPEN');
  const docs = shiftDocuments(ctx.db, shiftId);
  const events: ShiftEvent[] = [
    { type: 'shift.opened', data: { shiftId, cashierId: shift.cashierId, openingCash: shift.openingCash } },
    ...docs.sales.map((data) => ({ type: 'sale.completed' as const, data })),
    ...docs.refunds.map((data) => ({ type: 'sale.refunded' as const, data })),
    ...docs.cashMovements.map((m) => ({
      type: 'cash.moved' as const,
      data: { shiftId, amount: m.amount, reason: m.reason },
    })),
  ];
  if (shift.closedAt !== null && shift.countedCash !== null) {
    events.push({ type: 'shift.closed', data: { shiftId, countedCash: shift.countedCash } });
  }
  return shiftReport(shiftId, events);
}

/** Closes the open shift with the counted cash and returns its Z-report. */
export function closeShift(ctx: RegisterContext, countedCash: Money): ShiftReport {
  const shift = requireOpenShift(ctx);
  if (!Number.isSafeInteger(countedCash) || countedCash < 0)
    throw new AppError('INVALID_PAYMENT', { params: { reason: 'counted cash' } });
  assertNothingParked(ctx);
  markShiftClosed(ctx.db, { shiftId: shift.id, countedCash });
  return reportOfShift(ctx, shift.id);
}
