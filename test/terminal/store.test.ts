import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { Database } from '../../src/node/sqlite-driver.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../src/common/ids.js';
import {
  checkpointWhenIdle,
  migrateStore,
  openStore,
  storeExists,
  storePath,
} from '../../src/terminal/store/connection.js';
import { readIdentity, replaceIdentity, type Identity } from '../../src/terminal/store/queries/identity.js';
import { countPendingEvents } from '../../src/terminal/store/queries/outbox.js';
import { storeMigrations } from '../../src/terminal/store/migrations/index.js';

const identity: Identity = {
  serverUrl: 'http://127.0.0.1:8080',
  deviceId: newId(),
  deviceName: 'POS-01',
  deviceToken: 'token-1',
  tenantId: newId(),
  tenantName: 'Otabek Books',
  storeId: newId(),
  storeName: 'Main store',
  currency: 'UZS',
  activatedAt: new Date().toISOString(),
};

describe('register store (pos.sqlite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'posapp-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to open a missing store unless asked to create it', () => {
    assert.throws(() => openStore(dir));
    assert.equal(storeExists(dir), false);
  });

  it('creates a private WAL file with identity, outbox and the applied migration recorded', () => {
    const db = openStore(dir, { create: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      // 2 = FULL: a finished sale is on disk before the UI says so.
      assert.equal(db.pragma('synchronous', { simple: true }), 2);
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      for (const table of ['identity', 'outbox', 'schema_migrations', 'products', 'sales', 'sync_state']) {
        assert.ok(tables.includes(table), `table ${table}`);
      }
      const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
      assert.deepEqual(
        applied,
        storeMigrations.map(([name]) => name),
      );
    } finally {
      db.close();
    }
    assert.equal(statSync(storePath(dir)).mode & 0o777, 0o600);
  });

  it('applies nothing twice when reopened', () => {
    openStore(dir, { create: true }).close();
    const db = openStore(dir);
    try {
      assert.deepEqual(migrateStore(db), []);
      assert.equal(
        db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get(),
        storeMigrations.length,
      );
    } finally {
      db.close();
    }
  });

  it('leaves committed pages in the WAL until the register is idle, then copies them into the database', async () => {
    const db = openStore(dir, { create: true });
    try {
      // A burst of sales never makes a commit copy the WAL by itself before 4000 pages (about 250 sales).
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 4000);
      replaceIdentity(db, identity);
      const before = statSync(storePath(dir)).size;
      checkpointWhenIdle(db, 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(statSync(storePath(dir)).size > before, 'the idle checkpoint wrote the database file');
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
      assert.equal(result!.checkpointed, result!.log, 'nothing left in the WAL to copy');
    } finally {
      db.close();
    }
  });

  it('opens an up-to-date store while another process holds its write lock', () => {
    openStore(dir, { create: true }).close();
    const writer = new Database(storePath(dir));
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    try {
      const db = openStore(dir);
      assert.equal(readIdentity(db), null);
      db.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('rolls back every migration of a run when one fails', () => {
    const db = openStore(dir, { create: true });
    try {
      assert.throws(() =>
        migrateStore(db, [
          ['a_create_t1', { up: (d) => d.exec('CREATE TABLE t1 (x)') }],
          ['b_broken', { up: (d) => d.exec('CREATE TABLE nonsense (') }],
        ]),
      );
      const names = db.prepare("SELECT name FROM sqlite_master WHERE name = 't1'").pluck().all();
      assert.deepEqual(names, []);
      assert.equal(
        db.prepare("SELECT COUNT(*) FROM schema_migrations WHERE name LIKE 'a_%'").pluck().get(),
        0,
      );
    } finally {
      db.close();
    }
  });

  it('keeps one identity row: a new activation replaces the old one', () => {
    const db = openStore(dir, { create: true });
    try {
      assert.equal(readIdentity(db), null);
      replaceIdentity(db, identity);
      assert.deepEqual(readIdentity(db), identity);
      const next = { ...identity, deviceId: newId(), deviceName: 'POS-02' };
      replaceIdentity(db, next);
      assert.deepEqual(readIdentity(db), next);
      assert.equal(db.prepare('SELECT COUNT(*) FROM identity').pluck().get(), 1);
      assert.throws(() => db.prepare("INSERT INTO identity (id, server_url) VALUES (2, 'x')").run());
    } finally {
      db.close();
    }
  });

  it('counts only pending outbox events and refuses data that is not JSON', () => {
    const db = openStore(dir, { create: true });
    try {
      const insert = db.prepare(
        'INSERT INTO outbox (id, type, occurred_at, data, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const now = new Date().toISOString();
      insert.run(newId(), 'sale.completed', now, '{}', 'pending', now);
      insert.run(newId(), 'sale.completed', now, '{}', 'sent', now);
      insert.run(newId(), 'sale.completed', now, '{}', 'rejected', now);
      assert.equal(countPendingEvents(db), 1);
      assert.throws(() => insert.run(newId(), 'sale.completed', now, 'not json', 'pending', now));
      assert.throws(() => insert.run(newId(), 'sale.completed', now, '{}', 'lost', now));
    } finally {
      db.close();
    }
  });
});
