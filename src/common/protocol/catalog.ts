import { z } from 'zod';
import { nameSchema } from '../names.js';
import { MAX_UNIT_PRICE } from '../limits.js';
import { barcodeProblem } from '../barcode.js';

export const units = ['pcs', 'kg', 'l'] as const;
export const unitSchema = z.enum(units);
export type Unit = z.infer<typeof unitSchema>;

export const skuSchema = nameSchema(64);
export const barcodeSchema = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const problem = barcodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** Minor units (tiyin). */
export const priceSchema = z.number().int().min(0).max(MAX_UNIT_PRICE);
/** Basis points: 12% = 1200. */
export const vatRateSchema = z.number().int().min(0).max(10_000);
/** MXIK: Uzbekistan's 17-digit product classification code, required on fiscal receipts. */
export const mxikSchema = z.string().regex(/^\d{17}$/, '17 digits');
export const packageCodeSchema = nameSchema(32);

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  barcodes: z.array(z.string()),
  price: z.number(),
  unit: unitSchema,
  vatRate: z.number(),
  mxik: z.string().nullable(),
  packageCode: z.string().nullable(),
  markingRequired: z.boolean(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const createProductBody = z.strictObject({
  sku: skuSchema,
  name: nameSchema(191),
  barcodes: z.array(barcodeSchema).max(20).default([]),
  price: priceSchema,
  unit: unitSchema.default('pcs'),
  /** Omitted: the tenant's default rate. */
  vatRate: vatRateSchema.optional(),
  mxik: mxikSchema.nullable().optional(),
  packageCode: packageCodeSchema.nullable().optional(),
  markingRequired: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type CreateProductBody = z.input<typeof createProductBody>;

export const updateProductBody = z.strictObject({
  sku: skuSchema.optional(),
  name: nameSchema(191).optional(),
  barcodes: z.array(barcodeSchema).max(20).optional(),
  price: priceSchema.optional(),
  unit: unitSchema.optional(),
  vatRate: vatRateSchema.optional(),
  mxik: mxikSchema.nullable().optional(),
  packageCode: packageCodeSchema.nullable().optional(),
  markingRequired: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type UpdateProductBody = z.input<typeof updateProductBody>;

export const productResponse = z.object({ product: productSchema });

export const listProductsQuery = z.strictObject({
  search: z.string().max(191).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  active: z.enum(['true', 'false', 'all']).default('all'),
});
export const listProductsResponse = z.object({
  products: z.array(productSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type ListProductsResponse = z.infer<typeof listProductsResponse>;

/** CSV header `sku,name,barcode,price,unit,vatRate,mxik`; price in so'm as written on a price tag. */
export const importCsvHeader = ['sku', 'name', 'barcode', 'price', 'unit', 'vatRate', 'mxik'] as const;
export const importResponse = z.object({
  imported: z.number(),
  updated: z.number(),
  /** Lines equal to the product as stored: nothing written, nothing for registers to pull. Older servers omit it. */
  unchanged: z.number().default(0),
  rejected: z.array(z.object({ line: z.number(), reason: z.string() })),
});
export type ImportResponse = z.infer<typeof importResponse>;

const productRef = {
  sku: skuSchema.optional(),
  productId: z.string().optional(),
};
/** Positive thousandths. */
export const qtySchema = z.number().int().min(1).max(1e12);

export const stockReceiptBody = z.strictObject({
  lines: z
    .array(
      z
        .strictObject({ ...productRef, qty: qtySchema })
        .refine((l) => Boolean(l.sku) !== Boolean(l.productId), 'sku or productId'),
    )
    .min(1)
    .max(5000),
  note: z.string().max(500).optional(),
});
export type StockReceiptBody = z.infer<typeof stockReceiptBody>;

export const stockAdjustmentBody = z
  .strictObject({
    ...productRef,
    countedQty: z.number().int().min(-1e12).max(1e12),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((b) => Boolean(b.sku) !== Boolean(b.productId), 'sku or productId');
export type StockAdjustmentBody = z.infer<typeof stockAdjustmentBody>;

export const stockLevelsResponse = z.object({
  levels: z.array(z.object({ productId: z.string(), sku: z.string(), name: z.string(), level: z.number() })),
});

/** `GET /stock`: active products with their level in the store, paged and searched like `GET /products`. */
export const stockPageQuery = z.strictObject({
  search: z.string().max(191).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Levels below this many thousandths are flagged low; default 5 units, as in the stock report. */
  lowBelow: z.coerce.number().int().min(0).max(1e12).default(5000),
  /** Only the problem rows: negative levels, or low ones (0 ≤ level < lowBelow). */
  only: z.enum(['negative', 'low']).optional(),
});
export type StockPageQuery = z.input<typeof stockPageQuery>;
export const stockItemSchema = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: unitSchema,
  /** Thousandths; negative after offline sales beyond the stock. */
  level: z.number(),
  negative: z.boolean(),
  low: z.boolean(),
});
export type StockItem = z.infer<typeof stockItemSchema>;
export const stockPageResponse = z.object({
  items: z.array(stockItemSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type StockPageResponse = z.infer<typeof stockPageResponse>;

export const stockReceiptResponse = z.object({
  receipt: z.object({
    id: z.string(),
    levels: z.array(z.object({ productId: z.string(), level: z.number() })),
  }),
});
export const stockAdjustmentResponse = z.object({
  adjustment: z.object({
    productId: z.string(),
    previous: z.number(),
    counted: z.number(),
    delta: z.number(),
  }),
});
