import { z } from 'zod';
import { languages } from '../i18n/index.js';

export const roles = ['superadmin', 'owner', 'admin', 'supervisor', 'cashier'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(191));
/** Long enough to resist guessing, short enough for the slow hash; bounded so a huge body cannot stall scrypt. */
export const passwordSchema = z.string().min(8).max(200);

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
