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
