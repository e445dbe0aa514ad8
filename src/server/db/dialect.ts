import type { Knex } from 'knex';
import type { Db } from './connection.js';

/**
 * Every difference between SQLite and MySQL lives here.
 * SQLite runs one connection, so a write transaction is already exclusive; MySQL needs a locking read
 * (a plain SELECT under REPEATABLE READ can read a stale snapshot).
 */
export function lockingRead<T extends object>(db: Db, query: Knex.QueryBuilder<T>): Knex.QueryBuilder<T> {
  return db.dialect === 'mysql' ? query.forUpdate() : query;
}

/**
 * Rows per multi-row INSERT. Each statement is a round trip, so on MySQL a batch of 500 three-line sales writes its
 * 1500 lines in one statement rather than three (the value cap keeps wide rows well under the packet size). Knex
 * writes SQLite's multi-row INSERT as a compound SELECT, which SQLite caps at 500 terms.
 */
const MYSQL_VALUES = 30_000;
const MYSQL_ROWS = 2_000;
const SQLITE_ROWS = 500;

function chunks<T extends object>(trx: Knex, rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, Object.keys(rows[0]!).length);
  const size =
    trx.client.config.client === 'mysql2'
      ? Math.max(1, Math.min(MYSQL_ROWS, Math.floor(MYSQL_VALUES / columns)))
      : SQLITE_ROWS;
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Multi-row INSERT in chunks; the caller's transaction makes it all or nothing. */
export async function insertRows(trx: Knex, table: string, rows: readonly object[]): Promise<void> {
  for (const part of chunks(trx, rows)) await trx(table).insert(part);
}

/** INSERT that skips rows whose key exists (MySQL `INSERT IGNORE`, SQLite `ON CONFLICT DO NOTHING`). */
export async function insertIgnore(
  trx: Knex,
  table: string,
  rows: readonly object[],
  key: readonly string[],
): Promise<void> {
  for (const part of chunks(trx, rows))
    await trx(table)
      .insert(part)
      .onConflict([...key])
      .ignore();
}

/** INSERT or overwrite `columns` of the row with the same key (MySQL ignores the key list: any unique key). */
export async function upsertRows(
  trx: Knex,
  table: string,
  rows: readonly object[],
  key: readonly string[],
  columns: readonly string[],
): Promise<void> {
  for (const part of chunks(trx, rows))
    await trx(table)
      .insert(part)
      .onConflict([...key])
      .merge([...columns]);
}

/**
 * INSERT the rows or add their `column` to the existing row's (`level = level + new`). One statement; the rows
 * should come sorted by key so concurrent writers take row locks in the same order and cannot deadlock.
 */
export async function insertOrAdd(
  db: Db,
  trx: Knex,
  table: string,
  rows: readonly object[],
  key: readonly string[],
  column: string,
): Promise<void> {
  await insertOrAddAll(db, trx, table, rows, key, [column]);
}

/**
 * As `insertOrAdd` for several `added` columns at once; each of `greatest` keeps the greater of the stored and the
 * new value, NULL counting as nothing (as MAX() over rows does).
 */
export async function insertOrAddAll(
  db: Db,
  trx: Knex,
  table: string,
  rows: readonly object[],
  key: readonly string[],
  added: readonly string[],
  greatest: readonly string[] = [],
): Promise<void> {
  const mysql = db.dialect === 'mysql';
  const merge: Record<string, Knex.Raw> = {};
  // MySQL's assignments see the columns set before them: each one reads only its own column.
  for (const column of added)
    merge[column] = mysql
      ? trx.raw('?? + VALUES(??)', [column, column])
      : trx.raw('??.?? + excluded.??', [table, column, column]);
  for (const column of greatest) {
    const [old, now] = mysql
      ? [trx.raw('??', [column]), trx.raw('VALUES(??)', [column])]
      : [trx.raw('??.??', [table, column]), trx.raw('excluded.??', [column])];
    merge[column] = trx.raw('CASE WHEN ? IS NULL THEN ? WHEN ? IS NULL OR ? > ? THEN ? ELSE ? END', [
      now,
      old,
      old,
      now,
      old,
      now,
      old,
    ]);
  }
  for (const part of chunks(trx, rows))
    await trx(table)
      .insert(part)
      .onConflict([...key])
      .merge(merge);
}

/**
 * A read-only transaction whose reads all see one snapshot. MySQL's REPEATABLE READ gives that from the first read
 * on (named explicitly in case the server default differs); SQLite's transaction is a snapshot already.
 */
export async function snapshotTransaction<T>(
  db: Db,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  if (db.dialect === 'mysql') return db.knex.transaction(work, { isolationLevel: 'repeatable read' });
  return db.knex.transaction(work);
}

/** Whole days since the epoch of an epoch-ms column shifted by `offsetMs`: `/` is integer division only in SQLite. */
export function epochDay(db: Db, knex: Knex, column: string, offsetMs: number): Knex.Raw {
  return db.dialect === 'mysql'
    ? knex.raw('FLOOR((?? + ?) / 86400000)', [column, offsetMs])
    : knex.raw('((?? + ?) / 86400000)', [column, offsetMs]);
}
