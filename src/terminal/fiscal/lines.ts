import { vatOf } from '../../common/money-rule.js';
import type { SaleCompletedData, SaleRefundedData } from '../../common/protocol/sync.js';
import type { StoreDb } from '../store/connection.js';
import { productFiscalData } from '../store/queries/fiscal.js';
import type { FiscalLine, JsonReceipt } from './json-receipt.js';

export type FiscalLineOf = FiscalLine & { markingRequired: boolean };

/**
 * Values the money rule (common/money-rule.ts) stores on each line; absent on lines stored before it reached
 * the register. They are handed to the FM as stored, never recomputed.
 */
interface StoredLineValues {
  gross?: number;
  vat?: number;
  unit?: string;
  packageCode?: string;
}

/**
 * A GS1 DataMatrix marking code starts `01` + the GTIN-14 of the item, so a scanned code names its product:
 * `0104780000000011215…` belongs to barcode 4780000000011.
 */
export function barcodeOfMarkingCode(code: string): string | null {
  const m = /^01(\d{14})/.exec(code);
  return m ? m[1]!.replace(/^0/, '') : null;
}

/**
 * The sale with the marking codes scanned at the till on the lines they belong to (as the FM receipt takes
 * them), so the server keeps them and a refund on another register quotes them.
 */
export function withMarkingCodes(
  db: StoreDb,
  data: SaleCompletedData,
  markingCodes: readonly string[] = [],
): SaleCompletedData {
  if (markingCodes.length === 0) return data;
  const lines = saleFiscalLines(db, data, markingCodes);
  return {
    ...data,
    lines: data.lines.map((line, i) => {
      const codes = lines[i]?.markingCodes ?? [];
      return codes.length > 0 ? { ...line, markingCodes: [...codes] } : line;
    }),
  };
}

/**
 * The sale's stored lines as the FM takes them. Lines the money rule stored carry `gross` and `vat`; for a
 * line stored before it, gross is its total plus its discount and VAT is `vatOf(total)` (the money rule's
 * own VAT), so older sales still waiting are fiscalised with the values they were sold at.
 * Marking codes scanned at the till go to the line whose product's barcode they carry.
 */
export function saleFiscalLines(
  db: StoreDb,
  data: SaleCompletedData,
  markingCodes: readonly string[] = [],
): FiscalLineOf[] {
  const codesLeft = [...markingCodes];
  return data.lines.map((line) => {
    const stored = line as typeof line & StoredLineValues;
    const product = productFiscalData(db, line.productId);
    const markingRequired = product?.markingRequired ?? false;
    const units = Math.floor(line.qty / 1000);
    const mine: string[] = [];
    if (markingRequired) {
      for (let i = 0; i < codesLeft.length && mine.length < units;) {
        const barcode = barcodeOfMarkingCode(codesLeft[i]!);
        if (barcode !== null && product?.barcodes.includes(barcode)) mine.push(...codesLeft.splice(i, 1));
        else i += 1;
      }
    }
    return {
      name: line.name,
      barcode: product?.barcodes[0] ?? null,
      qty: line.qty,
      unit: stored.unit ?? product?.unit ?? 'pcs',
      gross: stored.gross ?? line.total + line.discount,
      discount: line.discount,
      vatRate: line.vatRate,
      vat: stored.vat ?? vatOf(line.total, line.vatRate),
      mxik: line.mxik ?? product?.mxik ?? null,
      packageCode: stored.packageCode ?? product?.packageCode ?? null,
      markingCodes: mine,
      markingRequired,
    };
  });
}

/**
 * A refund's lines: names and rates from the original sale, marking codes of the units going back taken
 * from the original fiscal receipt (the FM checks them against what it sold); for a sale of another register,
 * whose receipt is not here, from the sale's lines as the server keeps them. Every refund takes a product's codes
 * in the order they were sold, so the units earlier refunds (of any register) took back are skipped: a code is
 * quoted once.
 */
export function refundFiscalLines(
  db: StoreDb,
  refund: SaleRefundedData,
  sale: SaleCompletedData,
  original: JsonReceipt | null,
  earlier: readonly SaleRefundedData[] = [],
): FiscalLineOf[] {
  const labelsLeft = new Map<string, string[]>();
  for (const item of original?.Items ?? [])
    if (item.Label) labelsLeft.set(item.Name, [...(labelsLeft.get(item.Name) ?? []), item.Label]);
  if (labelsLeft.size === 0)
    for (const line of sale.lines)
      if (line.markingCodes)
        labelsLeft.set(line.name, [...(labelsLeft.get(line.name) ?? []), ...line.markingCodes]);
  for (const done of earlier)
    for (const line of done.lines) {
      const name = sale.lines.find((l) => l.productId === line.productId)?.name;
      if (name !== undefined) labelsLeft.get(name)?.splice(0, Math.floor(line.qty / 1000));
    }
  return refund.lines.map((line) => {
    const stored = line as typeof line & StoredLineValues & { discount?: number };
    const sold = sale.lines.find((l) => l.productId === line.productId);
    const product = productFiscalData(db, line.productId);
    const name = sold?.name ?? '';
    const vatRate = sold?.vatRate ?? 0;
    const markingRequired = product?.markingRequired ?? false;
    const labels = labelsLeft.get(name) ?? [];
    const codes = markingRequired ? labels.splice(0, Math.floor(line.qty / 1000)) : [];
    const discount = stored.discount ?? 0;
    return {
      name,
      barcode: product?.barcodes[0] ?? null,
      qty: line.qty,
      unit: stored.unit ?? product?.unit ?? 'pcs',
      gross: stored.gross ?? line.total + discount,
      discount,
      vatRate,
      vat: stored.vat ?? vatOf(line.total, vatRate),
      mxik: sold?.mxik ?? product?.mxik ?? null,
      packageCode: stored.packageCode ?? product?.packageCode ?? null,
      markingCodes: codes,
      markingRequired,
    };
  });
}
