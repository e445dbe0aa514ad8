import { z } from 'zod';
import { unitSchema } from './catalog.js';
import { paymentMethods } from './sync.js';

/**
 * `GET /sales/lookup?receipt=` (a register's device token): one sale of the register's own store, so a refund
 * can be made on another register than the one that sold. `receipt` is the full number (`POS-01-000123`) or the
 * digits at its end (`123`), which name a sale only when one register of the store has that number.
 */
export const saleLookupQuery = z.strictObject({
  receipt: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9-]+$/, 'a receipt number, e.g. POS-01-000123 or 123'),
});
export type SaleLookupQuery = z.infer<typeof saleLookupQuery>;

const fiscalOfSale = z.object({
  terminalId: z.string(),
  receiptSeq: z.number().int(),
  dateTime: z.string(),
  fiscalSign: z.string(),
  qrUrl: z.string(),
  /**
   * The register of the store whose last sync reported this fiscal module (FMs are USB keys and move between
   * PCs): a refund must go through it. Null when no register reports it now.
   */
  heldBy: z.string().nullable(),
});
export type SaleFiscalResult = z.infer<typeof fiscalOfSale>;

export const saleLookupResponse = z.object({
  sale: z.object({
    id: z.string(),
    receiptNo: z.string(),
    occurredAt: z.string(),
    /** The register that made the sale. */
    register: z.object({ id: z.string(), name: z.string() }),
    shiftId: z.string(),
    cashierId: z.string(),
    /** The stored line values (money rule), in the sale's order. */
    lines: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        qty: z.number().int(),
        unitPrice: z.number().int(),
        gross: z.number().int(),
        discount: z.number().int(),
        total: z.number().int(),
        vatRate: z.number().int(),
        vat: z.number().int(),
        unit: unitSchema.nullable(),
        packageCode: z.string().nullable(),
        mxik: z.string().nullable(),
        /**
         * The units' marking codes (marked goods), as the selling register sent them; empty when it sent none
         * (unmarked goods, or a register older than the codes in the sync).
         */
        markingCodes: z.array(z.string()).default([]),
        /** Already refunded of this line by any register (a product's refunds taken from its lines in order). */
        refunded: z.number().int(),
      }),
    ),
    discount: z.number().int(),
    total: z.number().int(),
    change: z.number().int(),
    payments: z.array(
      z.object({
        method: z.enum(paymentMethods),
        amount: z.number().int(),
        cardType: z.string().nullable(),
        reference: z.string().nullable(),
      }),
    ),
    /** Refunds of this sale the server holds, from any register of the store, oldest first. */
    refunds: z.array(
      z.object({
        id: z.string(),
        refundNo: z.string(),
        register: z.string(),
        occurredAt: z.string(),
        total: z.number().int(),
        lines: z.array(z.object({ productId: z.string(), qty: z.number().int(), total: z.number().int() })),
        payments: z.array(z.object({ method: z.enum(paymentMethods), amount: z.number().int() })),
      }),
    ),
    /** The fiscal module's result for the sale; null when it was not fiscalised (or its result not synced). */
    fiscal: fiscalOfSale.nullable(),
  }),
});
export type SaleLookupResponse = z.infer<typeof saleLookupResponse>;
export type LookedUpSale = SaleLookupResponse['sale'];
