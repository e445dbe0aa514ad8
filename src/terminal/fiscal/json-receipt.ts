import { STORE_UTC_OFFSET_MS } from '../../common/time.js';

/**
 * The FiscalDriveService `JsonReceipt`, field for field as the tax operator names them. Amounts in tiyin,
 * quantities in thousandths, VAT inside the price, `VATPercent` a whole percent.
 */
export interface JsonReceiptItem {
  Name: string;
  Barcode: string;
  /** The marking code of this one unit (≤ 63 ASCII characters); empty for goods without marking. */
  Label: string;
  /** MXIK (IKPU), 17 digits. */
  SPIC: string;
  Units: number;
  PackageCode: string;
  /** 0 resale, 1 producer, 2 service. */
  OwnerType: 0 | 1 | 2;
  Amount: number;
  /** The whole line before discounts. */
  Price: number;
  Discount: number;
  Other: number;
  VATPercent: number;
  VAT: number;
}

export interface FiscalResultInfo {
  TerminalID: string;
  ReceiptSeq: number;
  DateTime: string;
  FiscalSign: string;
}

export interface JsonReceipt {
  Time: string;
  ReceivedCash: number;
  ReceivedCard: number;
  /** 0 purchase, 1 advance, 2 credit. */
  Type: 0 | 1 | 2;
  /** 0 sale, 1 refund. */
  Operation: 0 | 1;
  Items: JsonReceiptItem[];
  ExtraInfo: {
    QRPaymentID?: string;
    QRPaymentProvider?: number;
    CardType?: 1 | 2 | 3;
    PPTID?: string;
  };
  RefundInfo?: FiscalResultInfo;
}

/** One stored line as the money rule left it (DESIGN.md "One money rule"); never recomputed here. */
export interface FiscalLine {
  name: string;
  barcode: string | null;
  qty: number;
  unit: string;
  gross: number;
  discount: number;
  vatRate: number;
  vat: number;
  mxik: string | null;
  packageCode: string | null;
  /** Scanned marking codes, one per unit; empty for goods without marking. */
  markingCodes: readonly string[];
}

export interface FiscalPayment {
  method: 'cash' | 'card' | 'qr';
  amount: number;
  cardType?: string;
  reference?: string;
}

/** The QR providers' numbers in the tax operator's list. */
export const qrProviders: Record<string, number> = { payme: 141, click: 64, uzum: 161, anor: 187 };

/**
 * Unit codes of the tax classifier for our units *(inferred: the guide's examples use the package code for
 * pieces; one table here so a correction is one line)*.
 */
export const unitCodes: Record<string, number> = { pcs: 1, kg: 2, l: 3 };

/** `2026-12-01 14:05:09` in Tashkent time: the service refuses ISO's `T` separator. */
export function fiscalTime(ms: number): string {
  return new Date(ms + STORE_UTC_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const FISCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `Time` / `DateTime` (Tashkent) → epoch ms; NaN when it is not in the service's format. */
export function parseFiscalTime(value: string): number {
  const m = FISCAL_TIME.exec(value);
  if (!m) return Number.NaN;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) - STORE_UTC_OFFSET_MS;
}

/** `2024-09-04 09:45:38` → `20240904094538`, the `c` parameter of the check URL. */
export function compactTime(dateTime: string): string {
  return dateTime.replace(/\D/g, '');
}

export function checkUrl(result: FiscalResultInfo): string {
  return `https://ofd.soliq.uz/check?t=${result.TerminalID}&r=${result.ReceiptSeq}&c=${compactTime(
    result.DateTime,
  )}&s=${result.FiscalSign}`;
}

/**
 * Marked goods go to the FM one unit per item with its own code in `Label`, so a line of 3 becomes 3 items;
 * the stored line values are split, the last unit taking the remainder, so the items sum to the line exactly.
 */
function itemsOf(line: FiscalLine): JsonReceiptItem[] {
  const base = {
    Name: line.name,
    Barcode: line.barcode ?? '',
    SPIC: line.mxik ?? '',
    Units: unitCodes[line.unit] ?? 1,
    PackageCode: line.packageCode ?? '',
    OwnerType: 0 as const,
    Other: 0,
    VATPercent: Math.round(line.vatRate / 100),
  };
  if (line.markingCodes.length === 0)
    return [
      {
        ...base,
        Label: '',
        Amount: line.qty,
        Price: line.gross,
        Discount: line.discount,
        VAT: line.vat,
      },
    ];
  const n = line.markingCodes.length;
  const share = (value: number, index: number) =>
    index < n - 1 ? Math.floor(value / n) : value - Math.floor(value / n) * (n - 1);
  return line.markingCodes.map((code, index) => ({
    ...base,
    Label: code,
    Amount: 1000,
    Price: share(line.gross, index),
    Discount: share(line.discount, index),
    VAT: share(line.vat, index),
  }));
}

/**
 * Builds the receipt handed to the FM. Cash is what stays in the drawer (paid minus change); card and QR
 * payments are both electronic (`ReceivedCard`).
 */
export function buildJsonReceipt(input: {
  operation: 'sale' | 'refund';
  at: number;
  lines: readonly FiscalLine[];
  payments: readonly FiscalPayment[];
  change: number;
  refundOf?: FiscalResultInfo;
}): JsonReceipt {
  let cash = -input.change;
  let card = 0;
  const extra: JsonReceipt['ExtraInfo'] = {};
  for (const payment of input.payments) {
    if (payment.method === 'cash') cash += payment.amount;
    else card += payment.amount;
    if (payment.method === 'card') {
      // The card networks do not tell corporate from personal cards; a shop's customers are people.
      extra.CardType = 2;
      if (payment.reference) extra.PPTID = payment.reference;
    }
    if (payment.method === 'qr') {
      const provider = payment.cardType ? qrProviders[payment.cardType.toLowerCase()] : undefined;
      if (provider !== undefined) extra.QRPaymentProvider = provider;
      if (payment.reference) extra.QRPaymentID = payment.reference;
    }
  }
  return {
    Time: fiscalTime(input.at),
    ReceivedCash: Math.max(0, cash),
    ReceivedCard: card,
    Type: 0,
    Operation: input.operation === 'sale' ? 0 : 1,
    Items: input.lines.flatMap(itemsOf),
    ExtraInfo: extra,
    ...(input.refundOf ? { RefundInfo: input.refundOf } : {}),
  };
}

/** Σ(Price − Discount − Other) of the receipt's items. */
export function itemsTotal(receipt: JsonReceipt): number {
  return receipt.Items.reduce((sum, item) => sum + item.Price - item.Discount - item.Other, 0);
}
