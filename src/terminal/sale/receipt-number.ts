import { AppError } from '../../common/errors.js';

/**
 * Receipt numbers are `<device>-<sequence>`: `POS-02-000123`; refunds carry an `R` before the sequence
 * (`POS-02-R000007`). The device name makes numbers unique across a store's registers without asking the
 * server, which an offline register cannot do. Six digits are padded; a longer sequence just grows.
 */
export type ReceiptKind = 'sale' | 'refund';

export interface ReceiptNumber {
  device: string;
  kind: ReceiptKind;
  seq: number;
}

const DEVICE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const RECEIPT_NO = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)-(R?)(\d{6,})$/;

export function formatReceiptNo(device: string, seq: number, kind: ReceiptKind = 'sale'): string {
  if (!DEVICE.test(device) || !Number.isSafeInteger(seq) || seq < 1) {
    throw new AppError('INVALID_RECEIPT_NUMBER', { params: { receiptNo: `${device}-${seq}` } });
  }
  return `${device}-${kind === 'refund' ? 'R' : ''}${String(seq).padStart(6, '0')}`;
}

/** `POS-02-000123` → `{device: 'POS-02', kind: 'sale', seq: 123}`; case and surrounding spaces forgiven. */
export function parseReceiptNo(text: string): ReceiptNumber | null {
  const match = RECEIPT_NO.exec(text.trim().toUpperCase());
  if (!match) return null;
  const seq = Number(match[3]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { device: match[1] ?? '', kind: match[2] ? 'refund' : 'sale', seq };
}

/** The number after the last one the register issued (`null`: the register's first receipt). */
export function nextReceiptNo(device: string, last: string | null, kind: ReceiptKind = 'sale'): string {
  if (last === null) return formatReceiptNo(device, 1, kind);
  const parsed = parseReceiptNo(last);
  if (!parsed || parsed.device !== device || parsed.kind !== kind) {
    throw new AppError('INVALID_RECEIPT_NUMBER', { params: { receiptNo: last } });
  }
  return formatReceiptNo(device, parsed.seq + 1, kind);
}
