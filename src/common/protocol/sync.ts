import { z } from 'zod';
import {
  MAX_CASH_MOVE,
  MAX_LINE_QTY,
  MAX_LINE_TOTAL,
  MAX_OUTBOX_PENDING,
  MAX_SALE_LINES,
  MAX_SALE_PAYMENTS,
  MAX_SALE_TOTAL,
  MAX_UNIT_PRICE,
} from '../limits.js';
import { mxikSchema, packageCodeSchema, unitSchema, vatRateSchema } from './catalog.js';

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
  'sale.fiscalised',
  'audit.recorded',
  'device.status',
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;

const id = z.uuid();
/** Every amount and count is bounded (src/common/limits.ts), so sums in reports stay exact on both databases. */
const money = z.number().int().min(0).max(MAX_SALE_TOTAL);
const lineMoney = z.number().int().min(0).max(MAX_LINE_TOTAL);
const positiveQty = z.number().int().min(1).max(MAX_LINE_QTY);
/** A marking code as the FM takes it in `Label`: printable ASCII and the GS1 group separator. */
export const markingCodeSchema = z
  .string()
  .min(1)
  .max(63)
  .refine(
    (code) => [...code].every((c) => c === '\u001d' || (c >= '!' && c <= '~')),
    'printable ASCII and the group separator only',
  );
/** Units of marked goods on one line: each is scanned at the till, so a line never holds many. */
const MAX_MARKING_CODES = 1000;

