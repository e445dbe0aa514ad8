import assert from 'node:assert/strict';
import { pruneEventPayloads } from '../../src/server/sync/retention.js';
import { bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, saleEvent } from '../helpers/sync.js';

const DAY = 24 * 3600 * 1000;

for (const dialect of testDialects()) {
  describe(`old event payloads on the server [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('empties applied events older than 90 days, keeps their ids for exactly-once and rejected ones whole', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const product = await createProduct(t, shop.ownerToken);
      const old = saleEvent([product.id]);
      const recent = saleEvent([product.id]);
      const poison = { ...saleEvent([product.id]), data: { receiptNo: 'X', lines: 'nope' } };
      const first = await push(t, device, [old, recent, poison]).expect(200);
      assert.deepEqual(
        first.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied', 'rejected'],
      );
      const knex = t.db.knex;
      const received = (await knex('sync_events').where({ tenant_id: shop.tenantId, id: old.id }).first())!
        .received_at;
      const now = Number(received) + 91 * DAY;
      // The recent sale and the rejected one arrived 10 days before `now`.
      await knex('sync_events')
        .where({ tenant_id: shop.tenantId })
        .whereIn('id', [recent.id, poison.id])
        .update({ received_at: now - 10 * DAY });

      assert.equal(await pruneEventPayloads(t.deps, now), 1);
      const rows = new Map(
        (await knex('sync_events').where({ tenant_id: shop.tenantId }).select('id', 'data', 'status')).map(
          (r: { id: string; data: string; status: string }) => [r.id, r],
        ),
      );
      assert.equal(rows.get(old.id)!.data, '');
      assert.equal(JSON.parse(rows.get(recent.id)!.data).id, recent.id);
      assert.equal(rows.get(poison.id)!.status, 'rejected');
      assert.equal(JSON.parse(rows.get(poison.id)!.data).id, poison.id);
      assert.equal(await pruneEventPayloads(t.deps, now), 0, 'nothing left to empty');

      // A register that resends the old sale years later still gets `duplicate`, and nothing is counted twice.
      const again = await push(t, device, [old]).expect(200);
      assert.equal(again.body.results[0].status, 'duplicate');
      const sales = await knex('sales').where({ tenant_id: shop.tenantId }).count({ n: '*' }).first();
      assert.equal(Number(sales!.n), 2);
    });
  });
}
