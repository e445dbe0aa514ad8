import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { isLang, type Lang } from '../../common/i18n/index.js';
import type { Role, User } from '../../common/protocol/auth.js';
import { hashSecret } from '../../node/secret-hash.js';
import { isUniqueViolation } from '../db/errors.js';
import type { AppDeps } from '../context.js';
import {
  findLoginEmail,
  findPlatformUser,
  findUser,
  insertLoginEmail,
  insertPlatformUser,
  insertUser,
  updateUserLang,
} from './queries.js';

async function claimEmail(trx: Knex, email: string, tenantId: string | null, userId: string): Promise<void> {
  try {
    await insertLoginEmail(trx, { email, tenant_id: tenantId, user_id: userId });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('EMAIL_TAKEN');
    throw error;
  }
}

/** A tenant member who logs in with email and password (owner or admin). */
export async function createLoginUser(
  trx: Knex,
  input: {
    tenantId: string;
    role: Exclude<Role, 'superadmin' | 'cashier'>;
    name: string;
    email: string;
    /** Hashed before the transaction opens, so no lock is held during the slow hash. */
    passwordHash: string;
  },
): Promise<{ id: string; email: string; role: Role }> {
  const id = newId();
  await claimEmail(trx, input.email, input.tenantId, id);
  await insertUser(trx, {
    tenant_id: input.tenantId,
    id,
    role: input.role,
    name: input.name,
    email: input.email,
    password_hash: input.passwordHash,
    pin_hash: null,
    active: true,
    created_at: Date.now(),
  });
  return { id, email: input.email, role: input.role };
}

export async function createSuperadmin(
  deps: AppDeps,
  input: { email: string; password: string },
): Promise<{ id: string; email: string; role: 'superadmin' }> {
  const passwordHash = await hashSecret(input.password, deps.config.passwordHashCost);
  const id = newId();
  await deps.db.knex.transaction(async (trx) => {
    await claimEmail(trx, input.email, null, id);
    await insertPlatformUser(trx, {
      id,
      email: input.email,
      password_hash: passwordHash,
      created_at: Date.now(),
    });
  });
  deps.logger.info({ userId: id }, 'superadmin created');
  return { id, email: input.email, role: 'superadmin' };
}

export interface Account {
  user: User;
  passwordHash: string | null;
  active: boolean;
  /** The panel language they chose, if any. */
  lang: Lang | null;
}

const langOf = (value: unknown): Lang | null => (isLang(value) ? value : null);

/** The account behind a login email: a platform superadmin or a tenant member. */
export async function findLoginAccount(knex: Knex, email: string): Promise<Account | null> {
  const entry = await findLoginEmail(knex, email);
  if (!entry) return null;
  return findUserById(knex, entry.tenant_id, entry.user_id);
}

/** `tenantId` null means a platform superadmin. */
export async function findUserById(
  knex: Knex,
  tenantId: string | null,
  userId: string,
): Promise<Account | null> {
  if (tenantId === null) {
    const admin = await findPlatformUser(knex, userId);
    if (!admin) return null;
    return {
      user: { id: admin.id, email: admin.email, role: 'superadmin', tenantId: null },
      passwordHash: admin.password_hash,
      active: true,
      lang: langOf(admin.lang),
    };
  }
  const row = await findUser(knex, tenantId, userId);
  if (!row) return null;
  return {
    user: { id: row.id, email: row.email, role: row.role, tenantId: row.tenant_id },
    passwordHash: row.password_hash,
    active: Boolean(row.active),
    lang: langOf(row.lang),
  };
}

/** The person's own panel language, kept with their account so it follows them to another browser. */
export async function setUserLang(
  knex: Knex,
  tenantId: string | null,
  id: string,
  lang: Lang,
): Promise<void> {
  await updateUserLang(knex, tenantId, id, lang);
}
