import { z } from 'zod';
import { fiscalStatusSchema, unappliedChangeSchema } from './sync.js';

export const deviceStatuses = ['pending', 'active', 'revoked'] as const;
export const deviceStatusSchema = z.enum(deviceStatuses);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const deviceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'letters, digits, space, dot, dash or underscore');

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: deviceStatusSchema,
  activatedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  hostname: z.string().nullable(),
  unsentEvents: z.number().nullable(),
  oldestUnsentAt: z.string().nullable(),
  /** Server time − register time at its last push, ms; registers off by more than 2 minutes are flagged. */
  clockOffsetMs: z.number().nullable().optional(),
  /** The fiscal module's FactoryID the register reported (`pos fiscal set`); null when it fiscalises with none. */
  fiscalModuleId: z.string().nullable().optional(),
  /** The register's latest `device.status`; null until it sent one. */
  report: z
    .object({
      /** When the register made the report (its clock). */
      at: z.string(),
      appVersion: z.string(),
      fiscal: fiscalStatusSchema.nullable(),
      unapplied: z.object({ count: z.number(), items: z.array(unappliedChangeSchema) }),
    })
    .nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const createDeviceBody = z.strictObject({ name: deviceNameSchema.optional() });
export type CreateDeviceBody = z.infer<typeof createDeviceBody>;

export const createDeviceResponse = z.object({
  device: deviceSchema.pick({ id: true, name: true, status: true }),
  deviceKey: z.string(),
});
export type CreateDeviceResponse = z.infer<typeof createDeviceResponse>;

export const deviceListResponse = z.object({
  maxDevices: z.number(),
  used: z.number(),
  devices: z.array(deviceSchema),
});
export type DeviceListResponse = z.infer<typeof deviceListResponse>;

/** Revoking or re-keying a register that still reports unsent sales needs force. */
export const deviceActionQuery = z.strictObject({ force: z.enum(['true', 'false']).optional() });

export const deviceActionResponse = z.object({
  device: deviceSchema.pick({ id: true, name: true, status: true }),
});

export const resetKeyResponse = z.object({
  device: deviceSchema.pick({ id: true, name: true, status: true }),
  deviceKey: z.string(),
});

export const activateBody = z.strictObject({
  deviceKey: z.string().min(1).max(200),
  machine: z.strictObject({ hostname: z.string().max(191).optional() }).optional(),
});
export type ActivateBody = z.infer<typeof activateBody>;

export const activateResponse = z.object({
  deviceToken: z.string(),
  device: z.object({ id: z.string(), name: z.string(), status: z.literal('active') }),
  tenant: z.object({ id: z.string(), name: z.string() }),
  store: z.object({ id: z.string(), name: z.string(), currency: z.string() }),
});
export type ActivateResponse = z.infer<typeof activateResponse>;
