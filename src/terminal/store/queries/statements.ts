import type { Statement } from 'better-sqlite3';
import type { StoreDb } from '../connection.js';

const caches = new WeakMap<StoreDb, Map<string, Statement>>();

/** Prepares each SQL text once per connection: the scan path must not pay for parsing. */
export function stmt(db: StoreDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(sql);
  if (cached) return cached;
  const statement = db.prepare(sql);
  cache.set(sql, statement);
  return statement;
}
