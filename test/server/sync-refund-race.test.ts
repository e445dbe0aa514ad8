import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { newId } from '../../src/common/ids.js';
import request from 'supertest';
import { createApp } from '../../src/server/app.js';
import { connect, type Db } from '../../src/server/db/connection.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, addActiveDevice, push, saleEvent, type ActiveDevice } from '../helpers/sync.js';

let refundCounter = 0;

/** A cash refund of `qty` thousandths of the one product of a sale made by `saleEvent` (1 000 so‘m a piece). */
function refundEvent(saleId: string, productId: string, qty: number, register: string): SyncEvent {
  const total = (1_000_00 * qty) / 1000;
  return {
    id: newId(),
    type: 'sale.refunded',
    occurredAt: new Date().toISOString(),
    data: {
      refundNo: `${register}-R${String(++refundCounter).padStart(6, '0')}`,
      saleId,
      lines: [{ productId, qty, total }],
      payments: [{ method: 'cash', amount: total }],
      total,
    },
  };
}

type Result = { id: string; status: string; error?: string };

const ROUNDS = 20;

for (const dialect of testDialects()) {
  describe(`two registers refunding one sale at the same moment [${dialect}]`, function () {
    this.timeout(120_000);
    let t: TestApp;
    let shop: BootstrappedTenant;
    let first: ActiveDevice;
    let second: ActiveDevice;
    /** The server the registers push to: on MySQL with a pool of its own, so two pushes really run at once. */
    let server: TestApp;
    let wide: Db | undefined;
    before(async () => {
      t = await testApp(dialect);
      // The test database's pool holds one connection, which would take the pushes one after the other.
      wide = dialect === 'mysql' ? connect(t.db.url) : undefined;
      server = wide ? { ...t, http: request(createApp({ ...t.deps, db: wide })) } : t;
      shop = await bootstrapTenant(t, { maxDevices: 2 });
      first = await activateFirstDevice(t, shop);
      second = await addActiveDevice(t, shop);
    });
    after(async () => {
      await wide?.knex.destroy();
      await t?.close();
    });

    const num = (value: unknown) => Number(value ?? 0);
    const sumOf = async (table: string, column: string) => {
      const row = await t.db.knex(table).where({ tenant_id: shop.tenantId }).sum({ n: column }).first();
      return num(row?.n);
    };

    it('applies exactly one of two refunds that together exceed the sale; the other is kept as rejected', async () => {
      const rejectedIds: string[] = [];
      let appliedTotal = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const product = (await createProduct(t, shop.ownerToken)).id;
        // Three pieces sold on POS-01; each register takes two back: either alone is fine, both are one too many.
        const sale = saleEvent([product], { qty: 3000 });
        const [sold] = (await push(server, first, [sale]).expect(200)).body.results as Result[];
        assert.equal(sold!.status, 'applied');
        const fromFirst = refundEvent(sale.id, product, 2000, 'POS-01');
        const fromSecond = refundEvent(sale.id, product, 2000, 'POS-02');
        const [a, b] = await Promise.all([
          push(server, first, [fromFirst]).expect(200),
          push(server, second, [fromSecond]).expect(200),
        ]);
        const results = [a.body.results[0] as Result, b.body.results[0] as Result];
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, ['applied', 'rejected'], `round ${round}: ${JSON.stringify(results)}`);
        const loser = results.find((r) => r.status === 'rejected')!;
        // The reason the single-push check gives for an over-refund, unchanged.
        assert.match(loser.error!, /refunds 2000 of product .*; 1000 left of 3000 sold/);
        rejectedIds.push(loser.id);
        appliedTotal += 2_000_00;

        const refunds = await t.db.knex('refunds').where({ tenant_id: shop.tenantId, sale_id: sale.id });
        assert.equal(refunds.length, 1);
        const level = await t.db
          .knex('stock_levels')
          .where({ tenant_id: shop.tenantId, store_id: shop.storeId, product_id: product })
          .first();
        assert.equal(num(level?.level), -3000 + 2000, 'stock takes back only the applied refund');
        const day = await t.db
          .knex('daily_products')
          .where({ tenant_id: shop.tenantId, product_id: product })
          .select('sale_qty', 'refund_count', 'refund_qty', 'refund_total');
        assert.deepEqual(
          day.map((d) => [num(d.sale_qty), num(d.refund_count), num(d.refund_qty), num(d.refund_total)]),
          [[3000, 1, 2000, 2_000_00]],
        );
      }

      assert.equal(await sumOf('daily_sales', 'refund_total'), appliedTotal);
      assert.equal(await sumOf('daily_sales', 'refund_count'), ROUNDS);
      assert.equal(await sumOf('daily_payments', 'refunded'), appliedTotal);
      const listed = await t.http
        .get('/sync/rejected')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const listedIds = new Set(listed.body.events.map((e: { id: string }) => e.id));
      for (const id of rejectedIds)
        assert.ok(listedIds.has(id), `rejected refund ${id} is listed for the owner`);
    });
  });
}

