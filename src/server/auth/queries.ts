import type { Knex } from 'knex';

export interface SessionRow {
  id: string;
  tenant_id: string | null;
  user_id: string;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
}

export async function insertSession(knex: Knex, row: SessionRow): Promise<void> {
  await knex('sessions').insert(row);
}

export async function findSession(knex: Knex, id: string): Promise<SessionRow | undefined> {
  return knex<SessionRow>('sessions').where({ id }).first();
}

export async function endSession(knex: Knex, id: string, at: number): Promise<void> {
  await knex('sessions').where({ id }).whereNull('ended_at').update({ ended_at: at });
}

/** Keys whose failures in the current window reached `limit`. */
export async function blockedKeys(
  knex: Knex,
  keys: readonly string[],
  windowStartAfter: number,
  limit: number,
): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows: Array<{ key: string }> = await knex('login_failures')
    .whereIn('key', [...keys])
    .andWhere('window_start', '>', windowStartAfter)
    .andWhere('failures', '>=', limit)
    .select('key');
  return rows.map((row) => row.key);
}

/**
 * One more failure for each key, atomically on the row (two processes counting at once both count): a window that
 * has run out starts again at 1. `count` is assigned before `window_start`, because MySQL's SET sees earlier
 * assignments. Rows of long-gone windows are dropped on the way, so the table stays as small as the attacks.
 */
export async function addFailures(
  knex: Knex,
  keys: readonly string[],
  now: number,
  windowStartAfter: number,
): Promise<void> {
  if (keys.length === 0) return;
  await knex('login_failures')
    .insert(keys.map((key) => ({ key, window_start: now, failures: 0 })))
    .onConflict('key')
    .ignore();
  await knex('login_failures')
    .whereIn('key', [...keys])
    .update({
      failures: knex.raw('CASE WHEN window_start <= ? THEN 1 ELSE failures + 1 END', [windowStartAfter]),
      window_start: knex.raw('CASE WHEN window_start <= ? THEN ? ELSE window_start END', [
        windowStartAfter,
        now,
      ]),
    });
  await knex('login_failures').where('window_start', '<=', windowStartAfter).del();
}
