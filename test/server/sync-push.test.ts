import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import { MAX_PUSH_EVENTS, type SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import {
  activateFirstDevice,
  addActiveDevice,
  push,
  saleEvent,
  shiftOpenedEvent,
  type ActiveDevice,
} from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`POST /sync/push [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    let products: string[];
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t, { maxDevices: 5 });
      device = await activateFirstDevice(t, shop);
      products = [];
      for (let i = 0; i < 3; i++) products.push((await createProduct(t, shop.ownerToken)).id);
    });
    after(async () => {
      await t.close();
    });

    const level = async (productId: string) => {
      const row = await t.db
        .knex('stock_levels')
        .where({ tenant_id: shop.tenantId, product_id: productId })
        .first();
      return row ? Number(row.level) : 0;
    };

    it('applies a sale: sale, lines, payment, ledger, level and the applied record in one go', async () => {
      const before = await level(products[0]!);
      const sale = saleEvent(products);
      const res = await push(t, device, [sale]).expect(200);
      assert.equal(res.body.results.length, 1);
      assert.equal(res.body.results[0].id, sale.id);
      assert.equal(res.body.results[0].status, 'applied');
      assert.equal(typeof res.body.results[0].version, 'number');
      const row = await t.db.knex('sales').where({ tenant_id: shop.tenantId, id: sale.id }).first();
      assert.equal(row.device_id, device.id);
      assert.equal(Number(row.total), 3_000_00);
      // 12% VAT included in 1 000 so‘m: 100000 × 1200 / 11200 = 10714.28 → 10714 tiyin per line.
      assert.equal(Number(row.vat), 3 * 10_714);
      assert.equal(await countRows(t, 'sale_lines', { tenant_id: shop.tenantId, sale_id: sale.id }), 3);
      assert.equal(await countRows(t, 'sale_payments', { tenant_id: shop.tenantId, sale_id: sale.id }), 1);
      assert.equal(await countRows(t, 'stock_movements', { tenant_id: shop.tenantId, ref: sale.id }), 3);
      assert.equal(await level(products[0]!), before - 1000);
      const event = await t.db.knex('sync_events').where({ tenant_id: shop.tenantId, id: sale.id }).first();
      assert.equal(event.status, 'applied');
      assert.equal(Number(event.version), res.body.results[0].version);
    });

    it('answers duplicate to the same batch sent twice and counts every row once', async () => {
      const events = [saleEvent(products), saleEvent(products), saleEvent([products[0]!])];
      const before = await level(products[0]!);
      const first = await push(t, device, events).expect(200);
      assert.deepEqual(
        first.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied', 'applied'],
      );
      const second = await push(t, device, events).expect(200);
      assert.deepEqual(
        second.body.results.map((r: { status: string }) => r.status),
        ['duplicate', 'duplicate', 'duplicate'],
      );
      assert.deepEqual(
        second.body.results.map((r: { version: number }) => r.version),
        first.body.results.map((r: { version: number }) => r.version),
      );
      for (const e of events)
        assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId, id: e.id }), 1);
      assert.equal(await level(products[0]!), before - 3000);
    });

    it('applies an id repeated inside one batch once', async () => {
      const sale = saleEvent([products[1]!]);
      const before = await level(products[1]!);
      const res = await push(t, device, [sale, sale]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'duplicate'],
      );
      assert.equal(await countRows(t, 'sale_lines', { tenant_id: shop.tenantId, sale_id: sale.id }), 1);
      assert.equal(await level(products[1]!), before - 1000);
    });

    it('rejects a malformed event and keeps it visible while the others apply', async () => {
      const good1 = saleEvent([products[0]!]);
      const bad = { ...saleEvent([products[0]!]), data: { receiptNo: 'X', lines: 'nope' } };
      const noId = { type: 'sale.completed', data: {} };
      const good2 = saleEvent([products[2]!]);
      const res = await push(t, device, [good1, bad, noId, good2]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'rejected', 'rejected', 'applied'],
      );
      assert.match(res.body.results[1].error, /data/);
      assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId, id: bad.id }), 0);
      assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId, id: good2.id }), 1);
      const stored = await t.db.knex('sync_events').where({ tenant_id: shop.tenantId, id: bad.id }).first();
      assert.equal(stored.status, 'rejected');
      const listed = await t.http
        .get('/sync/rejected')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const ids = listed.body.events.map((e: { id: string }) => e.id);
      assert.ok(ids.includes(bad.id));
      assert.equal(listed.body.events.length, 2, 'the id-less event is kept too');
      // Sent again: still rejected (the same answer), never applied and never stored twice.
      const again = await push(t, device, [bad]).expect(200);
      assert.equal(again.body.results[0].status, 'rejected');
      assert.equal(await countRows(t, 'sync_events', { tenant_id: shop.tenantId, id: bad.id }), 1);
    });

    it("rejects a sale of another tenant's product and leaves their stock alone", async () => {
      const other = await bootstrapTenant(t);
      const theirs = await createProduct(t, other.ownerToken);
      const sale = saleEvent([theirs.id]);
      const res = await push(t, device, [sale]).expect(200);
      assert.equal(res.body.results[0].status, 'rejected');
      assert.match(res.body.results[0].error, /unknown product/);
      assert.equal(await countRows(t, 'stock_levels', { product_id: theirs.id }), 0);
      assert.equal(await countRows(t, 'sales', { id: sale.id }), 0);
    });

    it('records shifts, cash movements and refunds (stock comes back)', async () => {
      const shiftId = newId();
      const cashierId = newId();
      const sale = saleEvent([products[2]!], { shiftId, cashierId, qty: 2000 });
      const before = await level(products[2]!);
      const events: SyncEvent[] = [
        shiftOpenedEvent(shiftId, cashierId),
        sale,
        {
          id: newId(),
          type: 'cash.moved',
          occurredAt: new Date().toISOString(),
          data: { shiftId, amount: -50_000_00, reason: 'inkassatsiya' },
        },
        {
          id: newId(),
          type: 'sale.refunded',
          occurredAt: new Date().toISOString(),
          data: {
            refundNo: 'R-1',
            saleId: sale.id,
            lines: [{ productId: products[2]!, qty: 1000, total: 1_000_00 }],
            payments: [{ method: 'cash', amount: 1_000_00 }],
            total: 1_000_00,
            shiftId,
            cashierId,
          },
        },
        {
          id: newId(),
          type: 'shift.closed',
          occurredAt: new Date().toISOString(),
          data: { shiftId, countedCash: 52_000_00 },
        },
        {
          id: newId(),
          type: 'shift.closed',
          occurredAt: new Date().toISOString(),
          data: { shiftId: newId(), countedCash: 0 },
        },
      ];
      const res = await push(t, device, events).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied', 'applied', 'applied', 'applied', 'rejected'],
      );
      const shift = await t.db.knex('shifts').where({ tenant_id: shop.tenantId, id: shiftId }).first();
      assert.equal(Number(shift.opening_cash), 100_000_00);
      assert.equal(Number(shift.counted_cash), 52_000_00);
      assert.ok(shift.closed_at);
      assert.equal(await countRows(t, 'cash_movements', { tenant_id: shop.tenantId, shift_id: shiftId }), 1);
      const refund = await t.db
        .knex('refund_lines')
        .where({ tenant_id: shop.tenantId, refund_id: events[3]!.id })
        .first();
      assert.equal(refund.vat_rate, 1200);
      assert.equal(await level(products[2]!), before - 2000 + 1000);
      const again = await push(t, device, [shiftOpenedEvent(shiftId, cashierId)]).expect(200);
      assert.equal(again.body.results[0].status, 'rejected', 'a shift is opened once');
    });

    it("records the register's outbox report on its device row", async () => {
      const oldestAt = '2026-11-20T08:00:00.000Z';
      await push(t, device, [], { pending: 42, oldestAt }).expect(200);
      const list = await t.http
        .get('/devices')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const mine = list.body.devices.find((d: { id: string }) => d.id === device.id);
      assert.equal(mine.unsentEvents, 42);
      assert.equal(mine.oldestUnsentAt, oldestAt);
    });

    it('refuses more than 500 events with 400 VALIDATION_FAILED naming events', async () => {
      const events = Array.from({ length: MAX_PUSH_EVENTS + 1 }, () => saleEvent([products[0]!]));
      const res = await push(t, device, events).expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.match(res.body.error.message, /events/);
      assert.equal(await countRows(t, 'sales', { id: events[0]!.id }), 0);
    });

    it('takes what a revoked register made before the revoke, marked, and tells it it is revoked', async () => {
      const doomed = await addActiveDevice(t, shop);
      const before = saleEvent([products[0]!]);
      await t.http
        .post(`/devices/${doomed.id}/revoke`)
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const after = {
        ...saleEvent([products[0]!]),
        occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
      };
      const res = await push(t, doomed, [before, after]).expect(200);
      assert.equal(res.body.revoked, true);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'rejected'],
      );
      const stored = await t.db
        .knex('sync_events')
        .where({ tenant_id: shop.tenantId, id: before.id })
        .first();
      assert.match(stored.review, /^arrived after revocation/);
      assert.equal(await countRows(t, 'sales', { id: after.id }), 0);
      const pull = await t.http
        .get('/sync/pull')
        .set(...bearer(doomed.token))
        .expect(403);
      assert.equal(pull.body.error.code, 'DEVICE_REVOKED');
    });

    it('keeps exactly one effect when the same batch races itself', async () => {
      const events = Array.from({ length: 20 }, () => saleEvent([products[1]!]));
      const before = await level(products[1]!);
      const answers = await Promise.all([
        push(t, device, events),
        push(t, device, events),
        push(t, device, events),
      ]);
      for (const a of answers) assert.equal(a.status, 200);
      for (let i = 0; i < events.length; i++) {
        const statuses = answers.map((a) => a.body.results[i].status).sort();
        assert.equal(statuses.filter((s: string) => s === 'applied').length, 1, `event ${i}: ${statuses}`);
        assert.equal(statuses.filter((s: string) => s === 'duplicate').length, 2);
      }
      assert.equal(await level(products[1]!), before - 20 * 1000);
      assert.equal(
        await countRows(t, 'sales', { tenant_id: shop.tenantId, device_id: device.id }),
        await countRows(t, 'sync_events', {
          tenant_id: shop.tenantId,
          device_id: device.id,
          type: 'sale.completed',
          status: 'applied',
        }),
      );
    });
  });

  // The same at 3 000 sales, timed: `npm run bench -- registers-push`.
  describe(`push: 3 registers selling the same products at once [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('ends with stock = start − sold and every sale stored once', async () => {
      const SALES_PER_DEVICE = 30;
      const BATCH = 10;
      const shop = await bootstrapTenant(t, { maxDevices: 3 });
      const devices = [
        await activateFirstDevice(t, shop),
        await addActiveDevice(t, shop),
        await addActiveDevice(t, shop),
      ];
      const products: string[] = [];
      for (let i = 0; i < 6; i++) products.push((await createProduct(t, shop.ownerToken)).id);
      await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({ lines: products.map((productId) => ({ productId, qty: 10_000_000 })) })
        .expect(201);
      const plans = devices.map(() =>
        Array.from({ length: SALES_PER_DEVICE }, (_, i) =>
          saleEvent([products[i % 6]!, products[(i + 1) % 6]!, products[(i + 2) % 6]!]),
        ),
      );
      await Promise.all(
        devices.map(async (device, d) => {
          for (let i = 0; i < SALES_PER_DEVICE; i += BATCH) {
            const res = await push(t, device, plans[d]!.slice(i, i + BATCH)).expect(200);
            assert.ok(res.body.results.every((r: { status: string }) => r.status === 'applied'));
          }
        }),
      );
      const total = devices.length * SALES_PER_DEVICE;
      assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId }), total);
      assert.equal(await countRows(t, 'sale_lines', { tenant_id: shop.tenantId }), total * 3);
      const levels = await t.db.knex('stock_levels').where({ tenant_id: shop.tenantId });
      const sold = new Map<string, number>();
      for (const plan of plans)
        for (const sale of plan)
          if (sale.type === 'sale.completed')
            for (const line of sale.data.lines)
              sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.qty);
      assert.equal(levels.length, products.length);
      for (const row of levels) assert.equal(Number(row.level), 10_000_000 - sold.get(row.product_id)!);
      // Resending everything changes nothing.
      for (const [d, device] of devices.entries()) {
        const res = await push(t, device, plans[d]!.slice(0, BATCH)).expect(200);
        assert.ok(res.body.results.every((r: { status: string }) => r.status === 'duplicate'));
      }
      assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId }), total);
    });
  });
}
