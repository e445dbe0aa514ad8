import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeMigrations, type StoreMigration } from './migrations/index.js';

export type StoreDb = Database.Database;

export const STORE_FILE = 'pos.sqlite';

export function storePath(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}

export function storeExists(dataDir: string): boolean {
  return existsSync(storePath(dataDir));
}

/** Removes pos.sqlite with its WAL files: used when a store made for a failed activation must not stay behind. */
export function removeStore(dataDir: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(storePath(dataDir) + suffix, { force: true });
}

/** Applies the missing migrations in order, all in one transaction; returns the names applied. */
export function migrateStore(
  db: StoreDb,
  migrations: ReadonlyArray<readonly [string, StoreMigration]> = storeMigrations,
): string[] {
  // IMMEDIATE takes the write lock first, so two programs starting on one data dir cannot both migrate.
  return db
    .transaction(() => {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
      const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
      const applied: string[] = [];
      for (const [name, migration] of migrations) {
        if (done.has(name)) continue;
        migration.up(db);
        record.run(name, new Date().toISOString());
        applied.push(name);
      }
      return applied;
    })
    .immediate();
}

/**
 * Opens `<dataDir>/pos.sqlite` and brings its schema up to date. `create: false` refuses a missing file
 * instead of making an empty one. A finished sale must survive a power cut, hence synchronous=FULL.
 */
export function openStore(dataDir: string, options: { create?: boolean } = {}): StoreDb {
  const file = storePath(dataDir);
  if (options.create && !existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // The file holds the register's token: private from the start; SQLite gives its WAL files the same mode.
    closeSync(openSync(file, 'a', 0o600));
  }
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrateStore(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
