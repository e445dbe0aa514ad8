import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import {
  activateFirstDevice,
  push,
  saleEvent,
  shiftOpenedEvent,
  type ActiveDevice,
} from '../helpers/sync.js';

type Sale = Extract<SyncEvent, { type: 'sale.completed' }>;

let refundCounter = 0;
function refundEvent(
  saleId: string,
  lines: Array<{ productId: string; qty: number; total: number }>,
  extra: { shiftId?: string; cashierId?: string } = {},
): SyncEvent {
  const total = lines.reduce((sum, l) => sum + l.total, 0);
  return {
    id: newId(),
    type: 'sale.refunded',
    occurredAt: new Date().toISOString(),
    data: {
      refundNo: `POS-01-R${String(++refundCounter).padStart(6, '0')}`,
      saleId,
      lines,
      payments: [{ method: 'cash', amount: total }],
      total,
      ...extra,
    },
  };
}

/** A sale event with a change made to its data, as a forger with the register's token would send it. */
function forged(sale: Sale, change: (d: Sale['data']) => void): Sale {
  const copy = structuredClone(sale);
  copy.id = newId();
  change(copy.data);
  return copy;
}

for (const dialect of testDialects()) {
  describe(`push checks events as a bank checks a deposit [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    let product: string;
    let cashierId: string;
    let shiftId: string;

    const level = async () => {
      const row = await t.db
        .knex('stock_levels')
        .where({ tenant_id: shop.tenantId, product_id: product })
        .first();
      return row ? Number(row.level) : 0;
    };
    const pushOne = async (event: unknown) => {
      const res = await push(t, device, [event]).expect(200);
      return res.body.results[0] as { id: string; status: string; error?: string };
    };
    const sale = (qty = 1000) => saleEvent([product], { shiftId, cashierId, qty }) as Sale;

    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
      device = await activateFirstDevice(t, shop);
      product = (await createProduct(t, shop.ownerToken)).id;
      const cashier = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Aziz', pin: '4821' })
        .expect(201);
      cashierId = cashier.body.user.id;
      shiftId = newId();
      const opened = await pushOne(shiftOpenedEvent(shiftId, cashierId));
      assert.equal(opened.status, 'applied');
    });
    after(() => t.close());

    it('rejects a refund of a sale the server never received, moves no stock and lists it for the owner', async () => {
      const before = await level();
      const forgery = refundEvent(newId(), [{ productId: product, qty: 100_000_000, total: 999_999_999 }]);
      const result = await pushOne(forgery);
      assert.equal(result.status, 'rejected');
      assert.match(result.error!, /never sent/);
      assert.equal(await level(), before);
      assert.equal(await countRows(t, 'refunds', { tenant_id: shop.tenantId }), 0);
      const listed = await t.http
        .get('/sync/rejected')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.ok(listed.body.events.some((e: { id: string }) => e.id === forgery.id));
    });

    it('rejects refunds beyond what was sold less what was refunded, in quantity and in money', async () => {
      const s = sale(2000);
      assert.equal((await pushOne(s)).status, 'applied');
      const lineTotal = s.data.lines[0]!.total;
      const tooMany = await pushOne(refundEvent(s.id, [{ productId: product, qty: 3000, total: lineTotal }]));
      assert.match(tooMany.error!, /2000 left of 2000 sold/);
      const tooMuch = await pushOne(
        refundEvent(s.id, [{ productId: product, qty: 1000, total: lineTotal + 1 }]),
      );
      assert.equal(tooMuch.status, 'rejected');
      const half = await pushOne(
        refundEvent(s.id, [{ productId: product, qty: 1000, total: lineTotal / 2 }]),
      );
      assert.equal(half.status, 'applied');
      const again = await pushOne(refundEvent(s.id, [{ productId: product, qty: 2000, total: lineTotal }]));
      assert.match(again.error!, /1000 left of 2000 sold/);
      const rest = await pushOne(
        refundEvent(s.id, [{ productId: product, qty: 1000, total: lineTotal / 2 }]),
      );
      assert.equal(rest.status, 'applied');
      const refunded = await t.db.knex('refunds').where({ tenant_id: shop.tenantId, sale_id: s.id });
      assert.deepEqual(refunded.map((r) => Number(r.total)).sort(), [lineTotal / 2, lineTotal / 2]);
    });

    it('accepts a refund of a sale earlier in the same batch, but not a second one past it', async () => {
      const s = sale();
      const total = s.data.total;
      const res = await push(t, device, [
        s,
        refundEvent(s.id, [{ productId: product, qty: 1000, total }]),
        refundEvent(s.id, [{ productId: product, qty: 1000, total }]),
      ]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied', 'rejected'],
      );
    });

    it('rejects sales whose arithmetic does not hold, never blocking the events behind them', async () => {
      const good = sale();
      const forgeries = [
        forged(good, (d) => (d.lines[0]!.total = 1)),
        forged(good, (d) => {
          d.lines[0]!.qty = 1_000_000;
        }),
        forged(good, (d) => {
          d.total = 1;
          d.payments[0]!.amount = 1;
        }),
        forged(good, (d) => (d.payments[0]!.amount = d.total - 1)),
        forged(good, (d) => {
          d.payments[0]!.amount = d.total + 500_00;
          d.change = 1_000_00;
        }),
        forged(good, (d) => {
          d.payments = [{ method: 'card', amount: d.total + 500_00 }];
          d.change = 500_00;
        }),
      ];
      const behind = sale();
      const salesBefore = await countRows(t, 'sales', { tenant_id: shop.tenantId });
      const res = await push(t, device, [...forgeries, behind]).expect(200);
      const statuses = res.body.results.map((r: { status: string }) => r.status);
      assert.deepEqual(statuses, [...forgeries.map(() => 'rejected'), 'applied']);
      const reasons = res.body.results.slice(0, forgeries.length).map((r: { error: string }) => r.error);
      assert.match(reasons[0], /not qty × price/);
      assert.match(reasons[1], /not qty × price/);
      assert.match(reasons[2], /not the sum of its lines/);
      assert.match(reasons[3], /do not cover/);
      assert.match(reasons[4], /change/);
      assert.match(reasons[5], /more than the cash given/);
      assert.equal(await countRows(t, 'sales', { tenant_id: shop.tenantId }), salesBefore + 1);
    });

    it('refuses totals beyond the shared bounds', async () => {
      const huge = forged(sale(), (d) => {
        d.total = 2 ** 53;
        d.payments[0]!.amount = 2 ** 53;
      });
      const result = await pushOne(huge);
      assert.equal(result.status, 'rejected');
      assert.match(result.error!, /total/);
    });

    it('accepts a sale by an unknown or disabled cashier or in an unseen shift, flagged for review', async () => {
      const unknownCashier = saleEvent([product], { shiftId, cashierId: newId() });
      const unseenShift = saleEvent([product], { shiftId: newId(), cashierId });
      const other = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Dilnoza', pin: '7351' })
        .expect(201);
      await t.http
        .post(`/users/${other.body.user.id}/disable`)
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const disabledCashier = saleEvent([product], { shiftId, cashierId: other.body.user.id });
      const res = await push(t, device, [unknownCashier, unseenShift, disabledCashier]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied', 'applied'],
      );
      const review = await t.http
        .get('/sync/review')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const byId = new Map(review.body.events.map((e: { id: string; review: string }) => [e.id, e.review]));
      assert.match(String(byId.get(unknownCashier.id)), /unknown cashier/);
      assert.match(String(byId.get(unseenShift.id)), /not seen by the server/);
      assert.match(String(byId.get(disabledCashier.id)), /was disabled/);
      assert.equal(byId.has(sale().id), false);
    });
  });
}
