import { hasValidCheckDigit } from '../../common/barcode.js';
import { AppError } from '../../common/errors.js';
import { MINOR_PER_MAJOR, type Money } from '../../common/money.js';
import { parseQuantity, QTY_SCALE, type Quantity } from '../../common/quantity.js';
import type { CartAction, ProductSnapshot } from './cart.js';

/** The store's scale label layout (settings `scaleBarcode`). */
export interface ScaleBarcodeLayout {
  /** EAN-13 prefixes the scales print, from the GS1 in-store range 20–29, e.g. `['21', '22']`. */
  prefixes: readonly string[];
  /** Digits of the item code (PLU) after the prefix, usually 5. */
  itemDigits: number;
  value: 'weight' | 'price';
}

export type ScaleLabel =
  | { barcode: string; itemCode: string; kind: 'weight'; qty: Quantity }
  | { barcode: string; itemCode: string; kind: 'price'; price: Money };

/**
 * Label layout: `PP IIIII VVVVV C` — prefix, item code, value, GS1 check digit; the value takes whatever digits
 * the prefix and item code leave of the 12. Weight is in grams, which is exactly our thousandths of a kg.
 * Price is in whole so‘m, as Uzbek scales print it (tiyin are out of use), so it is multiplied into minor
 * units; with a 5-digit item code that caps a label at 99 999 so‘m, use 4 item digits for dearer goods.
 */
export function isScaleBarcode(code: string, layout: ScaleBarcodeLayout | null): boolean {
  return (
    layout !== null &&
    /^\d{13}$/.test(code) &&
    layout.prefixes.some((prefix) => /^2\d*$/.test(prefix) && code.startsWith(prefix))
  );
}

/**
 * `null` when the code is not a scale label of this layout (look it up as an ordinary barcode); a label with a
 * wrong check digit is refused with BAD_SCALE_BARCODE rather than sold with a misread weight or price.
 */
export function parseScaleBarcode(code: string, layout: ScaleBarcodeLayout | null): ScaleLabel | null {
  const barcode = code.trim();
  if (layout === null || !isScaleBarcode(barcode, layout)) return null;
  const prefix = layout.prefixes.find((p) => barcode.startsWith(p)) ?? '';
  const valueDigits = 12 - prefix.length - layout.itemDigits;
  if (layout.itemDigits < 1 || valueDigits < 1) {
    throw new AppError('BAD_SCALE_BARCODE', { params: { barcode }, details: { reason: 'layout' } });
  }
  if (!hasValidCheckDigit(barcode)) {
    throw new AppError('BAD_SCALE_BARCODE', { params: { barcode }, details: { reason: 'check digit' } });
  }
  const itemCode = barcode.slice(prefix.length, prefix.length + layout.itemDigits);
  const value = Number(barcode.slice(prefix.length + layout.itemDigits, 12));
  if (value <= 0) {
    throw new AppError('BAD_SCALE_BARCODE', { params: { barcode }, details: { reason: 'zero value' } });
  }
  return layout.value === 'weight'
    ? { barcode, itemCode, kind: 'weight', qty: value }
    : { barcode, itemCode, kind: 'price', price: value * MINOR_PER_MAJOR };
}

export interface ScanInput {
  code: string;
  /** Thousandths typed with `*`; `null` when the cashier typed only a code. */
  qty: Quantity | null;
}

/** A million units: anything larger is a code typed on the wrong side, not a quantity. */
const MAX_SCAN_QTY = 1_000_000_000;
const LOOKS_LIKE_CODE = /^(?:\d{8}|\d{12,14})$|[A-Za-z-]/;

/**
 * What the scan field received: a bare code (`4780000000015`) or a code with a quantity, either way round:
 * `4780000000015*3`, `3*4780000000015`, `1.250*PLU-7`. The side that looks like a barcode (EAN-8/UPC-A/EAN-13
 * length, or letters) is the code; when neither or both do, the left side is the quantity, the order cashiers
 * type (`3*` then scan).
 */
export function parseScanInput(text: string): ScanInput {
  const input = text.trim();
  const parts = input.split('*').map((part) => part.trim());
  if (parts.length === 1) {
    if (!/^[A-Za-z0-9-]{1,32}$/.test(input)) {
      throw new AppError('UNKNOWN_BARCODE', { params: { barcode: input } });
    }
    return { code: input, qty: null };
  }
  const [left = '', right = ''] = parts;
  if (parts.length !== 2 || left === '' || right === '') {
    throw new AppError('INVALID_QUANTITY', { params: { qty: input } });
  }
  const codeLike = (part: string) => LOOKS_LIKE_CODE.test(part) || parseQuantity(part) === null;
  const [qtyText, code] = codeLike(left) && !codeLike(right) ? [right, left] : [left, right];
  const qty = parseQuantity(qtyText);
  if (qty === null || qty <= 0 || qty > MAX_SCAN_QTY)
    throw new AppError('INVALID_QUANTITY', { params: { qty: qtyText } });
  if (!/^[A-Za-z0-9-]{1,32}$/.test(code))
    throw new AppError('UNKNOWN_BARCODE', { params: { barcode: code } });
  return { code, qty };
}

/**
 * The cart action for a scanned label of `product` (found by the label's item code). A weight label sells that
 * weight at the product's price. A price label is charged exactly what it says; its quantity is derived from
 * the price per kg (rounded to a gram, at least one) for the receipt and the stock ledger.
 */
export function scaleLabelAction(product: ProductSnapshot, label: ScaleLabel): CartAction {
  if (label.kind === 'weight') return { type: 'addItem', product, qty: label.qty, scale: {} };
  const qty =
    product.unitPrice > 0
      ? Math.max(1, Math.round((label.price * QTY_SCALE) / product.unitPrice))
      : QTY_SCALE;
  return { type: 'addItem', product, qty, scale: { labelPrice: label.price } };
}

/**
 * Every way to read what was typed, the usual one first: `a*b` may also be read the other way round when the
 * first reading names no product — `00015*1.250` is item code 00015 at 1.250 kg, though both sides look like
 * numbers. Throws what parseScanInput throws when no reading is valid.
 */
export function scanReadings(text: string): ScanInput[] {
  const parts = text
    .trim()
    .split('*')
    .map((part) => part.trim());
  let first: ScanInput | null = null;
  let failure: unknown = null;
  try {
    first = parseScanInput(text);
  } catch (error) {
    failure = error;
  }
  if (parts.length !== 2) {
    if (first) return [first];
    throw failure;
  }
  const readings = first ? [first] : [];
  for (const [qtyText, code] of [
    [parts[0]!, parts[1]!],
    [parts[1]!, parts[0]!],
  ] as const) {
    const qty = parseQuantity(qtyText);
    if (qty === null || qty <= 0 || qty > MAX_SCAN_QTY || !/^[A-Za-z0-9-]{1,32}$/.test(code)) continue;
    if (!readings.some((r) => r.code === code)) readings.push({ code, qty });
  }
  if (readings.length === 0) throw failure;
  return readings;
}
