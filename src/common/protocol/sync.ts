import { z } from 'zod';
import { MAX_SALE_LINES, MAX_SALE_PAYMENTS, MAX_SALE_TOTAL } from '../limits.js';
import { unitSchema } from './catalog.js';

/**
 * The register ↔ server sync contract. Amounts: integer minor units. Quantities: integer thousandths.
 * VAT rates: basis points. Times: ISO-8601 UTC. Ids: UUIDv7 made on the register.
 * A sale's id is the id of its `sale.completed` event; a refund's id is the id of its `sale.refunded` event.
 */
export const eventTypes = [
  'sale.completed',
  'sale.refunded',
  'shift.opened',
  'shift.closed',
  'cash.moved',
  'audit.recorded',
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;

const id = z.uuid();
const money = z.number().int();
const positiveQty = z.number().int().min(1);

export const paymentMethods = ['cash', 'card', 'qr'] as const;
export const paymentSchema = z.strictObject({
  method: z.enum(paymentMethods),
  amount: money.min(0),
  /** Card: `uzcard` | `humo` | `visa` | `mastercard`; QR: the provider (`click`, `payme`, `uzum`). */
  cardType: z.string().max(32).optional(),
  /** The card terminal's or QR provider's reference number. */
  reference: z.string().max(64).optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const saleLineSchema = z.strictObject({
  productId: id,
  name: z.string().max(191),
  qty: positiveQty,
  unitPrice: money.min(0),
  discount: money.min(0),
  total: money.min(0),
  vatRate: z.number().int().min(0).max(10_000),
  mxik: z
    .string()
    .regex(/^\d{17}$/)
    .optional(),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const saleCompletedData = z.strictObject({
  receiptNo: z.string().min(1).max(32),
  shiftId: id,
  cashierId: id,
  lines: z.array(saleLineSchema).min(1).max(MAX_SALE_LINES),
  discount: money.min(0),
  total: money.min(0),
  payments: z.array(paymentSchema).min(1).max(MAX_SALE_PAYMENTS),
  change: money.min(0),
});
export type SaleCompletedData = z.infer<typeof saleCompletedData>;

export const saleRefundedData = z.strictObject({
  refundNo: z.string().min(1).max(32),
  saleId: id,
  lines: z
    .array(z.strictObject({ productId: id, qty: positiveQty, total: money.min(0) }))
    .min(1)
    .max(1000),
  payments: z
    .array(z.strictObject({ method: z.enum(paymentMethods), amount: money.min(0) }))
    .min(1)
    .max(10),
  total: money.min(0),
  /** The shift the refund was made in (it may differ from the sale's); cashier who made it. */
  shiftId: id.optional(),
  cashierId: id.optional(),
  reason: z.string().max(500).optional(),
});
export type SaleRefundedData = z.infer<typeof saleRefundedData>;

export const shiftOpenedData = z.strictObject({ shiftId: id, cashierId: id, openingCash: money.min(0) });
export const shiftClosedData = z.strictObject({ shiftId: id, countedCash: money.min(0) });
export const cashMovedData = z.strictObject({
  shiftId: id,
  amount: money,
  reason: z.string().min(1).max(500),
});

/**
 * Loss-relevant acts at the register, for the owner's audit report. The first eight are the contract's kinds; the
 * rest are what a register also records (a refund and a cash movement also arrive as their own events, so reports
 * count those from `sale.refunded` and `cash.moved`, never from here).
 */
export const auditKinds = [
  'line.voided',
  'sale.cancelled',
  'sale.abandoned',
  'discount.given',
  'drawer.opened',
  'pin.failed',
  'approval.given',
  'quit.with.open.sale',
  'sale.parked',
  'sale.resumed',
  'refund.given',
  'price.overridden',
  'cash.in',
  'cash.out',
  'pin.locked',
] as const;
export const auditKindSchema = z.enum(auditKinds);
export type AuditKind = z.infer<typeof auditKindSchema>;

const MAX_DETAIL_KEYS = 20;
/** What the register knew about the act (product, quantities, discount…): flat, small, shown as `key: value`. */
export const auditDetailSchema = z
  .record(
    z.string().min(1).max(40),
    z.union([z.string().max(191), z.number().finite(), z.boolean(), z.null()]),
  )
  .refine((detail) => Object.keys(detail).length <= MAX_DETAIL_KEYS, `at most ${MAX_DETAIL_KEYS} fields`);
export type AuditDetail = z.infer<typeof auditDetailSchema>;

export const auditRecordedData = z.strictObject({
  kind: auditKindSchema,
  shiftId: id.optional(),
  cashierId: id.optional(),
  /** The supervisor whose PIN allowed the act. */
  approvedBy: id.optional(),
  saleId: id.optional(),
  /** The money the act concerns (a voided line's total, a discount, a cancelled cart), in minor units. */
  amount: money.min(-MAX_SALE_TOTAL).max(MAX_SALE_TOTAL).optional(),
  reason: z.string().max(500).optional(),
  detail: auditDetailSchema,
});
export type AuditRecordedData = z.infer<typeof auditRecordedData>;

export const eventDataSchemas = {
  'sale.completed': saleCompletedData,
  'sale.refunded': saleRefundedData,
  'shift.opened': shiftOpenedData,
  'shift.closed': shiftClosedData,
  'cash.moved': cashMovedData,
  'audit.recorded': auditRecordedData,
} as const satisfies Record<EventType, z.ZodType>;

export const syncEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    id,
    type: z.literal('sale.completed'),
    occurredAt: z.iso.datetime(),
    data: saleCompletedData,
  }),
  z.strictObject({
    id,
    type: z.literal('sale.refunded'),
    occurredAt: z.iso.datetime(),
    data: saleRefundedData,
  }),
  z.strictObject({
    id,
    type: z.literal('shift.opened'),
    occurredAt: z.iso.datetime(),
    data: shiftOpenedData,
  }),
  z.strictObject({
    id,
    type: z.literal('shift.closed'),
    occurredAt: z.iso.datetime(),
    data: shiftClosedData,
  }),
  z.strictObject({ id, type: z.literal('cash.moved'), occurredAt: z.iso.datetime(), data: cashMovedData }),
  z.strictObject({
    id,
    type: z.literal('audit.recorded'),
    occurredAt: z.iso.datetime(),
    data: auditRecordedData,
  }),
]);
export type SyncEvent = z.infer<typeof syncEventSchema>;

export const MAX_PUSH_EVENTS = 500;

/**
 * Events are checked one by one on the server (a malformed one is `rejected`, the rest applied), so the
 * batch schema only bounds the envelope. `outbox` is the register's report of what it still holds.
 */
export const pushBody = z.strictObject({
  events: z.array(z.unknown()).max(MAX_PUSH_EVENTS),
  outbox: z
    .strictObject({ pending: z.number().int().min(0), oldestAt: z.iso.datetime().nullable() })
    .optional(),
});
export type PushBody = z.infer<typeof pushBody>;

export const pushResultStatus = z.enum(['applied', 'duplicate', 'rejected']);
export const pushResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      status: pushResultStatus,
      error: z.string().optional(),
      /** The store change version at which the event's effects (stock) became part of the pull stream. */
      version: z.number().optional(),
    }),
  ),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const pullQuery = z.strictObject({
  cursor: z.string().regex(/^\d*$/).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const productChangeData = z.object({
  sku: z.string(),
  name: z.string(),
  barcodes: z.array(z.string()),
  price: z.number(),
  unit: unitSchema,
  vatRate: z.number(),
  mxik: z.string().nullable(),
  packageCode: z.string().nullable().optional(),
  markingRequired: z.boolean().optional(),
  active: z.boolean(),
});
export const stockChangeData = z.object({ level: z.number() });
/** People who log in at a register with a PIN; `role` absent (an older server) means a cashier. */
export const pinRoles = ['cashier', 'supervisor'] as const;
export type PinRole = (typeof pinRoles)[number];
export const cashierChangeData = z.object({
  name: z.string(),
  pinHash: z.string().nullable(),
  active: z.boolean(),
  role: z.enum(pinRoles).optional(),
});
export const settingsChangeData = z.object({
  storeName: z.string(),
  currency: z.string(),
  defaultVatRate: z.number(),
  /** Cash totals rounded to this many minor units (0, 5000 or 10000 for 50 or 100 so'm). */
  cashRounding: z.number(),
  /** Scale labels: EAN-13 with a prefix 20–29; `weight` or `price` inside. */
  scaleBarcode: z
    .object({
      prefixes: z.array(z.string()),
      itemDigits: z.number(),
      value: z.enum(['weight', 'price']),
    })
    .nullable(),
  receiptHeader: z.string().nullable(),
  /** Largest discount a cashier may give, in basis points of the line or cart. */
  maxCashierDiscount: z.number(),
});

export const changeSchema = z.discriminatedUnion('entity', [
  z.object({
    entity: z.literal('product'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: productChangeData.nullable(),
  }),
  z.object({
    entity: z.literal('stock'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: stockChangeData.nullable(),
  }),
  z.object({
    entity: z.literal('cashier'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: cashierChangeData.nullable(),
  }),
  z.object({
    entity: z.literal('settings'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: settingsChangeData.nullable(),
  }),
]);
export type Change = z.infer<typeof changeSchema>;

export const pullResponse = z.object({
  changes: z.array(changeSchema),
  /** The version this page is complete up to; send it back as `cursor`. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponse>;
