/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const sessionKey = ['session'] as const;
export const devicesKey = ['devices'] as const;
export const tenantsKey = ['tenants'] as const;
export const productsKey = ['products'] as const;
export const stockKey = ['stock'] as const;
export const settingsKey = ['settings'] as const;
