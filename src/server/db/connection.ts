import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import { Database } from '../../node/sqlite-driver.js';
import { migrationSource } from './migrations/index.js';

export type Dialect = 'sqlite' | 'mysql';

export interface DbUrl {
  dialect: Dialect;
  /** For sqlite the file path; for mysql the parsed URL. */
  filename?: string;
  url?: URL;
}

/** `sqlite:<path>` (also `sqlite://<path>`) or `mysql://user:pass@host:3306/db`. */
export function parseDbUrl(raw: string): DbUrl {
  if (raw.startsWith('sqlite:')) {
    const filename = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!filename)
      throw new AppError('VALIDATION_FAILED', { params: { field: 'db', reason: 'sqlite:<path>' } });
    return { dialect: 'sqlite', filename: filename === ':memory:' ? filename : resolve(filename) };
  }
  if (raw.startsWith('mysql:') || raw.startsWith('mariadb:')) {
    return { dialect: 'mysql', url: new URL(raw.replace(/^mariadb:/, 'mysql:')) };
  }
  throw new AppError('VALIDATION_FAILED', {
    params: { field: 'db', reason: 'expected mysql://user:pass@host:3306/db or sqlite:<path>' },
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- knex's dialect classes are untyped CommonJS
type KnexClientClass = new (...args: any[]) => { _driver(): unknown };
let sqliteClientClass: KnexClientClass | undefined;

/** Knex's better-sqlite3 dialect, on the same driver the register uses (see node/sqlite-driver.ts). */
function sqliteClient(): KnexClientClass {
  if (!sqliteClientClass) {
    const require = createRequire(import.meta.url);
    const Base = require('knex/lib/dialects/better-sqlite3/index.js') as KnexClientClass;
    sqliteClientClass = class extends Base {
      override _driver() {
        return Database;
      }
    };
  }
  return sqliteClientClass;
}

export function knexConfig(raw: string): Knex.Config {
  const parsed = parseDbUrl(raw);
  if (parsed.dialect === 'sqlite') {
    const filename = parsed.filename!;
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    return {
      client: sqliteClient() as unknown as typeof Knex.Client,
      connection: { filename },
      useNullAsDefault: true,
      migrations: { migrationSource },
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('busy_timeout = 5000');
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        },
      },
    };
  }
  const url = parsed.url!;
  return {
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.replace(/^\//, ''),
      charset: 'utf8mb4',
      // Epoch-ms BIGINT columns must come back as numbers, not strings.
      supportBigNumbers: true,
      bigNumberStrings: false,
      timezone: 'Z',
    },
    migrations: { migrationSource },
    pool: { min: 0, max: 10 },
  };
}

export interface Db {
  knex: Knex;
  dialect: Dialect;
}

export function connect(raw: string): Db {
  const { dialect } = parseDbUrl(raw);
  return { knex: knexFactory(knexConfig(raw)), dialect };
}

/** How long a server waits for another process's migrations before it gives up. */
const MIGRATION_LOCK_WAIT_MS = 120_000;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Brings the schema to the latest version. Two servers started together race for knex's migration lock: the
 * loser waits for the winner to finish instead of failing. A database migrated by a newer server (migrations this
 * one does not know) refuses to run: "this server is older than the database".
 */
export async function migrateLatest(db: Db, waitMs = MIGRATION_LOCK_WAIT_MS): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const [, applied] = (await db.knex.migrate.latest()) as [number, string[]];
      return applied;
    } catch (error) {
      const message = errorMessage(error);
      const missing = /following files are missing: (.*)$/s.exec(message);
      if (missing)
        throw new AppError('SERVER_OLDER_THAN_DATABASE', {
          params: { migrations: missing[1]!.slice(0, 300) },
          cause: error,
        });
      // The lock is taken, or the lock table was being created by the other process at the same moment.
      const lockRace =
        (error as { name?: unknown }).name === 'MigrationLocked' ||
        /already exists|Duplicate entry|UNIQUE constraint failed/i.test(message);
      if (!lockRace || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** One round trip, so a server started without migrating still learns at once that its database is there. */
export async function checkConnection(db: Db): Promise<void> {
  await db.knex.raw('select 1');
}

/** Connection failures while starting, in the words of an installer (host refused, wrong password, no file). */
export function startupError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ER_ACCESS_DENIED_ERROR|ER_BAD_DB_ERROR|SQLITE_CANTOPEN|EACCES|SQLITE_READONLY|SQLITE_NOTADB)$/.test(
      code,
    )
  )
    return new AppError('DATABASE_UNREACHABLE', { params: { reason: errorMessage(error) }, cause: error });
  return error;
}
