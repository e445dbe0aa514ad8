import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type StoreDb } from '../../../src/terminal/store/connection.js';
import { tryTakeSyncLock } from '../../../src/terminal/store/sync-lock.js';
import { ROOT } from '../../helpers/cli.js';

describe('the register sync lock', function () {
  this.timeout(30_000);
  let dir: string;
  let db: StoreDb;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'posapp-lock-'));
    db = openStore(dir, { create: true });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is held by one connection at a time and free again once released', () => {
    const other = openStore(dir);
    try {
      const first = tryTakeSyncLock(db);
      assert.ok(first);
      assert.equal(tryTakeSyncLock(other), null);
      first.release();
      const second = tryTakeSyncLock(other);
      assert.ok(second);
      second.release();
    } finally {
      other.close();
    }
  });

  it('is free the moment the process holding it is killed', async () => {
    const script = `
      import { openStore } from './src/terminal/store/connection.ts';
      import { tryTakeSyncLock } from './src/terminal/store/sync-lock.ts';
      const lock = tryTakeSyncLock(openStore(${JSON.stringify(dir)}));
      process.stdout.write(lock ? 'held\\n' : 'busy\\n');
      // Kept reachable: a collected connection would be closed, and its lock dropped, before the kill.
      globalThis.heldLock = lock;
      setInterval(() => undefined, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const said = await new Promise<string>((resolve) =>
      child.stdout.setEncoding('utf8').once('data', (chunk: string) => resolve(chunk.trim())),
    );
    assert.equal(said, 'held');
    assert.equal(tryTakeSyncLock(db), null, 'the other process holds it');
    child.kill('SIGKILL');
    await exited;
    const lock = tryTakeSyncLock(db);
    assert.ok(lock, 'a killed holder leaves nothing behind');
    lock.release();
  });
});
