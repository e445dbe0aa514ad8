import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Database } from '../../node/sqlite-driver.js';
import { storeMigrations, type StoreMigration } from './migrations/index.js';

export type StoreDb = BetterSqlite3.Database;

export const STORE_FILE = 'pos.sqlite';

/**
 * A sale writes about 16 pages to the WAL; at SQLite's default of 1000 pages one commit in 60 would also copy
 * the WAL into the database (more writes and an fsync of the database file). The copy is made when the register
 * is idle (checkpointWhenIdle); this limit only bounds the WAL (16 MiB) during a long burst without a pause.
 */
const WAL_AUTOCHECKPOINT_PAGES = 4000;
const IDLE_CHECKPOINT_MS = 1000;

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

function appliedMigrations(db: StoreDb): Set<string> {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  return new Set(table ? (db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]) : []);
}

/** Applies the missing migrations in order, all in one transaction; returns the names applied. */
export function migrateStore(
  db: StoreDb,
  migrations: ReadonlyArray<readonly [string, StoreMigration]> = storeMigrations,
): string[] {
  // The usual case, an up-to-date store, needs no write lock: `pos` starts even while another process on the
  // same data dir is writing (a sync round, a sale).
  const current = appliedMigrations(db);
  if (migrations.every(([name]) => current.has(name))) return [];
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
    // Only a file without tables can switch: a new register gives pages back to the disk as the sync frees them
    // (reclaimFreePages). An older one keeps reusing its free pages instead, so it still stops growing.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrateStore(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const idleTimers = new WeakMap<StoreDb, NodeJS.Timeout>();

/**
 * After a sale: checkpoint the WAL once no other sale has come for `idleMs`, so the checkpoint's writes and
 * fsyncs happen between sales instead of inside one. The sale itself is already durable in the WAL.
 */
export function checkpointWhenIdle(db: StoreDb, idleMs = IDLE_CHECKPOINT_MS): void {
  clearTimeout(idleTimers.get(db));
  const timer = setTimeout(() => {
    idleTimers.delete(db);
    if (!db.open) return;
    try {
      // PASSIVE never waits for readers; whatever it cannot copy now, the next checkpoint will.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A checkpoint another connection is running makes this one redundant.
    }
  }, idleMs);
  // A pending checkpoint must not keep `pos sell` alive; closing the store checkpoints anyway.
  timer.unref();
  idleTimers.set(db, timer);
}

/** Pages a sync round gives back at most: a bounded, short write between sales. */
const RECLAIM_PAGES = 2000;

/** Returns free pages to the file system (incremental vacuum); a no-op on a register made before auto_vacuum. */
export function reclaimFreePages(db: StoreDb, maxPages = RECLAIM_PAGES): void {
  if (db.pragma('auto_vacuum', { simple: true }) !== 2) return;
  if ((db.pragma('freelist_count', { simple: true }) as number) === 0) return;
  db.pragma(`incremental_vacuum(${maxPages})`);
}
