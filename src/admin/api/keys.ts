/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const sessionKey = ['session'] as const;
export const devicesKey = ['devices'] as const;
export const tenantsKey = ['tenants'] as const;
export const productsKey = ['products'] as const;
export const stockKey = ['stock'] as const;
export const usersKey = ['users'] as const;
/** Every report query starts with this, so new sales can refresh them all at once. */
export const reportsKey = ['reports'] as const;
export const settingsKey = ['settings'] as const;
