import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { pino } from 'pino';
import request from 'supertest';
import { ean13 } from '../../src/common/barcode.js';
import { createApp } from '../../src/server/app.js';
import { PROTOCOL_VERSION } from '../../src/common/protocol/sync.js';
import { DEFAULT_MIN_REGISTER_VERSION } from '../../src/common/version.js';
import { recordChanges } from '../../src/server/changes/service.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import {
  activateFirstDevice,
  pullAll,
  push,
  saleEvent,
  type ActiveDevice,
  type PulledChange,
} from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`GET /sync/pull [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('starts a fresh register with the settings and the catalog, then pages with tombstones', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await createProduct(t, shop.ownerToken, { name: `Tovar ${i}` })).id);
      await t.http
        .patch(`/products/${ids[1]}`)
        .set(...bearer(shop.ownerToken))
        .send({ active: false })
        .expect(200);
      const all = await pullAll(t, device, '0', 2);
      assert.equal(all.pages, 3, 'settings + 5 products, 2 per page');
      assert.equal(all.changes.length, 6);
      assert.equal(all.changes[0]!.entity, 'settings');
      const byId = new Map(all.changes.map((c) => [c.id, c]));
      const { version: tombstoneVersion, ...tombstone } = byId.get(ids[1]!)!;
      assert.deepEqual(tombstone, { entity: 'product', op: 'delete', id: ids[1], data: null });
      assert.ok(tombstoneVersion! > 0 && tombstoneVersion! <= Number(all.cursor));
      const upsert = byId.get(ids[0]!)!;
      assert.equal(upsert.op, 'upsert');
      assert.equal(upsert.data!.name, 'Tovar 0');
      assert.equal(upsert.data!.price, 1_000_00);
      assert.equal((upsert.data!.barcodes as string[]).length, 1);

      // Resume: only what changed after the cursor, and nothing when nothing changed.
      const idle = await t.http
        .get('/sync/pull')
        .query({ cursor: all.cursor })
        .set(...bearer(device.token))
        .expect(200);
      const { serverTime, ...rest } = idle.body;
      assert.deepEqual(rest, {
        changes: [],
        cursor: all.cursor,
        hasMore: false,
        protocolVersion: PROTOCOL_VERSION,
        minRegisterVersion: DEFAULT_MIN_REGISTER_VERSION,
      });
      assert.ok(Math.abs(Date.parse(serverTime) - Date.now()) < 60_000, 'the server’s clock, for the offset');
      await t.http
        .patch(`/products/${ids[3]}`)
        .set(...bearer(shop.ownerToken))
        .send({ price: 2_000_00 })
        .expect(200);
      await t.http
        .patch(`/products/${ids[1]}`)
        .set(...bearer(shop.ownerToken))
        .send({ active: true })
        .expect(200);
      const next = await pullAll(t, device, all.cursor, 2);
      assert.deepEqual(
        next.changes.map((c) => [c.id, c.op]),
        [
          [ids[3], 'upsert'],
          [ids[1], 'upsert'],
        ],
      );
      assert.equal(next.changes[0]!.data!.price, 2_000_00);
      assert.ok(Number(next.cursor) > Number(all.cursor));
    });

    it('sends a page gzipped to a register that accepts it, and plain to one that does not', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      for (let i = 0; i < 12; i++) await createProduct(t, shop.ownerToken, { name: `Daftar ${i}` });
      const pull = (encoding: string) =>
        t.http
          .get('/sync/pull')
          .query({ cursor: '0', limit: 100 })
          .set('accept-encoding', encoding)
          .set(...bearer(device.token))
          .expect(200);
      const gzipped = await pull('gzip, deflate');
      assert.equal(gzipped.headers['content-encoding'], 'gzip');
      const plain = await pull('identity');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(gzipped.body.changes.length, 13, 'settings and 12 products');
      // The same answer either way; only the server's clock moved between the two.
      assert.deepEqual({ ...gzipped.body, serverTime: null }, { ...plain.body, serverTime: null });
    });

    it('answers registers without the browser headers, and the owner’s sync routes with them', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const idle = async () =>
        t.http
          .get('/sync/pull')
          .query({ cursor: (await pullAll(t, device)).cursor })
          .set('accept-encoding', 'gzip')
          .set(...bearer(device.token))
          .expect(200);
      const round = await idle();
      assert.deepEqual(round.body.changes, []);
      assert.equal(round.headers['x-content-type-options'], undefined);
      assert.equal(round.headers['content-encoding'], undefined);
      const owner = await t.http
        .get('/sync/rejected')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.equal(owner.headers['x-content-type-options'], 'nosniff');
      assert.match(owner.headers['content-security-policy'] ?? '', /default-src 'self'/);
    });

    it('keeps one transaction’s changes on one page even when larger than the limit', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const before = await pullAll(t, device);
      const lines = ['sku,name,barcode,price,unit,vatRate,mxik'];
      for (let i = 0; i < 30; i++)
        lines.push(`P${i},Mahsulot ${i},${ean13(`4789${String(i).padStart(8, '0')}`)},100,pcs,12,`);
      await t.http
        .post('/products/import')
        .set(...bearer(shop.ownerToken))
        .set('content-type', 'text/csv')
        .send(lines.join('\n'))
        .expect(200);
      const res = await t.http
        .get('/sync/pull')
        .query({ cursor: before.cursor, limit: 10 })
        .set(...bearer(device.token))
        .expect(200);
      assert.equal(res.body.changes.length, 30);
      assert.equal(res.body.hasMore, false);
      assert.equal(Number(res.body.cursor), Number(before.cursor) + 1);
    });

    it('sends stock levels, and a push answer’s version is covered by the next pull cursor', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const p = await createProduct(t, shop.ownerToken);
      await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({ lines: [{ productId: p.id, qty: 5_000 }] })
        .expect(201);
      const first = await pullAll(t, device);
      const stock = (changes: PulledChange[]) => changes.find((c) => c.entity === 'stock' && c.id === p.id);
      assert.deepEqual(stock(first.changes), {
        entity: 'stock',
        op: 'upsert',
        id: p.id,
        data: { level: 5_000 },
        version: Number(first.cursor),
      });
      const pushed = await push(t, device, [saleEvent([p.id], { qty: 2_000 })]).expect(200);
      const version = pushed.body.results[0].version as number;
      assert.ok(version > Number(first.cursor));
      const second = await pullAll(t, device, first.cursor);
      assert.ok(Number(second.cursor) >= version);
      assert.deepEqual(stock(second.changes)!.data, { level: 3_000 });
    });

    it("never shows a register another tenant's catalog", async () => {
      const a = await bootstrapTenant(t, { tenantName: 'A' });
      const b = await bootstrapTenant(t, { tenantName: 'B' });
      const deviceA = await activateFirstDevice(t, a);
      const mine = await createProduct(t, a.ownerToken);
      const theirs = await createProduct(t, b.ownerToken);
      await createProduct(t, b.ownerToken);
      const pulled = await pullAll(t, deviceA);
      const ids = pulled.changes.map((c) => c.id);
      assert.ok(ids.includes(mine.id));
      assert.ok(!ids.includes(theirs.id));
      assert.deepEqual(
        pulled.changes.filter((c) => c.entity === 'product').map((c) => c.id),
        [mine.id],
      );
      const bad = await t.http
        .get('/sync/pull')
        .query({ cursor: 'abc' })
        .set(...bearer(deviceA.token))
        .expect(400);
      assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
      await t.http
        .get('/sync/pull')
        .set(...bearer(a.ownerToken))
        .expect(403);
    });

    it('writes an idle round to the request log at debug and a round that brought changes at info', async () => {
      const lines: Array<{ level: number; req?: { url?: string } }> = [];
      const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
      const http = request(createApp({ ...t.deps, logger }));
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const first = await http
        .get('/sync/pull')
        .set(...bearer(device.token))
        .expect(200);
      assert.ok(first.body.changes.length > 0, 'a fresh register gets the settings');
      const idle = await http
        .get('/sync/pull')
        .query({ cursor: first.body.cursor })
        .set(...bearer(device.token))
        .expect(200);
      assert.deepEqual(idle.body.changes, []);
      assert.equal(idle.body.cursor, first.body.cursor);
      assert.equal(idle.body.protocolVersion, PROTOCOL_VERSION, 'an idle answer still carries the contract');
      const pulls = lines.filter((l) => l.req?.url?.startsWith('/sync/pull'));
      assert.deepEqual(
        pulls.map((l) => l.level),
        [30, 20],
        'info (30) for the first round, debug (20) for the idle one',
      );
    });
  });
}

/** A transaction held open until `release()` is called; `ready` resolves once `work` has run inside it. */
function heldTransaction(knex: Knex, work: (trx: Knex.Transaction) => Promise<void>) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let ready!: () => void;
  const done = new Promise<void>((resolve) => (ready = resolve));
  const committed = knex.transaction(async (trx) => {
    await work(trx);
    ready();
    await gate;
  });
  return { ready: done, release, committed };
}

/** The server connection a transaction runs on, as MariaDB's lock tables name it. */
async function connectionIdOf(trx: Knex.Transaction): Promise<number> {
  const [rows] = (await trx.raw('SELECT CONNECTION_ID() AS id')) as [Array<{ id: number | string }>];
  return Number(rows[0]!.id);
}

interface LockWait {
  waiter: number;
  holder: number;
  table: string;
  mode: string;
}

/**
 * Polls MariaDB's InnoDB lock tables until connection `waiter` is seen waiting for a row lock, and says who holds
 * it and on which table: the wait itself is observed, not guessed from a pause.
 */
async function lockWaitOf(knex: Knex, waiter: number, timeoutMs = 10_000): Promise<LockWait> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [rows] = (await knex.raw(
      `SELECT r.trx_mysql_thread_id AS waiter, b.trx_mysql_thread_id AS holder,
              l.lock_table AS \`table\`, l.lock_mode AS mode
         FROM information_schema.INNODB_TRX r
         JOIN information_schema.INNODB_LOCK_WAITS w ON w.requesting_trx_id = r.trx_id
         JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
         JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id
        WHERE r.trx_mysql_thread_id = ? AND r.trx_state = 'LOCK WAIT'`,
      [waiter],
    )) as [LockWait[]];
    if (rows[0]) return { ...rows[0], waiter: Number(rows[0].waiter), holder: Number(rows[0].holder) };
    if (Date.now() > deadline) throw new Error(`connection ${waiter} was never seen waiting for a lock`);
    // MariaDB refreshes its InnoDB lock tables only when nobody has read them for 100 ms: polling faster would
    // keep showing the first (empty) answer.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Polls `condition` until it holds: for a state the test observes, not a delay it guesses. */
