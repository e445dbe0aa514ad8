import { z } from 'zod';
import { auditDetailSchema, auditKindSchema } from './sync.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const reportGroups = ['day', 'device', 'cashier', 'product'] as const;

/** Dates are the store's calendar days (Asia/Tashkent), both ends included; default today. */
export const salesReportQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  groupBy: z.enum(reportGroups).default('day'),
});
export type SalesReportQuery = z.infer<typeof salesReportQuery>;

const figures = {
  /** Sales (receipts); for product rows, receipts that contain the product. */
  count: z.number(),
  sales: z.number(),
  refunds: z.number(),
  net: z.number(),
  vat: z.number(),
};

export const salesReportRow = z.object({
  key: z.string(),
  label: z.string(),
  ...figures,
  /** Product rows only: quantity sold minus refunded, in thousandths. */
  qty: z.number().optional(),
  /**
   * Cashier rows only, the figures an owner checks first for theft: lines voided, sales cancelled (or parked and
   * abandoned), and refunds made (`refundCount`, since `refunds` is already the refunded amount).
   */
  voids: z.number().optional(),
  cancels: z.number().optional(),
  refundCount: z.number().optional(),
});
export type SalesReportRow = z.infer<typeof salesReportRow>;

export const salesReportResponse = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(reportGroups),
  rows: z.array(salesReportRow),
  totals: z.object(figures),
  /** Money that came in per method, refunds paid back and change given already taken off. */
  payments: z.object({ cash: z.number(), card: z.number(), qr: z.number() }),
});
export type SalesReportResponse = z.infer<typeof salesReportResponse>;

export const shiftsReportQuery = z.strictObject({ from: day.optional(), to: day.optional() });

export const shiftReportRow = z.object({
  id: z.string(),
  device: z.string(),
  cashier: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  openingCash: z.number(),
  cashSales: z.number(),
  cashRefunds: z.number(),
  cashMoved: z.number(),
  expectedCash: z.number(),
  countedCash: z.number().nullable(),
  difference: z.number().nullable(),
  salesCount: z.number(),
  sales: z.number(),
  refunds: z.number(),
  /** As the sales report's payments, for this shift: money in per method, refunds and change taken off. */
  payments: z.object({ cash: z.number(), card: z.number(), qr: z.number() }),
});
export type ShiftReportRow = z.infer<typeof shiftReportRow>;
export const shiftsReportResponse = z.object({
  from: z.string(),
  to: z.string(),
  shifts: z.array(shiftReportRow),
});
export type ShiftsReportResponse = z.infer<typeof shiftsReportResponse>;

export const bestSellersQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const stockReportQuery = z.strictObject({
  /** Levels below this many units (thousandths) are flagged low; default 5 units. */
  lowBelow: z.coerce.number().int().min(0).max(1e12).default(5000),
});
export const stockReportResponse = z.object({
  levels: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      unit: z.string(),
      level: z.number(),
      negative: z.boolean(),
      low: z.boolean(),
    }),
  ),
  negativeCount: z.number(),
  lowCount: z.number(),
});
export type StockReportResponse = z.infer<typeof stockReportResponse>;

/** `<occurredAt ms>_<id>` of the last event of the previous page. */
const auditCursor = z.string().regex(/^\d{1,15}_[0-9a-f-]{1,36}$/, 'a cursor from the previous page');

/** Loss-relevant acts at the registers, newest first; `from`/`to` as the sales report (store days). */
export const auditReportQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  device: z.string().max(36).optional(),
  cashier: z.string().max(36).optional(),
  kind: auditKindSchema.optional(),
  cursor: auditCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditReportQuery = z.infer<typeof auditReportQuery>;

export const auditReportEvent = z.object({
  id: z.string(),
  kind: auditKindSchema,
  occurredAt: z.string(),
  receivedAt: z.string(),
  deviceId: z.string(),
  device: z.string().nullable(),
  shiftId: z.string().nullable(),
  cashierId: z.string().nullable(),
  cashier: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approver: z.string().nullable(),
  saleId: z.string().nullable(),
  amount: z.number().nullable(),
  reason: z.string().nullable(),
  detail: auditDetailSchema,
});
export type AuditReportEvent = z.infer<typeof auditReportEvent>;

export const auditReportResponse = z.object({
  from: z.string(),
  to: z.string(),
  events: z.array(auditReportEvent),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type AuditReportResponse = z.infer<typeof auditReportResponse>;
