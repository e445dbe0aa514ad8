import { z } from 'zod';
import { settingsChangeData } from './sync.js';
import { MAX_SALE_TOTAL } from '../limits.js';
import { vatRateSchema } from './catalog.js';

export type StoreSettings = z.infer<typeof settingsChangeData>;

export const scaleBarcodeSchema = z.strictObject({
  prefixes: z.array(z.string().regex(/^2\d$/, 'two digits 20–29')).min(1).max(10),
  itemDigits: z.number().int().min(4).max(6),
  value: z.enum(['weight', 'price']),
});

export const MAX_QUICK_KEYS = 20;
/** The key that picks each grid cell at the register: the digit row, then the row under it, as the keyboard lies. */
export const QUICK_KEY_LABELS = '1234567890qwertyuiop';

/** Days a register keeps its own sales (for refunds and reprints); older ones are refunded through the server. */
export const REGISTER_KEEP_DAYS = { default: 90, min: 7, max: 3650 } as const;
export const registerKeepDaysSchema = z
  .number()
  .int()
  .min(REGISTER_KEEP_DAYS.min)
  .max(REGISTER_KEEP_DAYS.max);

export const approvalsSchema = z.strictObject({
  refund: z.boolean(),
  voidAfterPayment: z.boolean(),
  cancelAbove: z.number().int().min(0).max(MAX_SALE_TOTAL).nullable(),
  discountAboveLimit: z.boolean(),
  cashOut: z.boolean(),
});
export type Approvals = z.infer<typeof approvalsSchema>;

export const quickKeysSchema = z
  .array(z.uuid())
  .max(MAX_QUICK_KEYS)
  .refine((ids) => new Set(ids).size === ids.length, 'a product only once');
/** STIR (soliq to‘lovchining identifikatsiya raqami): the 9-digit tax id printed on fiscal receipts. */
export const stirSchema = z.string().regex(/^\d{9}$/, '9 digits');

/** What an owner may change; store name and currency come from the tenant and store. */
export const updateSettingsBody = z.strictObject({
  /** 0 (off), 5000 or 10000 tiyin: cash totals rounded to 50 or 100 so‘m, the smallest coins in use. */
  cashRounding: z
    .literal([0, 5000, 10_000], { error: '0, 5000 or 10000 (tiyin: off, 50 or 100 so‘m)' })
    .optional(),
  scaleBarcode: scaleBarcodeSchema.nullable().optional(),
  receiptHeader: z.string().max(500).nullable().optional(),
  maxCashierDiscount: z.number().int().min(0).max(10_000).optional(),
  defaultVatRate: vatRateSchema.optional(),
  /** Only the acts given change; the others keep their setting. */
  approvals: approvalsSchema.partial().optional(),
  quickKeys: quickKeysSchema.optional(),
  /** The seller as the fiscal receipt names it. */
  legalName: z.string().trim().min(1).max(191).nullable().optional(),
  stir: stirSchema.nullable().optional(),
  address: z.string().trim().min(1).max(300).nullable().optional(),
  fiscalDataRequired: z.boolean().optional(),
  /** How many days of sales each register keeps on its disk, 7–3650 (default 90). */
  registerKeepDays: registerKeepDaysSchema.optional(),
});
export type UpdateSettingsBody = z.infer<typeof updateSettingsBody>;

/** GET and PATCH /settings: the settings registers get, and the quick keys' products for showing them. */
export const settingsResponse = z.object({
  settings: settingsChangeData,
  /** `active: false`: taken off sale since it was put on a key (the register shows its key as `—`). */
  quickKeyProducts: z
    .array(z.object({ id: z.string(), sku: z.string(), name: z.string(), active: z.boolean().optional() }))
    .optional(),
});
export type SettingsResponse = z.infer<typeof settingsResponse>;
