import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { connect, migrateLatest, type Db, type Dialect } from '../../src/server/db/connection.js';

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
  const name = `posapp_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = knexFactory({
    client: 'mysql2',
    connection: { uri: MYSQL_URL } as never,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  const base = new URL(MYSQL_URL);
  base.pathname = `/${name}`;
  const url = base.toString();
  const db = connect(url);
  if (migrate) await migrateLatest(db);
  return {
    ...db,
    url,
    async destroy() {
      await db.knex.raw(`DROP DATABASE \`${name}\``);
      await db.knex.destroy();
    },
  };
}
