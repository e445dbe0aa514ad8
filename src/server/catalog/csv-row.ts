import { z } from 'zod';
import { nameSchema } from '../../common/names.js';
import { parseMoney } from '../../common/money.js';
import {
  barcodeSchema,
  mxikSchema,
  priceSchema,
  skuSchema,
  unitSchema,
} from '../../common/protocol/catalog.js';

/**
 * One CSV line as a shop keeps its price list: price in so'm as on the price tag (decimals allowed, converted to
 * minor units), VAT in percent (12 → 1200 bp), several barcodes separated by `|`. Empty optional cells → null.
 */
export const csvRowSchema = z.strictObject({
  sku: skuSchema,
  name: nameSchema(191),
  barcode: z
    .string()
    .transform((cell) =>
      cell
        .split('|')
        .map((code) => code.trim())
        .filter((code) => code.length > 0),
    )
    .pipe(z.array(barcodeSchema).max(20)),
  price: z
    .string()
    .transform((cell, ctx) => {
      const minor = parseMoney(cell);
      if (minor === null) {
        ctx.addIssue({ code: 'custom', message: "not an amount in so'm" });
        return z.NEVER;
      }
      return minor;
    })
    .pipe(priceSchema),
  unit: z
    .string()
    .transform((cell) => cell.trim().toLowerCase() || 'pcs')
    .pipe(unitSchema),
  vatRate: z.string().transform((cell, ctx) => {
    const text = cell.trim().replace(',', '.').replace(/%$/, '');
    if (text === '') return null;
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) > 100) {
      ctx.addIssue({ code: 'custom', message: 'a percentage from 0 to 100' });
      return z.NEVER;
    }
    return Math.round(Number(text) * 100);
  }),
  mxik: z
    .string()
    .transform((cell) => cell.trim() || null)
    .pipe(mxikSchema.nullable()),
});
export type CsvRow = z.output<typeof csvRowSchema>;

/** First issue as `field: reason`, the way the import reports a rejected line. */
export function csvRowProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || 'row'}: ${issue.message}`;
}
