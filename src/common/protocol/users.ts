import { z } from 'zod';
import { nameSchema } from '../names.js';
import { emailSchema, passwordSchema } from './auth.js';

/** A cashier's PIN: 4–8 digits typed at the register. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');
export const userNameSchema = nameSchema(191);

/**
 * Cashiers log in at a register with a PIN; supervisors too, and may approve what the store's settings say needs a
 * supervisor; admins log in to the server with email and password.
 */
export const createUserBody = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('cashier'), name: userNameSchema, pin: pinSchema }),
  z.strictObject({ role: z.literal('supervisor'), name: userNameSchema, pin: pinSchema }),
  z.strictObject({
    role: z.literal('admin'),
    name: userNameSchema,
    email: emailSchema,
    password: passwordSchema,
  }),
]);
export type CreateUserBody = z.infer<typeof createUserBody>;

export const resetPinBody = z.strictObject({ pin: pinSchema });

export const tenantUserSchema = z.object({
  id: z.string(),
  role: z.enum(['owner', 'admin', 'supervisor', 'cashier']),
  name: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type TenantUser = z.infer<typeof tenantUserSchema>;

export const userResponse = z.object({ user: tenantUserSchema });
export const userListResponse = z.object({ users: z.array(tenantUserSchema) });
