import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import { lookupEvents, type EventOrigin } from '../../src/server/sales/service.js';
import { applyBatch } from '../../src/server/sync/push-apply.js';
import { answerRepeats, classifyEvents, type PushResult } from '../../src/server/sync/push-classify.js';
import { answerStored } from '../../src/server/sync/push-stored.js';
import { bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, saleEvent, shiftOpenedEvent, type ActiveDevice } from '../helpers/sync.js';

describe('push step 1: classify', () => {
  it('sorts a batch into well-formed events, malformed ones (their id kept) and repeats', () => {
    const good = saleEvent([newId()]);
    const malformedId = newId();
    const classified = classifyEvents([
      good,
      { id: malformedId, type: 'sale.completed', occurredAt: 'yesterday', data: {} },
      good,
      42,
    ]);
    assert.deepEqual(
      classified.parsed.map((p) => [p.index, p.event.id]),
      [[0, good.id]],
    );
    assert.deepEqual(
      classified.rejections.map((r) => [r.index, r.id, r.type]),
      [
        [1, malformedId, 'sale.completed'],
        [3, null, 'unknown'],
      ],
    );
    assert.match(classified.rejections[0]!.reason, /occurredAt/);
    assert.deepEqual(classified.repeats, [{ index: 2, of: 0 }]);
    assert.deepEqual(classified.ids, [good.id, malformedId]);
  });

  it('answers a repeat of an applied event as a duplicate and of a rejected one as rejected', () => {
    const a = saleEvent([newId()]);
    const classified = classifyEvents([a, a]);
    const results: Array<PushResult | undefined> = [{ id: a.id, status: 'applied', version: 7 }, undefined];
    answerRepeats(classified, results);
    assert.deepEqual(results[1], { id: a.id, status: 'duplicate', version: 7 });
  });
});

describe('push step 2: answer what is stored', () => {
  it('answers resent events from their stored outcome and leaves only fresh work', () => {
    const applied = saleEvent([newId()]);
    const rejected = saleEvent([newId()]);
    const fresh = saleEvent([newId()]);
    const classified = classifyEvents([applied, rejected, fresh]);
    const results: Array<PushResult | undefined> = new Array(3);
    const left = answerStored(
      classified,
      [
        { id: applied.id, status: 'applied', error: null, version: 3 },
        { id: rejected.id, status: 'rejected', error: 'unknown product', version: null },
      ],
      results,
    );
    assert.deepEqual(results.slice(0, 2), [
      { id: applied.id, status: 'duplicate', version: 3 },
      { id: rejected.id, status: 'rejected', error: 'unknown product' },
    ]);
    assert.deepEqual(
      left.fresh.map((f) => f.event.id),
      [fresh.id],
    );
    assert.deepEqual(left.freshRejections, []);
  });
});

for (const dialect of testDialects()) {
  describe(`push step 3: apply the batch [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    let product: string;
    let origin: EventOrigin;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
      device = await activateFirstDevice(t, shop);
      product = (await createProduct(t, shop.ownerToken)).id;
      origin = {
        tenantId: shop.tenantId,
        storeId: shop.storeId,
        deviceId: device.id,
        receivedAt: Date.now(),
      };
    });
    after(() => t.close());

    async function apply(events: ReturnType<typeof saleEvent>[], outboxPending?: number) {
      const classified = classifyEvents(events);
      const lookups = await lookupEvents(t.db.knex, origin, events);
      const results: Array<PushResult | undefined> = new Array(events.length);
      await applyBatch(t.deps, origin, classified.parsed, [], lookups, results, async (trx) => {
        if (outboxPending !== undefined)
          await trx('devices')
            .where({ tenant_id: shop.tenantId, id: device.id })
            .update({ unsent_events: outboxPending });
      });
      return results as PushResult[];
    }

    it('applies every event and the outbox report in one transaction, all at one version', async () => {
      const events = [saleEvent([product]), saleEvent([product])];
      const results = await apply(events, 0);
      assert.deepEqual(
        results.map((r) => r.status),
        ['applied', 'applied'],
      );
      assert.equal(results[0]!.version, results[1]!.version);
      assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId }), 2);
      const row = await t.db.knex('devices').where({ id: device.id }).first();
      assert.equal(Number(row.unsent_events), 0);
    });

    it('pins a clash on the one event that causes it and applies the others', async () => {
      const cashierId = newId();
      const shiftId = newId();
      await apply([shiftOpenedEvent(shiftId, cashierId)]);
      // The same shift opened again under another event id: the batch hits the unique key and goes one by one.
      const clash = shiftOpenedEvent(shiftId, cashierId);
      const sale = saleEvent([product]);
      const results = await apply([clash, sale]);
      assert.deepEqual(
        results.map((r) => [r.id, r.status]),
        [
          [clash.id, 'rejected'],
          [sale.id, 'applied'],
        ],
      );
      assert.equal(results[0]!.error, 'conflicts with data already on the server');
      const stored = await t.db.knex('sync_events').where({ tenant_id: shop.tenantId, id: clash.id }).first();
      assert.equal(stored.status, 'rejected');
    });
  });
}
