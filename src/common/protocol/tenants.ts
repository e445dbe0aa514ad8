import { z } from 'zod';
import { nameSchema } from '../names.js';
import { emailSchema, passwordSchema } from './auth.js';
import { deviceSchema } from './devices.js';

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. UZS');

export const maxDevicesSchema = z.number().int().min(1).max(1000);

export const bootstrapBody = z.strictObject({
  tenantName: nameSchema(191),
  storeName: nameSchema(191),
  ownerEmail: emailSchema,
  ownerPassword: passwordSchema,
  maxDevices: maxDevicesSchema.default(1),
  currency: currencySchema.default('UZS'),
});
export type BootstrapBody = z.input<typeof bootstrapBody>;

export const tenantSchema = z.object({ id: z.string(), name: z.string(), maxDevices: z.number() });
export type Tenant = z.infer<typeof tenantSchema>;

export const storeSchema = z.object({ id: z.string(), name: z.string() });

export const bootstrapResponse = z.object({
  tenant: tenantSchema,
  store: storeSchema,
  owner: z.object({ id: z.string(), email: z.string(), role: z.literal('owner') }),
  device: deviceSchema.pick({ id: true, name: true, status: true }),
  deviceKey: z.string(),
});
export type BootstrapResponse = z.infer<typeof bootstrapResponse>;

export const tenantSorts = ['created', 'limitHits'] as const;

/** `sort=limitHits`: the tenants who asked for more registers most often first (the seller's list to call). */
export const tenantListQuery = z.strictObject({
  search: z.string().trim().max(191).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  sort: z.enum(tenantSorts).default('created'),
});
export type TenantListQuery = z.input<typeof tenantListQuery>;

export const tenantListItem = z.object({
  id: z.string(),
  name: z.string(),
  maxDevices: z.number(),
  devicesUsed: z.number(),
  /** The same as devicesUsed, for CLIs that read it before the list grew. */
  used: z.number(),
  ownerEmail: z.string().nullable(),
  limitHits: z.number(),
  lastLimitHitAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TenantListItem = z.infer<typeof tenantListItem>;
export const tenantListResponse = z.object({
  tenants: z.array(tenantListItem),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type TenantListResponse = z.infer<typeof tenantListResponse>;

export const licenceNoteSchema = z.string().trim().min(1).max(500);

export const maxDevicesBody = z.strictObject({
  maxDevices: maxDevicesSchema,
  /** Why the licence changed, e.g. the payment reference. */
  note: licenceNoteSchema.optional(),
});

export const licenceEntry = z.object({
  at: z.string(),
  by: z.string(),
  from: z.number(),
  to: z.number(),
  note: z.string().nullable(),
});
export type LicenceEntry = z.infer<typeof licenceEntry>;
export const licenceHistoryResponse = z.object({ entries: z.array(licenceEntry) });
export type LicenceHistoryResponse = z.infer<typeof licenceHistoryResponse>;
export const maxDevicesResponse = z.object({ tenant: tenantSchema });
