import { AppError } from '../../common/errors.js';
import { verifySecret } from '../../node/secret-hash.js';
import { listCashiers, type LocalCashier } from '../store/queries/catalog.js';
import { clearSessionCashier, saveSessionCashier, sessionCashierId } from '../store/queries/session.js';
import type { RegisterContext } from './context.js';

export interface Cashier {
  id: string;
  name: string;
}

/**
 * Finds the active cashier whose PIN this is, offline: PIN hashes come with the pull. A disabled cashier is refused
 * from the sync after the owner disabled them.
 */
export async function findCashierByPin(ctx: RegisterContext, pin: string): Promise<Cashier> {
  const cashiers = listCashiers(ctx.db).filter(
    (c): c is LocalCashier & { pinHash: string } => c.active && c.pinHash !== null,
  );
  if (cashiers.length === 0) throw new AppError('NO_CASHIERS');
  for (const cashier of cashiers) {
    if (await verifySecret(pin, cashier.pinHash)) return { id: cashier.id, name: cashier.name };
  }
  throw new AppError('WRONG_PIN');
}

/** `pos login --pin`: the cashier stays logged in at this register until `pos logout` or another login. */
export async function loginCashier(ctx: RegisterContext, pin: string): Promise<Cashier> {
  const cashier = await findCashierByPin(ctx, pin);
  saveSessionCashier(ctx.db, cashier.id, new Date().toISOString());
  return cashier;
}

export function logoutCashier(ctx: RegisterContext): void {
  clearSessionCashier(ctx.db);
}

/** The logged-in cashier, if still active in the last pulled list. */
export function sessionCashier(ctx: RegisterContext): Cashier {
  const id = sessionCashierId(ctx.db);
  const cashier = id ? listCashiers(ctx.db).find((c) => c.id === id && c.active) : undefined;
  if (!cashier) throw new AppError('NOT_LOGGED_IN_AT_REGISTER');
  return { id: cashier.id, name: cashier.name };
}

export function cashierName(ctx: RegisterContext, id: string): string {
  return listCashiers(ctx.db).find((c) => c.id === id)?.name ?? id;
}
