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

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.knex.migrate.latest()) as [number, string[]];
  return applied;
}
