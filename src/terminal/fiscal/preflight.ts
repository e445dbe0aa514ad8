import { AppError } from '../../common/errors.js';
import { QTY_SCALE } from '../../common/quantity.js';
import { itemsTotal, type FiscalLine, type JsonReceipt } from './json-receipt.js';

/** The tax server's tolerance of the sum rule: paid − Σ(Price − Discount − Other) ≤ 100 so'm. */
export const SUM_RULE_TOLERANCE = 10_000;

/** How far behind the last fiscal operation the clock may be before the register refuses to fiscalise. */
export const CLOCK_SLACK_MS = 5 * 60_000;

/** GS1 DataMatrix codes: printable ASCII and the GS separator (0x1D), at most 63 characters. */
function validMarkingCode(code: string): boolean {
  if (code.length < 1 || code.length > 63) return false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c !== 0x1d && (c < 0x21 || c > 0x7e)) return false;
  }
  return true;
}

/**
 * What the FM or the tax server would refuse, checked before anything is sent, so the cashier gets a clear
 * message instead of a spoiled attempt. Throws the first problem found.
 */
export function preflight(input: {
  receipt: JsonReceipt;
  lines: readonly (FiscalLine & { markingRequired: boolean })[];
  zOpen: boolean;
  lastOperationAt: string | null;
  now: number;
}): void {
  for (const line of input.lines) {
    if (!line.mxik || !/^\d{17}$/.test(line.mxik))
      throw new AppError('FISCAL_MXIK_INVALID', { params: { name: line.name, mxik: line.mxik ?? '' } });
    if (!line.packageCode || !/^\d{1,20}$/.test(line.packageCode))
      throw new AppError('FISCAL_PACKAGE_CODE_MISSING', { params: { name: line.name } });
    if (line.markingRequired) {
      const units = line.qty / QTY_SCALE;
      if (!Number.isInteger(units) || line.markingCodes.length !== units)
        throw new AppError('FISCAL_MARKING_CODE_MISSING', {
          params: {
            name: line.name,
            needed: Number.isInteger(units) ? units : 1,
            scanned: line.markingCodes.length,
          },
        });
    }
    for (const code of line.markingCodes)
      if (!validMarkingCode(code))
        throw new AppError('FISCAL_MARKING_CODE_INVALID', { params: { name: line.name, code } });
    if (line.gross - line.discount < 0)
      throw new AppError('FISCAL_SUM_RULE', { params: { paid: 0, lines: line.gross - line.discount } });
  }
  const codes = input.lines.flatMap((line) => line.markingCodes);
  const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
  if (repeated !== undefined)
    throw new AppError('FISCAL_MARKING_CODE_INVALID', { params: { name: '', code: repeated } });
  const paid = input.receipt.ReceivedCash + input.receipt.ReceivedCard;
  const lines = itemsTotal(input.receipt);
  // Rounding up has no form in the receipt: paid below the lines is refused as much as paid far above them.
  if (paid < lines || paid - lines > SUM_RULE_TOLERANCE)
    throw new AppError('FISCAL_SUM_RULE', { params: { paid, lines } });
  if (!input.zOpen) throw new AppError('FISCAL_SHIFT_NOT_OPEN');
  // Receipts are stamped at least 1 s after the previous one, so a burst runs a little ahead of the clock;
  // a clock far behind the last receipt was set back, and the FM would refuse or misdate what follows.
  if (input.lastOperationAt && input.now + CLOCK_SLACK_MS < Date.parse(input.lastOperationAt))
    throw new AppError('FISCAL_CLOCK_BEHIND', { params: { last: input.lastOperationAt } });
}
