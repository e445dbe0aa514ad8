import assert from 'node:assert/strict';
import { storeDayOf } from '../../src/common/time.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, saleEvent, type ActiveDevice } from '../helpers/sync.js';

const HOUR = 3_600_000;

for (const dialect of testDialects()) {
  describe(`a register with a wrong clock [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    let product: string;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
      device = await activateFirstDevice(t, shop);
      product = (await createProduct(t, shop.ownerToken)).id;
    });
    after(() => t.close());

    /** Pushes as a register whose clock reads `skewMs` away from the server's. */
    const pushAt = (skewMs: number, events: unknown[]) =>
      t.http
        .post('/sync/push')
        .set(...bearer(device.token))
        .send({ events, sentAt: new Date(Date.now() + skewMs).toISOString() });

    it('places a sale made 30 h "behind" on today by the corrected time, and shows the clock off', async () => {
      const made = saleEvent([product]);
      const sale = { ...made, occurredAt: new Date(Date.now() - 30 * HOUR).toISOString() };
      const res = await pushAt(-30 * HOUR, [sale]).expect(200);
      assert.equal(res.body.results[0].status, 'applied');
      const row = await t.db.knex('sales').where({ tenant_id: shop.tenantId, id: sale.id }).first();
      assert.ok(Math.abs(Number(row.occurred_at) - Date.now()) < 10 * 60_000, 'placed at the corrected time');

      const today = storeDayOf(Date.now());
      const report = await t.http
        .get(`/reports/sales?from=${today}&to=${today}&groupBy=day`)
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.equal(report.body.totals.count, 1);
      assert.equal(report.body.totals.sales, made.type === 'sale.completed' ? made.data.total : NaN);

      const list = await t.http
        .get('/devices')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const offset = list.body.devices.find((d: { id: string }) => d.id === device.id).clockOffsetMs;
      assert.ok(Math.abs(offset - 30 * HOUR) < 60_000, `clock offset ${offset}`);
    });

    it('refuses times before the register was activated or after the server received them', async () => {
      const ancient = { ...saleEvent([product]), occurredAt: '0001-01-01T00:00:00.000Z' };
      const future = { ...saleEvent([product]), occurredAt: '9999-12-31T00:00:00.000Z' };
      const ahead = { ...saleEvent([product]), occurredAt: new Date(Date.now() + 48 * HOUR).toISOString() };
      const res = await pushAt(0, [ancient, future, ahead]).expect(200);
      const results = res.body.results as Array<{ status: string; error: string }>;
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected', 'rejected'],
      );
      assert.match(results[0]!.error, /before the register was activated/);
      assert.match(results[1]!.error, /after the server received it/);
      assert.match(results[2]!.error, /after the server received it/);
    });

    it('places a sale 48 h "ahead" on today when the register says its clock is ahead', async () => {
      const sale = { ...saleEvent([product]), occurredAt: new Date(Date.now() + 48 * HOUR).toISOString() };
      const res = await pushAt(48 * HOUR, [sale]).expect(200);
      assert.equal(res.body.results[0].status, 'applied');
      const row = await t.db.knex('sales').where({ tenant_id: shop.tenantId, id: sale.id }).first();
      assert.equal(storeDayOf(Number(row.occurred_at)), storeDayOf(Date.now()));
    });

    it('places each event of a batch spanning a clock correction by the offset known when it was made', async () => {
      // Made while the clock was 30 h behind and the register knew it; then the clock was set right.
      const before = {
        ...saleEvent([product]),
        occurredAt: new Date(Date.now() - 30 * HOUR).toISOString(),
        clockOffsetMs: 30 * HOUR,
      };
      // Made after the correction, still carrying the offset of the last sync: the push's offset places it.
      const after = { ...saleEvent([product]), clockOffsetMs: 30 * HOUR };
      const res = await pushAt(0, [before, after]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied'],
      );
      const rows = await t.db
        .knex('sales')
        .where({ tenant_id: shop.tenantId })
        .whereIn('id', [before.id, after.id]);
      assert.equal(rows.length, 2);
      for (const row of rows) assert.equal(storeDayOf(Number(row.occurred_at)), storeDayOf(Date.now()));
    });
  });
}
