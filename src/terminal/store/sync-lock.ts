import { dirname, join } from 'node:path';
import { Database } from '../../node/sqlite-driver.js';
import type { StoreDb } from './connection.js';

export interface SyncLock {
  release(): void;
}

/**
 * One sync round per data dir at a time. The lock is SQLite's exclusive lock on a small `sync.lock` file beside
 * `pos.sqlite`, held by an open transaction: the operating system drops it the moment its process dies (a killed
 * `pos sync` blocks nobody), and no wall clock is involved, so a register whose clock jumps cannot steal or keep
 * it. Returns null at once when another process (or another connection of this one) holds it.
 */
export function tryTakeSyncLock(db: StoreDb): SyncLock | null {
  const lock = new Database(join(dirname(db.name), 'sync.lock'), { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  return {
    release() {
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    },
  };
}
