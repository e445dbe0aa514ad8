import type { ShiftReport } from '../../sale/shift-report.js';
import type { ActAtStake } from '../../register/approval.js';
import type { Cashier } from '../../register/cashier.js';
import type { RefundOption, RefundOriginal } from '../../register/refunds.js';
import type { RefundSelection } from '../../sale/refund.js';
import type { Scope } from '../keys.js';

/** What a one-line prompt over the sale screen asks for. */
export type PromptPurpose =
  | 'qty'
  | 'void'
  | 'cancel'
  | 'lineDiscount'
  | 'cartDiscount'
  | 'cashAmount'
  | 'cashReason'
  | 'countedCash'
  | 'refundNo'
  | 'reprint'
  | 'quitReason'
  | 'weight';

/** The dialog open over the sale screen; while one is open it takes every key. */
export type SaleDialog =
  | { kind: 'search' }
  | { kind: 'pay' }
  | { kind: 'parked' }
  /** The store's grid of goods without barcodes; one more key adds one. */
  | { kind: 'quickKeys' }
  /** Quitting with an open sale: park it or cancel it (with a reason), never drop it. */
  | { kind: 'quit' }
  | {
      kind: 'prompt';
      purpose: PromptPurpose;
      amount?: number;
      code?: string;
      name?: string;
      /** A weight for this product (a quick key), when there is no code to scan. */
      productId?: string;
    }
  | { kind: 'refundLines'; receiptNo: string; original: RefundOriginal; lines: RefundOption[] }
  /** Lines, amount, method and reason shown before the refund is written. */
  | { kind: 'refundConfirm'; receiptNo: string; original: RefundOriginal; selection: RefundSelection }
  | { kind: 'view'; title: string; lines: string[]; afterClose?: 'logout' }
  /** An X or Z report on screen; it prints on the receipt printer on request. */
  | { kind: 'report'; title: string; lines: string[]; report: ShiftReport; afterClose?: 'logout' }
  /** A supervisor's PIN before an act the store's approvals name; `run` does the act once approved. */
  | ({ kind: 'approve'; run(approvedBy: Cashier): void } & ActAtStake);

/** The key scopes each dialog answers to, for its help line. */
export const dialogScopes: Record<SaleDialog['kind'], readonly Scope[]> = {
  search: ['list', 'dialog'],
  pay: ['pay', 'dialog'],
  parked: ['list', 'dialog'],
  quickKeys: ['dialog'],
  quit: ['list', 'dialog'],
  prompt: ['dialog'],
  refundLines: ['list', 'dialog'],
  refundConfirm: ['refund', 'dialog'],
  view: ['view'],
  report: ['report', 'view'],
  approve: ['dialog'],
};
