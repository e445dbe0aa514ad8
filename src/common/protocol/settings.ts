import { z } from 'zod';
import type { settingsChangeData } from './sync.js';
import { vatRateSchema } from './catalog.js';

export type StoreSettings = z.infer<typeof settingsChangeData>;

export const scaleBarcodeSchema = z.strictObject({
  prefixes: z.array(z.string().regex(/^2\d$/, 'two digits 20–29')).min(1).max(10),
  itemDigits: z.number().int().min(4).max(6),
  value: z.enum(['weight', 'price']),
});

/** STIR (soliq to‘lovchining identifikatsiya raqami): the 9-digit tax id printed on fiscal receipts. */
export const stirSchema = z.string().regex(/^\d{9}$/, '9 digits');

/** What an owner may change; store name and currency come from the tenant and store. */
export const updateSettingsBody = z.strictObject({
  /** 0 (off), 5000 or 10000 tiyin: cash totals rounded to 50 or 100 so'm, the smallest coins in use. */
  cashRounding: z
    .literal([0, 5000, 10_000], { error: "0, 5000 or 10000 (tiyin: off, 50 or 100 so'm)" })
    .optional(),
  scaleBarcode: scaleBarcodeSchema.nullable().optional(),
  receiptHeader: z.string().max(500).nullable().optional(),
  maxCashierDiscount: z.number().int().min(0).max(10_000).optional(),
  defaultVatRate: vatRateSchema.optional(),
  /** The seller as the fiscal receipt names it. */
  legalName: z.string().trim().min(1).max(191).nullable().optional(),
  stir: stirSchema.nullable().optional(),
  address: z.string().trim().min(1).max(300).nullable().optional(),
  fiscalDataRequired: z.boolean().optional(),
});
export type UpdateSettingsBody = z.infer<typeof updateSettingsBody>;
