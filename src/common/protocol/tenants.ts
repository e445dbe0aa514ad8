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

export const tenantListItem = z.object({
  id: z.string(),
  name: z.string(),
  maxDevices: z.number(),
  used: z.number(),
  createdAt: z.string(),
});
export const tenantListResponse = z.object({ tenants: z.array(tenantListItem) });
export type TenantListResponse = z.infer<typeof tenantListResponse>;

export const maxDevicesBody = z.strictObject({ maxDevices: maxDevicesSchema });
export const maxDevicesResponse = z.object({ tenant: tenantSchema });
