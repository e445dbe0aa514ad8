import { MAX_SALE_TOTAL } from '../../common/limits.js';
import {
  auditKinds,
  type AuditDetail,
  type AuditKind,
  type AuditRecordedData,
} from '../../common/protocol/sync.js';

/**
 * What the register writes to its `audit_log`: a kind of the contract, or one of the cart's finer entries, which
 * reach the owner under the contract's kind (`line.reduced` is a partial void; line and cart discounts are
 * discounts) with the original word kept in the detail.
 */
export type AuditAction = AuditKind | 'line.reduced' | 'discount.line' | 'discount.cart';

const finer: Record<Exclude<AuditAction, AuditKind>, AuditKind> = {
  'line.reduced': 'line.voided',
  'discount.line': 'discount.given',
  'discount.cart': 'discount.given',
};

const MAX_DETAIL_FIELDS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isKind = (action: string): action is AuditKind => (auditKinds as readonly string[]).includes(action);
const isMoney = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Math.abs(value as number) <= MAX_SALE_TOTAL;
const uuidOf = (value: unknown): string | undefined =>
  typeof value === 'string' && UUID.test(value) ? value : undefined;

/** Nested entries (`line: {name, qty}`) become `line.name`, `line.qty`: the owner's report shows flat fields. */
function flatten(value: Record<string, unknown>, prefix: string, out: AuditDetail): void {
  for (const [key, item] of Object.entries(value)) {
    if (Object.keys(out).length >= MAX_DETAIL_FIELDS) return;
    const name = `${prefix}${key}`.slice(0, 40);
    if (item === null || typeof item === 'boolean') out[name] = item;
    else if (typeof item === 'number') out[name] = Number.isFinite(item) ? item : null;
    else if (typeof item === 'string') out[name] = item.slice(0, 191);
    else if (Array.isArray(item)) out[name] = JSON.stringify(item).slice(0, 191);
    else if (typeof item === 'object') flatten(item as Record<string, unknown>, `${name}.`, out);
  }
}

/**
 * The `audit.recorded` event of one audit_log row. The money it concerns is the entry's `amount`, else its `total`
 * (a cancelled cart), else its line's total (a voided line); `reason`, `saleId` and `approvedBy` are lifted out,
 * everything else is the detail.
 */
export function auditRecordOf(
  action: AuditAction,
  data: unknown,
  context: { cashierId: string | null; shiftId: string | null },
): AuditRecordedData {
  const entry: Record<string, unknown> =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...data } : {};
  delete entry.type;
  const line = entry.line as { total?: unknown } | undefined;
  const amount = [entry.amount, entry.total, line?.total].find(isMoney);
  const reason = typeof entry.reason === 'string' ? entry.reason.slice(0, 500) : undefined;
  const saleId = uuidOf(entry.saleId);
  const approvedBy = uuidOf(entry.approvedBy);
  for (const key of ['amount', 'reason', 'saleId', 'approvedBy', 'shiftId', 'cashierId']) delete entry[key];
  const detail: AuditDetail = {};
  if (!isKind(action)) detail.action = action;
  flatten(entry, '', detail);
  return {
    kind: isKind(action) ? action : finer[action],
    ...(context.shiftId !== null && { shiftId: context.shiftId }),
    ...(context.cashierId !== null && { cashierId: context.cashierId }),
    ...(approvedBy && { approvedBy }),
    ...(saleId && { saleId }),
    ...(amount !== undefined && { amount }),
    ...(reason && { reason }),
    detail,
  };
}
