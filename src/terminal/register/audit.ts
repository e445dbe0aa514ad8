import type { Money } from '../../common/money.js';
import { writeAudit } from '../store/queries/sales.js';
import type { RegisterContext } from './context.js';

/**
 * Loss-relevant acts at the register beyond the cart's own entries (voids, cancels, discounts), in the words of
 * DESIGN.md's `audit.recorded` kinds. All go through writeAudit, the one function that writes the audit log.
 */
export type RegisterAct =
  | {
      kind: 'quit.with.open.sale';
      choice: 'parked' | 'cancelled';
      reason?: string;
      lineCount: number;
      amount: Money;
    }
  /**
   * A wrong PIN at the login screen (`locked` when it was the one that locked the screen), or a PIN given to a
   * headless command for an `act` that is no supervisor's.
   */
  | { kind: 'pin.failed'; attempts: number; locked: boolean; act?: ApprovalAct }
  /** A supervisor's PIN let a cashier's act through. */
  | { kind: 'approval.given'; approvedBy: string; act: ApprovalAct; amount?: Money; reason?: string };

export type ApprovalAct = 'refund' | 'voidAfterPayment' | 'cancelAbove' | 'discountAboveLimit' | 'cashOut';

export function recordAct(ctx: RegisterContext, cashierId: string | null, act: RegisterAct): void {
  const { kind, ...data } = act;
  writeAudit(ctx.db, { cashierId, action: kind, data });
}
