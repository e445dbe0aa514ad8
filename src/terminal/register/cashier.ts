import { AppError } from '../../common/errors.js';
import { verifySecret } from '../../common/secret-hash.js';
import { listCashiers, type LocalCashier } from '../store/queries/catalog.js';
import { stmt } from '../store/queries/statements.js';
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
  stmt(
    ctx.db,
    `INSERT INTO register_session (id, cashier_id, logged_in_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET cashier_id = excluded.cashier_id, logged_in_at = excluded.logged_in_at`,
  ).run(cashier.id, new Date().toISOString());
  return cashier;
}

export function logoutCashier(ctx: RegisterContext): void {
  stmt(ctx.db, 'DELETE FROM register_session WHERE id = 1').run();
}

/** The logged-in cashier, if still active in the last pulled list. */
export function sessionCashier(ctx: RegisterContext): Cashier {
  const id = stmt(ctx.db, 'SELECT cashier_id FROM register_session WHERE id = 1').pluck().get() as
    string | undefined;
  const cashier = id ? listCashiers(ctx.db).find((c) => c.id === id && c.active) : undefined;
  if (!cashier) throw new AppError('NOT_LOGGED_IN_AT_REGISTER');
  return { id: cashier.id, name: cashier.name };
}

export function cashierName(ctx: RegisterContext, id: string): string {
  return listCashiers(ctx.db).find((c) => c.id === id)?.name ?? id;
}
