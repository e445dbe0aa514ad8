import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { connect, migrateLatest, type Db, type Dialect } from '../../src/server/db/connection.js';

const ROOT = join(import.meta.dirname, '..', '..');

export const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306/test';

async function mysqlReachable(): Promise<boolean> {
  const knex = knexFactory({
    client: 'mysql2',
    connection: { uri: MYSQL_URL, connectTimeout: 2000 } as never,
    pool: { min: 0, max: 1 },
  });
  try {
    await knex.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await knex.destroy();
  }
}

const mysqlUp = await mysqlReachable();
if (!mysqlUp) {
  if (process.env.CI === 'true') {
    throw new Error(`MySQL is required under CI=true but ${MYSQL_URL} is not reachable`);
  }
  console.warn(`[tests] MySQL not reachable at ${MYSQL_URL}: the MySQL half of the suites is skipped.`);
}

/** `sqlite` always; `mysql` when reachable (required under CI=true). */
export function testDialects(): Dialect[] {
  return mysqlUp ? ['sqlite', 'mysql'] : ['sqlite'];
}

export interface TestDb extends Db {
  url: string;
  destroy(): Promise<void>;
}

export const scratchDir = mkdtempSync(join(tmpdir(), 'posapp-test-'));
process.on('exit', () => rmSync(scratchDir, { recursive: true, force: true }));

let sqliteTemplate: Promise<string> | undefined;
let counter = 0;

async function migratedSqliteTemplate(): Promise<string> {
  const file = join(scratchDir, 'template.sqlite');
  const db = connect(`sqlite:${file}`);
  await migrateLatest(db);
  // Fold the WAL back so a plain file copy holds everything.
  await db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.knex.destroy();
  return file;
}

/** A migrated throw-away database: a copy of a migrated SQLite template, or a uniquely named MySQL database. */
export async function freshDb(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = options.migrate !== false;
  if (dialect === 'sqlite') {
    const file = join(scratchDir, `db-${process.pid}-${++counter}.sqlite`);
    if (migrate) {
      sqliteTemplate ??= migratedSqliteTemplate();
      copyFileSync(await sqliteTemplate, file);
    }
    const url = `sqlite:${file}`;
    const db = connect(url);
    return {
      ...db,
      url,
      async destroy() {
        await db.knex.destroy();
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  return migrate ? pooledMysqlDb() : newMysqlDb(false);
}

/*
 * MySQL: running the migrations into a new database costs 1–3 s (dozens of DDL statements, each a synced file
 * operation), and DROP DATABASE a few hundred ms more, while deleting the rows of a used database costs
 * milliseconds. So a process migrates each database it needs once and keeps the released ones in a pool, emptied
 * and checked, for the next suite; every database it made is dropped when it exits.
 */
const mysqlFree: string[] = [];
const mysqlMade = new Set<string>();
let mysqlShape: Promise<{ tables: string[]; migrations: string[] }> | undefined;

function mysqlUrlOf(name: string): string {
  const base = new URL(MYSQL_URL);
  base.pathname = `/${name}`;
  return base.toString();
}

/** The tables and applied migrations of a database, to tell a pooled one still holds the migrated schema. */
async function shapeOf(knex: Knex): Promise<{ tables: string[]; migrations: string[] }> {
  const [tables] = (await knex.raw(
    'select table_name as name from information_schema.tables where table_schema = database() order by 1',
  )) as [Array<{ name: string }>];
  const migrations = await knex('knex_migrations').orderBy('name').pluck('name');
  return { tables: tables.map((t) => t.name), migrations };
}

async function newMysqlDb(migrate: boolean): Promise<TestDb> {
  const name = `posapp_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = knexFactory({
    client: 'mysql2',
    connection: { uri: MYSQL_URL } as never,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  mysqlMade.add(name);
  const url = mysqlUrlOf(name);
  const db = connect(url);
  if (!migrate) {
    return {
      ...db,
      url,
      async destroy() {
        await db.knex.raw(`DROP DATABASE \`${name}\``);
        mysqlMade.delete(name);
        await db.knex.destroy();
      },
    };
  }
  await migrateLatest(db);
  try {
    mysqlShape ??= shapeOf(db.knex);
    await mysqlShape;
  } finally {
    await db.knex.destroy();
  }
  return pooledMysqlDb(name);
}

async function pooledMysqlDb(reuse = mysqlFree.pop()): Promise<TestDb> {
  if (reuse === undefined) return newMysqlDb(true);
  const url = mysqlUrlOf(reuse);
  const db = connect(url);
  return {
    ...db,
    url,
    async destroy() {
      try {
        await emptyForReuse(db.knex);
        mysqlFree.push(reuse);
      } catch {
        // A database whose schema or migration rows a test changed is not reused.
        await db.knex.raw(`DROP DATABASE \`${reuse}\``);
        mysqlMade.delete(reuse);
      } finally {
        await db.knex.destroy();
      }
    },
  };
}

/** Deletes every row but the migrations'; throws when the database no longer has the migrated shape. */
async function emptyForReuse(knex: Knex): Promise<void> {
  const expected = await mysqlShape!;
  const shape = await shapeOf(knex);
  const lock = await knex('knex_migrations_lock').first('is_locked');
  if (JSON.stringify(shape) !== JSON.stringify(expected) || Number(lock?.is_locked) !== 0) {
    throw new Error('schema changed');
  }
  await knex.transaction(async (trx) => {
    await trx.raw('SET FOREIGN_KEY_CHECKS = 0');
    for (const table of shape.tables) {
      if (!table.startsWith('knex_migrations')) await trx.raw(`DELETE FROM \`${table}\``);
    }
    await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
  });
}

// Exit handlers cannot wait for a promise, so a short child drops what is left. The connection is closed whatever
// happens, so a failed DROP is printed and the child still ends.
process.on('exit', () => {
  if (mysqlMade.size === 0) return;
  const script = `
    const mysql = require('mysql2/promise');
    (async () => {
      const c = await mysql.createConnection(process.env.URL);
      try {
        for (const name of JSON.parse(process.env.NAMES)) await c.query('DROP DATABASE IF EXISTS \`' + name + '\`');
      } finally {
        c.destroy();
      }
    })().catch((e) => { console.error(e.message); process.exitCode = 1; });`;
  spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, URL: MYSQL_URL, NAMES: JSON.stringify([...mysqlMade]) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});