async function seen(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never seen: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Requests waiting for a connection of the knex pool (tarn). */
function waitingForConnection(knex: Knex): number {
  return (knex.client as { pool: { numPendingAcquires(): number } }).pool.numPendingAcquires();
}

describe('writers take store versions one at a time [sqlite]', function () {
  let t: TestApp;
  let shop: BootstrappedTenant;
  let device: ActiveDevice;
  before(async () => {
    t = await testApp('sqlite');
    shop = await bootstrapTenant(t);
    device = await activateFirstDevice(t, shop);
  });
  after(async () => {
    await t.close();
  });

  // The server holds one SQLite connection: a second writer queues for it in the pool, where the wait is counted.
  it('holds writer A open while writer B is seen queued for the connection; both versions arrive in order', async () => {
    const a = await createProduct(t, shop.ownerToken);
    const b = await createProduct(t, shop.ownerToken);
    const start = await pullAll(t, device);
    const change = async (trx: Knex, productId: string, price: number) => {
      await trx('products').where({ tenant_id: shop.tenantId, id: productId }).update({ price });
      await recordChanges(trx, shop.tenantId, null, [{ entity: 'product', id: productId }]);
    };

    const writerA = heldTransaction(t.db.knex, (trx) => change(trx, a.id, 111));
    await writerA.ready;
    assert.equal(waitingForConnection(t.db.knex), 0);
    let bBumped = false;
    const writerB = heldTransaction(t.db.knex, async (trx) => {
      await change(trx, b.id, 222);
      bBumped = true;
    });
    try {
      await seen(() => waitingForConnection(t.db.knex) === 1, 'B waiting for the connection A holds');
      assert.equal(bBumped, false);
    } finally {
      writerA.release();
    }
    await writerA.committed;
    await writerB.ready;
    assert.equal(bBumped, true);
    writerB.release();
    await writerB.committed;
    const after = await pullAll(t, device, start.cursor);
    assert.deepEqual(
      after.changes.map((c) => [c.id, c.data!.price, c.version]),
      [
        [a.id, 111, Number(start.cursor) + 1],
        [b.id, 222, Number(start.cursor) + 2],
      ],
    );
  });
});

if (testDialects().includes('mysql')) {
  describe('pull never skips a committed change under concurrent writers [mysql]', function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    before(async () => {
      t = await testApp('mysql');
      shop = await bootstrapTenant(t);
      device = await activateFirstDevice(t, shop);
    });
    after(async () => {
      await t.close();
    });

    async function change(trx: Knex, productId: string, price: number): Promise<void> {
      await trx('products').where({ tenant_id: shop.tenantId, id: productId }).update({ price });
      await recordChanges(trx, shop.tenantId, null, [{ entity: 'product', id: productId }]);
    }

    it('holds writer A open while writer B waits, reads in between, and sees both once committed', async () => {
      const a = await createProduct(t, shop.ownerToken);
      const b = await createProduct(t, shop.ownerToken);
      const start = await pullAll(t, device);

      // A bumps the version and stays open: its version row lock is held.
      let connectionA = 0;
      const writerA = heldTransaction(t.db.knex, async (trx) => {
        connectionA = await connectionIdOf(trx);
        await change(trx, a.id, 111);
      });
      await writerA.ready;
      // B writes its product, then queues on the version row behind A.
      let bBumped = false;
      let connectionB!: (id: number) => void;
      const bConnected = new Promise<number>((resolve) => (connectionB = resolve));
      const writerB = heldTransaction(t.db.knex, async (trx) => {
        connectionB(await connectionIdOf(trx));
        await change(trx, b.id, 222);
        bBumped = true;
      });
      const wait = await lockWaitOf(t.db.knex, await bConnected);
      assert.equal(wait.holder, connectionA, 'B waits for the lock A holds');
      assert.match(wait.table, /`store_versions`$/);
      assert.equal(wait.mode, 'X');
      assert.equal(bBumped, false, 'B cannot take a version while A holds the row');

      // A reader in between: neither uncommitted change, cursor unchanged — nothing to skip later.
      const during = await t.http
        .get('/sync/pull')
        .query({ cursor: start.cursor })
        .set(...bearer(device.token))
        .expect(200);
      assert.deepEqual(during.body.changes, []);
      assert.equal(during.body.cursor, start.cursor);

      writerA.release();
      await writerA.committed;
      await writerB.ready;
      // A committed, B has its (later) version but is still open: the reader gets A only.
      const afterA = await pullAll(t, device, start.cursor);
      assert.deepEqual(
        afterA.changes.map((c) => [c.id, c.data!.price]),
        [[a.id, 111]],
      );
      writerB.release();
      await writerB.committed;
      const afterB = await pullAll(t, device, afterA.cursor);
      assert.deepEqual(
        afterB.changes.map((c) => [c.id, c.data!.price]),
        [[b.id, 222]],
      );
      assert.equal(Number(afterB.cursor), Number(start.cursor) + 2);
    });

    it('loses nothing while 4 writers and a reader run freely', async () => {
      const products = [];
      for (let i = 0; i < 4; i++) products.push(await createProduct(t, shop.ownerToken));
      let cursor = (await pullAll(t, device)).cursor;
      const seen = new Map<string, number>();
      let writing = true;
      const reader = (async () => {
        while (writing) {
          const page = await pullAll(t, device, cursor);
          for (const c of page.changes) seen.set(c.id, c.data!.price as number);
          cursor = page.cursor;
        }
      })();
      await Promise.all(
        products.map(async (p, w) => {
          for (let n = 1; n <= 15; n++) await t.db.knex.transaction((trx) => change(trx, p.id, w * 1000 + n));
        }),
      );
      writing = false;
      await reader;
      const last = await pullAll(t, device, cursor);
      for (const c of last.changes) seen.set(c.id, c.data!.price as number);
      for (const [w, p] of products.entries())
        assert.equal(seen.get(p.id), w * 1000 + 15, `writer ${w}'s last price`);
    });
  });
}
