/**
 * Tables looked up without a tenant (login by email, activation by device key, session check, the tenants
 * themselves). Every other table is tenant-owned: `tenant_id` leads its primary key, so the schema can move onto a
 * MySQL-compatible engine sharded by tenant. A test holds the schema to this.
 */
export const globalTables = [
  'tenants',
  'login_emails',
  'platform_users',
  'sessions',
  'device_lookup',
  'login_failures',
] as const;
