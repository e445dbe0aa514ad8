import type { z } from 'zod';
import { MINOR_PER_MAJOR, parseMoney } from '../../common/money.js';
import {
  createProductBody,
  updateProductBody,
  type CreateProductBody,
  type Product,
  type Unit,
  type UpdateProductBody,
} from '../../common/protocol/catalog.js';

/** The product form as typed: price in so‘m and VAT in percent, as on a price tag; converted on submit. */
export interface ProductFormValues {
  sku: string;
  name: string;
  barcodes: string[];
  price: string;
  unit: Unit;
  /** Percent; empty means the shop's default rate (new product) or unchanged (edit). */
  vat: string;
  mxik: string;
  active: boolean;
}

export const emptyProductForm: ProductFormValues = {
  sku: '',
  name: '',
  barcodes: [],
  price: '',
  unit: 'pcs',
  vat: '',
  mxik: '',
  active: true,
};

/** Keys under `problems` in the translations. */
export type ProblemKey =
  | 'required'
  | 'tooLong'
  | 'price'
  | 'vat'
  | 'mxik'
  | 'checkDigit'
  | 'barcode'
  | 'tooManyBarcodes'
  | 'invalid';

export interface Problem {
  key: ProblemKey;
  params?: Record<string, string>;
}

export type ProductProblems = Partial<Record<keyof ProductFormValues, Problem>>;

export type ProductFormResult<B> = { ok: true; body: B } | { ok: false; problems: ProductProblems };

/** Tiyin → what the owner would type: 1 250 000 → `12500`, 1 250 050 → `12500,50`. */
export function somText(minor: number): string {
  const whole = Math.trunc(minor / MINOR_PER_MAJOR);
  const cents = Math.abs(minor % MINOR_PER_MAJOR);
  return cents === 0 ? String(whole) : `${whole},${String(cents).padStart(2, '0')}`;
}

/** Basis points → percent text: 1200 → `12`, 1250 → `12.5`. */
export function percentText(bp: number): string {
  return String(bp / 100);
}

/** `12`, `12.5`, `12,5`, `12%` → basis points; null when it is not a percentage from 0 to 100. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?%?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

export function productToForm(product: Product): ProductFormValues {
  return {
    sku: product.sku,
    name: product.name,
    barcodes: product.barcodes,
    price: somText(product.price),
    unit: product.unit,
    vat: percentText(product.vatRate),
    mxik: product.mxik ?? '',
    active: product.active,
  };
}

const fieldOfBody: Record<string, keyof ProductFormValues> = {
  sku: 'sku',
  name: 'name',
  barcodes: 'barcodes',
  price: 'price',
  unit: 'unit',
  vatRate: 'vat',
  mxik: 'mxik',
  active: 'active',
};

/** One zod issue of the shared schema as the note shown under its field. */
function problemOf(issue: z.core.$ZodIssue, barcodes: readonly string[]): Problem {
  const [field, index] = issue.path;
  if (field === 'barcodes') {
    if (typeof index !== 'number') return { key: 'tooManyBarcodes' };
    const code = barcodes[index] ?? '';
    return { key: issue.message === 'wrong check digit' ? 'checkDigit' : 'barcode', params: { code } };
  }
  if (field === 'price') return { key: 'price' };
  if (field === 'mxik') return { key: 'mxik' };
  if (field === 'vatRate') return { key: 'vat' };
  if (issue.code === 'too_small') return { key: 'required' };
  if (issue.code === 'too_big') return { key: 'tooLong' };
  return { key: 'invalid' };
}

/**
 * Form values → the request body, checked by the same zod schema the server uses, so whatever the server
 * would refuse for its shape is marked under its field before sending. Only the server knows about
 * duplicates (SKU_TAKEN, BARCODE_TAKEN).
 */
export function productBody(values: ProductFormValues, mode: 'create'): ProductFormResult<CreateProductBody>;
export function productBody(values: ProductFormValues, mode: 'edit'): ProductFormResult<UpdateProductBody>;
export function productBody(
  values: ProductFormValues,
  mode: 'create' | 'edit',
): ProductFormResult<CreateProductBody | UpdateProductBody> {
  const problems: ProductProblems = {};
  const price = parseMoney(values.price);
  if (price === null || price < 0) problems.price = { key: 'price' };
  const vatText = values.vat.trim();
  const vatRate = vatText === '' ? undefined : parsePercent(vatText);
  if (vatRate === null) problems.vat = { key: 'vat' };
  const barcodes = values.barcodes.map((code) => code.trim()).filter((code) => code.length > 0);
  const body = {
    sku: values.sku.trim(),
    name: values.name.trim(),
    barcodes,
    price: price ?? 0,
    unit: values.unit,
    ...(vatRate === undefined || vatRate === null ? {} : { vatRate }),
    mxik: values.mxik.trim() === '' ? null : values.mxik.trim(),
    active: values.active,
  };
  const parsed = (mode === 'create' ? createProductBody : updateProductBody).safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfBody[String(issue.path[0])];
      if (field && !problems[field]) problems[field] = problemOf(issue, barcodes);
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, body };
}

/** Which field a server refusal belongs to, so it shows under that field instead of above the form. */
export function fieldOfServerError(code: string): keyof ProductFormValues | null {
  if (code === 'SKU_TAKEN') return 'sku';
  if (code === 'BARCODE_TAKEN') return 'barcodes';
  return null;
}
