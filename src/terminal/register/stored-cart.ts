import { z } from 'zod';
import { unitSchema } from '../../common/protocol/catalog.js';
import type { CartState } from '../sale/cart.js';

const whole = z.number().int().safe();
const discountSchema = z.union([
  z.strictObject({ percentBp: whole.min(0).max(10_000) }),
  z.strictObject({ amount: whole.min(0) }),
]);
/** A stored cart is read back through this: a row written by an older pos or edited by hand is refused. */
const storedCartSchema = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        product: z.strictObject({
          productId: z.string().min(1),
          name: z.string(),
          unitPrice: whole.min(0),
          vatRate: whole.min(0).max(10_000),
          unit: unitSchema,
          mxik: z.string().nullable().optional(),
          packageCode: z.string().nullable().optional(),
        }),
        qty: whole.positive(),
        discount: discountSchema.nullable(),
        labelPrice: whole.positive().nullable(),
        fromScale: z.boolean(),
      }),
    )
    .min(1),
  discount: discountSchema.nullable(),
});

/** A cart stored as JSON (parked, or the open sale) read back: checked, frozen as the sale engine holds it. */
export function storedCart(json: unknown): CartState {
  const cart = storedCartSchema.parse(json);
  return Object.freeze({
    lines: Object.freeze(cart.lines.map((line) => Object.freeze({ ...line, product: { ...line.product } }))),
    discount: cart.discount,
  });
}
