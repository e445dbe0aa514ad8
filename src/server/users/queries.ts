import type { Knex } from 'knex';
import type { Role } from '../../common/protocol/auth.js';
import type { Db } from '../db/connection.js';
import { lockingRead } from '../db/dialect.js';

export interface UserRow {
  tenant_id: string;
  id: string;
  role: Role;
  name: string;
  email: string | null;
  password_hash: string | null;
  pin_hash: string | null;
  /** HMAC of the PIN under the server's secret, for the uniqueness check; null for PINs set before it existed. */
  pin_digest?: string | null;
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

/**
 * The tenant's active people with a PIN, read with a lock (MySQL: the tenant's key range, gaps included), so two
 * people cannot be given one PIN at the same moment.
 */
export async function lockActivePinHolders(
  db: Db,
  trx: Knex,
  tenantId: string,
): Promise<Array<Pick<UserRow, 'id' | 'pin_hash' | 'pin_digest'>>> {
  return lockingRead(
    db,
    trx<UserRow>('users')
      .where({ tenant_id: tenantId, active: true })
      .whereNotNull('pin_hash')
      .select('id', 'pin_hash', 'pin_digest'),
  );
}

export async function updateUser(
  trx: Knex,
  tenantId: string,
  id: string,
  changes: Partial<Pick<UserRow, 'active' | 'pin_hash' | 'pin_digest' | 'name'>>,
): Promise<void> {
  await trx('users').where({ tenant_id: tenantId, id }).update(changes);
}
