import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type { createUserBody, TenantUser } from '../../common/protocol/users.js';
import { toIso } from '../../common/time.js';
import { hashSecret } from '../../node/secret-hash.js';
import type { ServerConfig } from '../config.js';
import type { TenantContext } from '../context.js';
import { recordChanges } from '../changes/service.js';
import { findUser, findUsersByIds, insertUser, listUsers, updateUser, type UserRow } from './queries.js';
import { createLoginUser } from './service.js';

/**
 * A PIN travels to every register of the tenant for offline login, so it is never a server credential; a cheaper
 * scrypt keeps a register's login quick on a weak PC while still costing a guesser something per try.
 */
function pinHashCost(config: ServerConfig): number {
  return Math.max(10, config.passwordHashCost - 3);
}

function toTenantUser(row: UserRow): TenantUser {
  return {
    id: row.id,
    role: row.role as TenantUser['role'],
    name: row.name,
    email: row.email,
    active: Boolean(row.active),
    createdAt: toIso(row.created_at)!,
  };
}

export async function createTenantUser(
  ctx: TenantContext,
  body: z.output<typeof createUserBody>,
): Promise<{ user: TenantUser }> {
  if (body.role === 'admin') {
    const passwordHash = await hashSecret(body.password, ctx.config.passwordHashCost);
    const created = await ctx.db.knex.transaction((trx) =>
      createLoginUser(trx, {
        tenantId: ctx.tenantId,
        role: 'admin',
        name: body.name,
        email: body.email,
        passwordHash,
      }),
    );
    ctx.logger.info({ tenantId: ctx.tenantId, userId: created.id, role: 'admin' }, 'user created');
    return { user: await getTenantUser(ctx, created.id) };
  }
  const row: UserRow = {
    tenant_id: ctx.tenantId,
    id: newId(),
    role: 'cashier',
    name: body.name,
    email: null,
    password_hash: null,
    pin_hash: await hashSecret(body.pin, pinHashCost(ctx.config)),
    active: true,
    created_at: Date.now(),
  };
  await ctx.db.knex.transaction(async (trx) => {
    await insertUser(trx, row);
    await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id: row.id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, userId: row.id, role: 'cashier' }, 'user created');
  return { user: toTenantUser(row) };
}

async function getTenantUser(ctx: TenantContext, id: string): Promise<TenantUser> {
  const row = await findUser(ctx.db.knex, ctx.tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toTenantUser(row);
}

export async function listTenantUsers(ctx: TenantContext): Promise<{ users: TenantUser[] }> {
  return { users: (await listUsers(ctx.db.knex, ctx.tenantId)).map(toTenantUser) };
}

/** A disabled admin's token stops working at its next request; a disabled cashier is pulled as inactive. */
export async function disableUser(ctx: TenantContext, id: string): Promise<{ user: TenantUser }> {
  await ctx.db.knex.transaction(async (trx) => {
    const row = await findUser(trx, ctx.tenantId, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.role === 'owner') throw new AppError('CANNOT_DISABLE_OWNER');
    await updateUser(trx, ctx.tenantId, id, { active: false });
    if (row.role === 'cashier') await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, userId: id }, 'user disabled');
  return { user: await getTenantUser(ctx, id) };
}

export async function resetCashierPin(
  ctx: TenantContext,
  id: string,
  pin: string,
): Promise<{ user: TenantUser }> {
  const pinHash = await hashSecret(pin, pinHashCost(ctx.config));
  await ctx.db.knex.transaction(async (trx) => {
    const row = await findUser(trx, ctx.tenantId, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.role !== 'cashier') throw new AppError('NOT_A_CASHIER');
    await updateUser(trx, ctx.tenantId, id, { pin_hash: pinHash });
    await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, userId: id }, 'cashier PIN reset');
  return { user: await getTenantUser(ctx, id) };
}

export interface CashierChange {
  name: string;
  pinHash: string | null;
  active: boolean;
}

/** Cashiers for the pull stream; a disabled one travels without its PIN hash so it cannot log in offline. */
export async function cashiersForPull(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, CashierChange>> {
  const rows = await findUsersByIds(knex, tenantId, ids);
  return new Map(
    rows
      .filter((row) => row.role === 'cashier')
      .map((row) => {
        const active = Boolean(row.active);
        return [row.id, { name: row.name, pinHash: active ? row.pin_hash : null, active }];
      }),
  );
}
