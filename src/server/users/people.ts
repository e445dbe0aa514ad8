import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type { createUserBody, TenantUser } from '../../common/protocol/users.js';
import { toIso } from '../../common/time.js';
import { pinRoles, type PinRole } from '../../common/protocol/sync.js';
import { hashSecret, verifySecret } from '../../node/secret-hash.js';
import type { ServerConfig } from '../config.js';
import type { TenantContext } from '../context.js';
import { recordChanges } from '../changes/service.js';
import { retryOnConflict } from '../db/errors.js';
import {
  findUser,
  findUsersByIds,
  insertUser,
  listUsers,
  lockActivePinHolders,
  updateUser,
  type UserRow,
} from './queries.js';
import { createLoginUser } from './service.js';

/**
 * A PIN travels to every register of the tenant for offline login, so it is never a server credential; a cheaper
 * scrypt keeps a register's login quick on a weak PC while still costing a guesser something per try.
 */
function pinHashCost(config: ServerConfig): number {
  return Math.max(10, config.passwordHashCost - 3);
}

const hasPin = (role: string): role is PinRole => (pinRoles as readonly string[]).includes(role);

/** Keyed by the server's secret and the tenant: equal PINs give equal digests, the digest alone gives no PIN. */
function pinDigest(ctx: TenantContext, pin: string): string {
  return createHmac('sha256', ctx.config.jwtSecret).update(`pin:${ctx.tenantId}:${pin}`).digest('hex');
}

const sameDigest = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A register logs in whoever's PIN matches first, so two active people of a shop with one PIN would book one's
 * sales to the other: refused with PIN_TAKEN. Run inside the caller's transaction, which then holds the lock on the
 * shop's PIN holders until it commits. A PIN set before digests existed is checked against its salted hash, which
 * needs the typed PIN: `pin` is null when re-enabling, and such a holder cannot be compared then.
 */
async function assertPinFree(
  ctx: TenantContext,
  trx: Knex,
  wanted: { digest: string | null; pin: string | null },
  exceptId: string,
): Promise<void> {
  const holders = (await lockActivePinHolders(ctx.db, trx, ctx.tenantId)).filter((h) => h.id !== exceptId);
  const { digest, pin } = wanted;
  if (digest !== null && holders.some((h) => h.pin_digest && sameDigest(h.pin_digest, digest)))
    throw new AppError('PIN_TAKEN');
  if (pin === null) return;
  const legacy = holders.filter((h) => !h.pin_digest && h.pin_hash !== null);
  const clashes = await Promise.all(legacy.map((h) => verifySecret(pin, h.pin_hash!)));
  if (clashes.some(Boolean)) throw new AppError('PIN_TAKEN');
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
    role: body.role,
    name: body.name,
    email: null,
    password_hash: null,
    pin_hash: await hashSecret(body.pin, pinHashCost(ctx.config)),
    pin_digest: pinDigest(ctx, body.pin),
    active: true,
    created_at: Date.now(),
  };
  await retryOnConflict(() =>
    ctx.db.knex.transaction(async (trx) => {
      await assertPinFree(ctx, trx, { digest: row.pin_digest!, pin: body.pin }, row.id);
      await insertUser(trx, row);
      await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id: row.id }]);
    }),
  );
  ctx.logger.info({ tenantId: ctx.tenantId, userId: row.id, role: row.role }, 'user created');
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
    if (hasPin(row.role)) await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, userId: id }, 'user disabled');
  return { user: await getTenantUser(ctx, id) };
}

/** Takes a disabled person back; a cashier or supervisor only while nobody active has their PIN (else PIN_TAKEN). */
export async function enableUser(ctx: TenantContext, id: string): Promise<{ user: TenantUser }> {
  await retryOnConflict(() =>
    ctx.db.knex.transaction(async (trx) => {
      const row = await findUser(trx, ctx.tenantId, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.active) return;
      if (hasPin(row.role))
        await assertPinFree(ctx, trx, { digest: row.pin_digest ?? null, pin: null }, row.id);
      await updateUser(trx, ctx.tenantId, id, { active: true });
      if (hasPin(row.role)) await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id }]);
    }),
  );
  ctx.logger.info({ tenantId: ctx.tenantId, userId: id }, 'user enabled');
  return { user: await getTenantUser(ctx, id) };
}

export async function resetCashierPin(
  ctx: TenantContext,
  id: string,
  pin: string,
): Promise<{ user: TenantUser }> {
  const pinHash = await hashSecret(pin, pinHashCost(ctx.config));
  const digest = pinDigest(ctx, pin);
  await retryOnConflict(() =>
    ctx.db.knex.transaction(async (trx) => {
      const row = await findUser(trx, ctx.tenantId, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (!hasPin(row.role)) throw new AppError('NOT_A_CASHIER');
      // A disabled person's new PIN is checked too: it must still be free when they are taken back.
      await assertPinFree(ctx, trx, { digest, pin }, id);
      await updateUser(trx, ctx.tenantId, id, { pin_hash: pinHash, pin_digest: digest });
      await recordChanges(trx, ctx.tenantId, null, [{ entity: 'cashier', id }]);
    }),
  );
  ctx.logger.info({ tenantId: ctx.tenantId, userId: id }, 'cashier PIN reset');
  return { user: await getTenantUser(ctx, id) };
}

export interface CashierChange {
  name: string;
  pinHash: string | null;
  active: boolean;
  role: PinRole;
}

/** Cashiers and supervisors for the pull stream (`role` tells the register who may approve); a disabled one travels without its PIN hash so it cannot log in offline. */
export async function cashiersForPull(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, CashierChange>> {
  const rows = await findUsersByIds(knex, tenantId, ids);
  return new Map(
    rows
      .filter((row) => hasPin(row.role))
      .map((row) => {
        const active = Boolean(row.active);
        const role = row.role as PinRole;
        return [row.id, { name: row.name, pinHash: active ? row.pin_hash : null, active, role }];
      }),
  );
}
