import { AppError } from '../../common/errors.js';
import { messageFor } from '../../common/i18n/index.js';
import { formatMoney, type Money } from '../../common/money.js';
import { verifySecret } from '../../node/secret-hash.js';
import { newestAudit } from '../store/queries/audit.js';
import { listCashiers } from '../store/queries/catalog.js';
import { recordAct, type ApprovalAct } from './audit.js';
import type { Cashier } from './cashier.js';
import {
  afterWrongPin,
  assertPinOpen,
  openPinGuard,
  PIN_ATTEMPTS,
  PIN_LOCK_MS,
  type PinGuard,
} from './pin-guard.js';
import { settingsOf, type RegisterContext } from './context.js';

export type { ApprovalAct };

/** What an act that may need a supervisor is about: the money at stake decides `cancelAbove`. */
export interface ActAtStake {
  act: ApprovalAct;
  amount?: Money;
}

/**
 * Whether the store's `approvals` setting asks a supervisor's PIN for this act. A register that has not pulled the
 * setting (or an older server) asks for none.
 */
export function needsApproval(ctx: RegisterContext, { act, amount = 0 }: ActAtStake): boolean {
  const approvals = settingsOf(ctx).approvals;
  if (!approvals) return false;
  if (act === 'cancelAbove') return approvals.cancelAbove !== null && amount > approvals.cancelAbove;
  return approvals[act];
}

/**
 * The active supervisor whose PIN this is, checked offline against the pulled people. A cashier's PIN, a disabled
 * supervisor's or an unknown one is refused.
 */
export async function supervisorByPin(ctx: RegisterContext, pin: string): Promise<Cashier> {
  const supervisors = listCashiers(ctx.db).filter(
    (c) => c.active && c.role === 'supervisor' && c.pinHash !== null,
  );
  for (const supervisor of supervisors) {
    if (await verifySecret(pin, supervisor.pinHash!)) return { id: supervisor.id, name: supervisor.name };
  }
  throw new AppError('APPROVAL_REFUSED');
}

/** The approval as an audit event of its own, next to the act it let through (call inside the act's transaction). */
export function recordApproval(
  ctx: RegisterContext,
  cashier: Cashier,
  approval: ActAtStake & { approvedBy: Cashier; reason?: string },
): void {
  recordAct(ctx, cashier.id, {
    kind: 'approval.given',
    approvedBy: approval.approvedBy.id,
    act: approval.act,
    ...(approval.amount !== undefined && { amount: approval.amount }),
    ...(approval.reason && { reason: approval.reason }),
  });
}

/** The refusal of an act the store wants a supervisor for, in the words the register's approval dialog shows. */
export function approvalRequired({ act, amount }: ActAtStake): AppError {
  return new AppError('APPROVAL_REQUIRED', {
    params: { amount: amount ? ` · ${formatMoney(amount)}` : '' },
    localize: (lang) => ({ act: messageFor(lang, `ui.approval.${act}`) }),
  });
}

/**
 * For the headless commands (`pos refund`, `pos cash out`) of the logged-in `cashier`: nobody when the store does
 * not ask for a supervisor; else the supervisor whose PIN was given, and without one the act is refused. A PIN
 * that is no supervisor's is recorded as a failed PIN of that cashier (the owner sees it in the audit report), so
 * a script cannot try PINs unseen.
 */
export async function headlessApproval(
  ctx: RegisterContext,
  cashier: Cashier,
  stake: ActAtStake,
  pin: string | undefined,
): Promise<Cashier | null> {
  if (!needsApproval(ctx, stake)) return null;
  if (!pin) throw approvalRequired(stake);
  const now = Date.now();
  const guard = headlessPinGuard(ctx, now);
  assertPinOpen(guard, now);
  try {
    return await supervisorByPin(ctx, pin);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'APPROVAL_REFUSED') throw error;
    const next = afterWrongPin(guard, now);
    recordAct(ctx, cashier.id, {
      kind: 'pin.failed',
      attempts: next.locked ? PIN_ATTEMPTS : next.failures,
      locked: next.locked,
      act: stake.act,
    });
    if (next.locked) assertPinOpen(next, now);
    throw error;
  }
}

/**
 * The wrong-PIN count of headless approvals, kept in the audit log since each command is a process of its own:
 * five wrong supervisor PINs in a row lock them for a minute, as on the PIN screen; a PIN that let an act through
 * starts the count again.
 */
function headlessPinGuard(ctx: RegisterContext, now: number): PinGuard {
  const failed = newestAudit(ctx.db, 'pin.failed', true);
  if (!failed) return openPinGuard;
  if (failed.data.locked === true) {
    const lockedUntil = Date.parse(failed.at) + PIN_LOCK_MS;
    return now < lockedUntil ? { failures: 0, lockedUntil } : openPinGuard;
  }
  const approved = newestAudit(ctx.db, 'approval.given');
  if (approved && approved.seq > failed.seq) return openPinGuard;
  return { failures: Number(failed.data.attempts) || 0, lockedUntil: 0 };
}