/**
 * Polls MariaDB's InnoDB lock tables until some transaction is seen waiting for a lock that connection `holder`
 * holds, and says on which table: the wait itself is observed, not guessed from a pause.
 */
async function waitBehind(
  knex: Knex,
  holder: number,
  timeoutMs = 10_000,
): Promise<{ table: string; mode: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [rows] = (await knex.raw(
      `SELECT l.lock_table AS \`table\`, l.lock_mode AS mode
         FROM information_schema.INNODB_TRX r
         JOIN information_schema.INNODB_LOCK_WAITS w ON w.requesting_trx_id = r.trx_id
         JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
         JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id
        WHERE b.trx_mysql_thread_id = ? AND r.trx_state = 'LOCK WAIT'`,
      [holder],
    )) as [Array<{ table: string; mode: string }>];
    if (rows[0]) return rows[0];
    if (Date.now() > deadline) {
      throw new Error(`nothing was seen waiting behind connection ${holder}`);
    }
    // MariaDB refreshes its InnoDB lock tables only when nobody has read them for 100 ms: polling faster would
    // keep showing the first (empty) answer.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

if (testDialects().includes('mysql')) {
  describe('a refund push waits for the lock on its sale [mysql]', function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: BootstrappedTenant;
    let first: ActiveDevice;
    let second: ActiveDevice;
    // Connections of their own: the server's test pool has one, which the held transaction would take.
    let other: Db;
    before(async () => {
      t = await testApp('mysql');
      other = connect(t.db.url);
      shop = await bootstrapTenant(t, { maxDevices: 2 });
      first = await activateFirstDevice(t, shop);
      second = await addActiveDevice(t, shop);
    });
    after(async () => {
      await other?.knex.destroy();
      await t?.close();
    });

    it('queues behind a transaction holding the sale row, then counts the refund that one committed', async () => {
      const product = (await createProduct(t, shop.ownerToken)).id;
      const sale = saleEvent([product], { qty: 3000 });
      await push(t, first, [sale]).expect(200);

      // POS-01's push holds the sale row while it writes its refund.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let holder!: (id: number) => void;
      const held = new Promise<number>((resolve) => (holder = resolve));
      const holding = other.knex.transaction(async (trx) => {
        await trx('sales').where({ tenant_id: shop.tenantId, id: sale.id }).forUpdate().select('id');
        // POS-01's refund of two pieces, written while the lock is held and committed when released.
        const refundId = newId();
        await trx('refunds').insert({
          tenant_id: shop.tenantId,
          id: refundId,
          store_id: shop.storeId,
          device_id: first.id,
          sale_id: sale.id,
          shift_id: null,
          cashier_id: null,
          refund_no: 'POS-01-R900001',
          total: 2_000_00,
          vat: 21_429,
          reason: null,
          occurred_at: Date.now(),
          received_at: Date.now(),
        });
        await trx('refund_lines').insert({
          tenant_id: shop.tenantId,
          refund_id: refundId,
          line_no: 1,
          product_id: product,
          qty: 2000,
          gross: 2_000_00,
          discount: 0,
          total: 2_000_00,
          vat_rate: 1200,
          vat: 21_429,
          unit: null,
          package_code: null,
          mxik: null,
        });
        const [rows] = (await trx.raw('SELECT CONNECTION_ID() AS id')) as [Array<{ id: number | string }>];
        holder(Number(rows[0]!.id));
        await gate;
      });
      try {
        // Sent only once the row is held: sent earlier, it could take the row first and never wait.
        const holderId = await held;
        const refund = push(t, second, [refundEvent(sale.id, product, 2000, 'POS-02')]).then((res) => res);
        const wait = await waitBehind(other.knex, holderId);
        assert.match(wait.table, /`sales`$/);
        assert.equal(wait.mode, 'X');
        assert.equal(await countRefunds(other, shop, sale.id), 0, 'the refund waits: nothing written yet');
        release();
        await holding;
        const res = await refund;
        assert.equal(res.status, 200);
        // It read what the holder committed, not what it had looked up before waiting.
        assert.equal(res.body.results[0].status, 'rejected');
        assert.match(res.body.results[0].error, /1000 left of 3000 sold/);
        assert.equal(await countRefunds(other, shop, sale.id), 1);
      } finally {
        release();
      }
    });
  });
}

async function countRefunds(db: Db, shop: BootstrappedTenant, saleId: string): Promise<number> {
  const row = await db
    .knex('refunds')
    .where({ tenant_id: shop.tenantId, sale_id: saleId })
    .count({ n: '*' })
    .first();
  return Number(row!.n);
}
