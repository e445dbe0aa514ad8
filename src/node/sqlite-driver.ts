import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/**
 * The SQLite driver for both the register's store and the server's SQLite mode. better-sqlite3 12 is the one
 * that builds on Node 20; built against Node ≥ 24.19's headers it aborts the process when a statement is
 * garbage-collected (Node changed `ObjectWrap`). better-sqlite3 13 (Node-API) does not, but needs Node ≥ 22, so
 * it is an optional dependency under another name that npm installs only there.
 */
function loadDriver(): typeof BetterSqlite3 {
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    try {
      return require('better-sqlite3-node22') as typeof BetterSqlite3;
    } catch {
      // Not installed (e.g. installed with --omit=optional): version 12 still works up to Node 24.18.
    }
  }
  return require('better-sqlite3') as typeof BetterSqlite3;
}

export const Database = loadDriver();
