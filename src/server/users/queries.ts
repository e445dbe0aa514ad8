import type { Knex } from 'knex';
import type { Role } from '../../common/protocol/auth.js';

export interface UserRow {
  tenant_id: string;
  id: string;
  role: Role;
  name: string;
  email: string | null;
  password_hash: string | null;
  pin_hash: string | null;
  active: boolean | number;
  created_at: number;
  lang?: string | null;
}

export interface PlatformUserRow {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
  lang?: string | null;
}

export interface LoginEmailRow {
  email: string;
  tenant_id: string | null;
  user_id: string;
}

export async function insertUser(trx: Knex, row: UserRow): Promise<void> {
  await trx('users').insert(row);
}

export async function findUser(trx: Knex, tenantId: string, id: string): Promise<UserRow | undefined> {
  return trx<UserRow>('users').where({ tenant_id: tenantId, id }).first();
}

export async function insertPlatformUser(trx: Knex, row: PlatformUserRow): Promise<void> {
  await trx('platform_users').insert(row);
}

export async function findPlatformUser(trx: Knex, id: string): Promise<PlatformUserRow | undefined> {
  return trx<PlatformUserRow>('platform_users').where({ id }).first();
}

export async function updateUserLang(
  knex: Knex,
  tenantId: string | null,
  id: string,
  lang: string,
): Promise<void> {
  if (tenantId === null) await knex('platform_users').where({ id }).update({ lang });
  else await knex('users').where({ tenant_id: tenantId, id }).update({ lang });
}

/** The email's primary key is the uniqueness guard across tenants and the platform. */
export async function insertLoginEmail(trx: Knex, row: LoginEmailRow): Promise<void> {
  await trx('login_emails').insert(row);
}

export async function findLoginEmail(trx: Knex, email: string): Promise<LoginEmailRow | undefined> {
  return trx<LoginEmailRow>('login_emails').where({ email }).first();
}

export async function listUsers(knex: Knex, tenantId: string): Promise<UserRow[]> {
  return knex<UserRow>('users')
    .where({ tenant_id: tenantId })
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc');
}

export async function findUsersByIds(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return knex<UserRow>('users')
    .where({ tenant_id: tenantId })
    .whereIn('id', [...ids]);
}

export async function updateUser(
  trx: Knex,
  tenantId: string,
  id: string,
  changes: Partial<Pick<UserRow, 'active' | 'pin_hash' | 'name'>>,
): Promise<void> {
  await trx('users').where({ tenant_id: tenantId, id }).update(changes);
}