export const paymentMethods = ['cash', 'card', 'qr'] as const;
export const paymentSchema = z.strictObject({
  method: z.enum(paymentMethods),
  amount: money,
  /** Card: `uzcard` | `humo` | `visa` | `mastercard`; QR: the provider (`click`, `payme`, `uzum`). */
  cardType: z.string().max(32).optional(),
  /** The card terminal's or QR provider's reference number. */
  reference: z.string().max(64).optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

/**
 * A sold line as the money rule (`src/common/money-rule.ts`) stored it: `gross` before discounts, `discount`
 * (own + share of the sale discount + share of the cash rounding), `total` = gross − discount, `vat` inside it.
 * `gross`, `vat` and `unit` are absent from registers older than the money rule; the server derives them.
 */
export const saleLineSchema = z.strictObject({
  productId: id,
  name: z.string().max(191),
  qty: positiveQty,
  unitPrice: z.number().int().min(0).max(MAX_UNIT_PRICE),
  gross: lineMoney.optional(),
  discount: lineMoney,
  total: lineMoney,
  vatRate: vatRateSchema,
  vat: lineMoney.optional(),
  unit: unitSchema.optional(),
  packageCode: packageCodeSchema.optional(),
  mxik: mxikSchema.optional(),
  /**
   * Marked goods: the code scanned for each unit (FISCAL.md, ≤ 63 ASCII characters), so a refund on another
   * register quotes the same codes to its FM. Absent from registers older than it and for unmarked goods.
   */
  markingCodes: z.array(markingCodeSchema).min(1).max(MAX_MARKING_CODES).optional(),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const saleCompletedData = z.strictObject({
  receiptNo: z.string().min(1).max(32),
  shiftId: id,
  cashierId: id,
  lines: z.array(saleLineSchema).min(1).max(MAX_SALE_LINES),
  discount: money,
  total: money,
  payments: z.array(paymentSchema).min(1).max(MAX_SALE_PAYMENTS),
  change: money,
  /** The cash part's rounding down, already inside the lines' discounts (money-rule registers only). */
  rounding: money.optional(),
});
export type SaleCompletedData = z.infer<typeof saleCompletedData>;

/** A refunded line; the money-rule fields are absent from older registers (the server derives them). */
export const refundLineSchema = z.strictObject({
  productId: id,
  qty: positiveQty,
  gross: lineMoney.optional(),
  discount: lineMoney.optional(),
  total: lineMoney,
  vatRate: vatRateSchema.optional(),
  vat: lineMoney.optional(),
  unit: unitSchema.optional(),
  packageCode: packageCodeSchema.optional(),
  mxik: mxikSchema.optional(),
});
export type RefundLine = z.infer<typeof refundLineSchema>;

export const saleRefundedData = z.strictObject({
  refundNo: z.string().min(1).max(32),
  saleId: id,
  lines: z.array(refundLineSchema).min(1).max(MAX_SALE_LINES),
  payments: z
    .array(
      z.strictObject({
        method: z.enum(paymentMethods),
        amount: money,
        cardType: z.string().max(32).optional(),
        reference: z.string().max(64).optional(),
      }),
    )
    .min(1)
    .max(MAX_SALE_PAYMENTS),
  total: money,
  /** The cash part's rounding down, already inside the lines' discounts. */
  rounding: money.optional(),
  /** The shift the refund was made in (it may differ from the sale's); cashier who made it. */
  shiftId: id.optional(),
  cashierId: id.optional(),
  reason: z.string().max(500).optional(),
});
export type SaleRefundedData = z.infer<typeof saleRefundedData>;

const drawerCash = z.number().int().min(0).max(MAX_CASH_MOVE);
export const shiftOpenedData = z.strictObject({ shiftId: id, cashierId: id, openingCash: drawerCash });
export const shiftClosedData = z.strictObject({ shiftId: id, countedCash: drawerCash });
export const cashMovedData = z.strictObject({
  shiftId: id,
  amount: z.number().int().min(-MAX_CASH_MOVE).max(MAX_CASH_MOVE),
  reason: z.string().min(1).max(500),
});

/** The fiscal module's answer for a sale or a refund (exactly one of the two ids), kept with it. */
export const saleFiscalisedData = z
  .strictObject({
    saleId: id.optional(),
    refundId: id.optional(),
    terminalId: z.string().regex(/^[A-Z]{2}\d{12}$/),
    receiptSeq: z.number().int().min(1),
    dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    fiscalSign: z.string().regex(/^\d{1,20}$/),
    qrUrl: z.url().max(255),
  })
  .refine((d) => (d.saleId === undefined) !== (d.refundId === undefined), {
    message: 'exactly one of saleId and refundId',
  });
export type SaleFiscalisedData = z.infer<typeof saleFiscalisedData>;
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

/**
 * The register's fiscal module as it last saw it; the owner's countdown runs to `blockAfterHours` after
 * `oldestUnsentAt` (the fiscal module refuses sales past it).
 */
export const fiscalStatusSchema = z.strictObject({
  terminalId: z.string().max(32),
  locked: z.boolean(),
  zOpen: z.boolean(),
  unsent: z.number().int().min(0),
  oldestUnsentAt: z.iso.datetime().nullable(),
  memoryLeft: z.number().int().min(0).nullable(),
  /**
   * When this register's FM blocks, as set at the register (`pos fiscal set … --block-after`); absent from
   * registers older than the field, whose countdown is then FISCAL_UNSENT_LIMIT_MS (24 h).
   */
  blockAfterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .optional(),
});
export type FiscalStatus = z.infer<typeof fiscalStatusSchema>;

/** A pulled change the register could not apply, kept on the register until a later change or version applies. */
export const unappliedChangeSchema = z.strictObject({
  entity: z.string().max(32),
  id: z.string().max(64),
  reason: z.string().max(500),
  /** The server's change version the change came with (0 when the server did not say). */
  version: z.number().int().min(0),
});
export type UnappliedChange = z.infer<typeof unappliedChangeSchema>;

/** At most this many unapplied changes are listed in one report; `count` says how many there are. */
export const MAX_REPORTED_UNAPPLIED = 20;

/** Sent when it changed since the register's last report, not every round. */
export const deviceStatusData = z.strictObject({
  fiscal: fiscalStatusSchema.optional(),
  /** The FM's FactoryID this register is set to (`pos fiscal set`), sent even when the FM does not answer. */
  fiscalModuleId: z.string().trim().min(1).max(64).optional(),
  appVersion: z.string().min(1).max(32),
  unapplied: z
    .strictObject({
      count: z.number().int().min(0),
      items: z.array(unappliedChangeSchema).max(MAX_REPORTED_UNAPPLIED),
    })
    .optional(),
});
export type DeviceStatusData = z.infer<typeof deviceStatusData>;

export const eventDataSchemas = {
  'sale.completed': saleCompletedData,
  'sale.refunded': saleRefundedData,
  'shift.opened': shiftOpenedData,
  'shift.closed': shiftClosedData,
  'cash.moved': cashMovedData,
  'sale.fiscalised': saleFiscalisedData,
  'audit.recorded': auditRecordedData,
  'device.status': deviceStatusData,
} as const satisfies Record<EventType, z.ZodType>;

/** The most a register's clock is trusted to be off by (a year): beyond it the register's offset is nonsense. */
export const MAX_CLOCK_OFFSET_MS = 366 * 24 * 3_600_000;
/**
 * Server time − register time known when the event was made (absent before the register's first sync): the server
 * places the event by it, so a batch spanning a clock correction lands each event on its own day.
 */
const clockOffsetMs = z.number().int().min(-MAX_CLOCK_OFFSET_MS).max(MAX_CLOCK_OFFSET_MS).optional();

export const syncEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    id,
    type: z.literal('sale.completed'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: saleCompletedData,
  }),
  z.strictObject({
    id,
    type: z.literal('sale.refunded'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: saleRefundedData,
  }),
  z.strictObject({
    id,
    type: z.literal('shift.opened'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: shiftOpenedData,
  }),
  z.strictObject({
    id,
    type: z.literal('shift.closed'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: shiftClosedData,
  }),
  z.strictObject({
    id,
    type: z.literal('cash.moved'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: cashMovedData,
  }),
  z.strictObject({
    id,
    type: z.literal('sale.fiscalised'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: saleFiscalisedData,
  }),
  z.strictObject({
    id,
    type: z.literal('audit.recorded'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: auditRecordedData,
  }),
  z.strictObject({
    id,
    type: z.literal('device.status'),
    occurredAt: z.iso.datetime(),
    clockOffsetMs,
    data: deviceStatusData,
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
    .strictObject({
      pending: z.number().int().min(0).max(MAX_OUTBOX_PENDING),
      oldestAt: z.iso.datetime().nullable(),
    })
    .optional(),
  /**
   * The register's clock when it sent this push. The server learns the register's clock offset from it and
   * places the batch's events by the corrected time.
   */
  sentAt: z.iso.datetime().optional(),
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
  /**
   * The register was revoked (or its key reset): this push was still taken for what it made before, and it
   * must stop selling.
   */
  revoked: z.boolean().optional(),
  /** The server's clock when it answered: the register keeps the offset and warns when it is over 2 minutes. */
  serverTime: z.string().optional(),
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
  /** Cash totals rounded to this many minor units (0, 5000 or 10000 for 50 or 100 so‘m). */
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
  /** Which acts need a supervisor's PIN at the register; absent (an older server) means none. */
  approvals: z
    .object({
      refund: z.boolean(),
      voidAfterPayment: z.boolean(),
      /** Cancelling a sale whose total is above this (minor units); null: never asked. */
      cancelAbove: z.number().nullable(),
      discountAboveLimit: z.boolean(),
      cashOut: z.boolean(),
    })
    .optional(),
  /** Product ids of the quick-key grid, in grid order (at most 20); absent means no grid. */
  quickKeys: z.array(z.string()).optional(),
  /** The seller on fiscal receipts; absent from servers older than these settings. */
  legalName: z.string().nullable().optional(),
  /** STIR (tax id), 9 digits. */
  stir: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  /** Refuse at the scan a product without MXIK or package code. */
  fiscalDataRequired: z.boolean().optional(),
  /** Days of its own sales a register keeps for refunds and reprints; absent (an older server) means 90. */
  registerKeepDays: z.number().int().positive().optional(),
});

/** The store change version a change belongs to; optional, as servers before protocol version 2 left it out. */
const changeVersion = z.number().int().min(0).optional();

export const changeSchema = z.discriminatedUnion('entity', [
  z.object({
    entity: z.literal('product'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: productChangeData.nullable(),
    version: changeVersion,
  }),
  z.object({
    entity: z.literal('stock'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: stockChangeData.nullable(),
    version: changeVersion,
  }),
  z.object({
    entity: z.literal('cashier'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: cashierChangeData.nullable(),
    version: changeVersion,
  }),
  z.object({
    entity: z.literal('settings'),
    op: z.enum(['upsert', 'delete']),
    id: z.string(),
    data: settingsChangeData.nullable(),
    version: changeVersion,
  }),
]);
export type Change = z.infer<typeof changeSchema>;

/**
 * The shape of pull changes this code speaks. 2: changes carry their `version`, answers carry `protocolVersion`
 * and `minRegisterVersion`, registers report `device.status`. Raise it whenever an entity or a field is added.
 */
export const PROTOCOL_VERSION = 2;

export const pullResponse = z.object({
  changes: z.array(changeSchema),
  /** The version this page is complete up to; send it back as `cursor`. */
  cursor: z.string(),
  hasMore: z.boolean(),
  /** Optional: servers before protocol version 2 leave both out. */
  protocolVersion: z.number().int().min(1).optional(),
  /** The oldest register version (`x.y.z`) this server still serves pull pages to. */
  minRegisterVersion: z.string().max(32).optional(),
  /** The server's clock when it answered: a register learns its clock offset on every round, idle ones too. */
  serverTime: z.string().optional(),
});
export type PullResponse = z.infer<typeof pullResponse>;

/**
 * `pos export-unsent` writes a register's waiting events to a file for a PC that cannot reach the server: a header
 * line, then one event per line exactly as a push would send it. The header carries the register's device token
 * (the server checks it is one it issued to a register of the importer's shop) and an HMAC-SHA256 of the event
 * lines keyed with that token, so a damaged or edited file is refused before anything is sent.
 */
export const UNSENT_FILE_FORMAT = 'posapp-unsent/1';
export const unsentFileHeader = z.strictObject({
  format: z.literal(UNSENT_FILE_FORMAT),
  deviceId: id,
  deviceName: z.string().min(1).max(64),
  tenantId: id,
  storeId: id,
  exportedAt: z.iso.datetime(),
  count: z.number().int().min(0).max(MAX_OUTBOX_PENDING),
  deviceToken: z.string().min(1).max(4096),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type UnsentFileHeader = z.infer<typeof unsentFileHeader>;

/** `POST /sync/import` (owner/admin): one batch of an exported file, checked exactly as the register's push. */
export const importBody = z.strictObject({
  deviceToken: z.string().min(1).max(4096),
  events: z.array(z.unknown()).max(MAX_PUSH_EVENTS),
});
export type ImportBody = z.infer<typeof importBody>;
