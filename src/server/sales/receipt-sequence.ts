import type { Knex } from 'knex';
import { receiptNumbers } from './queries.js';

/** `POS-02-000123`: the register's prefix, then the sequence (six digits padded, more once it grows). */
const RECEIPT_NO = /^(.*)-(\d{6,})$/;

/** At most this many gaps and duplicates are listed per register; the counts say how many there are. */
const MAX_LISTED = 50;

export interface ReceiptSequenceProblem {
  deviceId: string;
  /** Receipt numbers missing between two the server holds: sales made on the register that never arrived. */
  gaps: Array<{ from: string; to: string }>;
  gapCount: number;
  /** Receipt numbers held by more than one sale of the same register. */
  duplicates: string[];
  duplicateCount: number;
}

function receiptNo(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

/**
 * A register numbers its receipts one after another, so the server can tell a lost or withheld sale (a gap) and a
 * receipt number used twice (a duplicate, e.g. a register restored from an old copy) from the numbers alone.
 * Numbers before the first the server holds are not gaps: they may predate a re-activation.
 */
export async function receiptSequenceProblems(
  knex: Knex,
  tenantId: string,
): Promise<ReceiptSequenceProblem[]> {
  const byRegister = new Map<string, Map<string, number[]>>();
  for (const row of await receiptNumbers(knex, tenantId)) {
    const match = RECEIPT_NO.exec(row.receipt_no);
    if (!match) continue;
    const prefixes = byRegister.get(row.device_id) ?? new Map<string, number[]>();
    byRegister.set(row.device_id, prefixes);
    const seqs = prefixes.get(match[1]!) ?? [];
    prefixes.set(match[1]!, seqs);
    seqs.push(Number(match[2]));
  }
  const problems: ReceiptSequenceProblem[] = [];
  for (const [deviceId, prefixes] of byRegister) {
    const problem: ReceiptSequenceProblem = {
      deviceId,
      gaps: [],
      gapCount: 0,
      duplicates: [],
      duplicateCount: 0,
    };
    for (const [prefix, seqs] of prefixes) {
      seqs.sort((a, b) => a - b);
      for (let i = 1; i < seqs.length; i++) {
        const [before, at] = [seqs[i - 1]!, seqs[i]!];
        if (at === before) {
          if (seqs[i - 2] !== at) {
            problem.duplicateCount++;
            if (problem.duplicates.length < MAX_LISTED) problem.duplicates.push(receiptNo(prefix, at));
          }
        } else if (at > before + 1) {
          problem.gapCount++;
          if (problem.gaps.length < MAX_LISTED)
            problem.gaps.push({ from: receiptNo(prefix, before + 1), to: receiptNo(prefix, at - 1) });
        }
      }
    }
    if (problem.gapCount > 0 || problem.duplicateCount > 0) problems.push(problem);
  }
  return problems;
}
