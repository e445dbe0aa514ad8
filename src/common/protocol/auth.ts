import { z } from 'zod';
import { languages } from '../i18n/index.js';

export const roles = ['superadmin', 'owner', 'admin', 'supervisor', 'cashier'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(191));
/** Long enough to resist guessing, short enough for the slow hash; bounded so a huge body cannot stall scrypt. */
export const passwordSchema = z.string().min(8).max(200);

/**
 * What a session or device token carries, checked after the signature (registered claims such as `iat` and `exp`
 * are checked by the verifier and dropped here). `tid` null: the platform owner, who belongs to no tenant.
 */
export const userClaimsSchema = z.object({
  typ: z.literal('user'),
  sub: z.string().min(1),
  sid: z.string().min(1),
  tid: z.string().min(1).nullable(),
  role: roleSchema,
});
export type UserClaims = z.infer<typeof userClaimsSchema>;

/** `ver` is bumped by revoke and re-key, so an older token stops working at once. */
export const deviceClaimsSchema = z.object({
  typ: z.literal('device'),
  sub: z.string().min(1),
  tid: z.string().min(1),
  store: z.string().min(1),
  ver: z.number().int().min(0),
});
export type DeviceClaims = z.infer<typeof deviceClaimsSchema>;

export const tokenClaimsSchema = z.discriminatedUnion('typ', [userClaimsSchema, deviceClaimsSchema]);

export const loginBody = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBody>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  tenantId: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const loginResponse = z.object({ token: z.string(), user: userSchema });
export type LoginResponse = z.infer<typeof loginResponse>;
/** The panel's login answer: its credential is the HttpOnly session cookie, never a token page scripts can read. */
export const webLoginResponse = z.object({ user: userSchema });

/** `lang`: the panel language this person chose, null until they choose (then the browser's applies). */
export const meResponse = z.object({ user: userSchema, lang: z.enum(languages).nullable() });
export type MeResponse = z.infer<typeof meResponse>;

export const updateMeBody = z.strictObject({ lang: z.enum(languages) });
export type UpdateMeBody = z.infer<typeof updateMeBody>;
