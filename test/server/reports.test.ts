import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import type { SaleCompletedData, SaleRefundedData } from '../../src/common/protocol/sync.js';
import { storeDayOf } from '../../src/common/time.js';
import { testDialects } from '../helpers/db.js';
import { activatedLongAgo, bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';

interface Fixture {
  ownerToken: string;
  deviceName: string;
  cashierId: string;
  products: Array<{ id: string; price: number; vatRate: number }>;
  sales: Array<{ id: string; occurredAt: string; data: SaleCompletedData }>;
  refunds: Array<{ id: string; occurredAt: string; data: SaleRefundedData }>;
  shiftId: string;
}

const DAY = 24 * 3600 * 1000;

/** A register's day: a shift, sales paid in cash, card, split and QR, a refund, cash out, shift closed; pushed. */
async function sellAndPush(t: TestApp): Promise<Fixture> {
  const tenant = await bootstrapTenant(t, { maxDevices: 1 });
  const owner = bearer(tenant.ownerToken);
  const act = await t.http.post('/devices/activate').send({ deviceKey: tenant.firstDeviceKey }).expect(200);
  const device = bearer(act.body.deviceToken);
  await activatedLongAgo(t, tenant.tenantId);
  const cashier = await t.http
    .post('/users')
    .set(...owner)
    .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
    .expect(201);
  const cashierId = cashier.body.user.id as string;
  const products: Array<{ id: string; price: number; vatRate: number }> = [];
  for (const [i, price, vatRate] of [
    [1, 1_250_000, 1200],
    [2, 990_000, 0],
    [3, 4_500_000, 1200],
  ] as const) {
    const res = await t.http
      .post('/products')
      .set(...owner)
      .send({ sku: `R-${i}`, name: `Mahsulot ${i}`, price, vatRate, barcodes: [] })
      .expect(201);
    products.push({ id: res.body.product.id as string, price, vatRate });
  }
  const shiftId = newId();
  const now = Date.now();
  const at = (offsetMs: number) => new Date(now - 2 * DAY + offsetMs).toISOString();
  const line = (p: (typeof products)[number], qty: number, discount = 0) => {
    const total = Math.round((p.price * qty) / 1000) - discount;
    return { productId: p.id, name: 'x', qty, unitPrice: p.price, discount, total, vatRate: p.vatRate };
  };
  const sale = (
    offsetMs: number,
    lines: ReturnType<typeof line>[],
    payments: SaleCompletedData['payments'],
    change = 0,
  ) => {
    const total = lines.reduce((s, l) => s + l.total, 0);
    const data: SaleCompletedData = {
      receiptNo: `POS-01-${String(offsetMs).padStart(6, '0')}`,
      shiftId,
      cashierId,
      lines,
      discount: 0,
      total,
      payments,
      change,
    };
    return { id: newId(), occurredAt: at(offsetMs), data };
  };
  const s1 = sale(
    1000,
    [line(products[0]!, 2000), line(products[1]!, 1500)],
    [{ method: 'cash', amount: 5_000_000 }],
    5_000_000 - (2_500_000 + 1_485_000),
  );
  const s2 = sale(
    2000,
    [line(products[2]!, 1000, 500_000)],
    [{ method: 'card', amount: 4_000_000, cardType: 'humo', reference: 'A1' }],
  );
  const s3 = sale(
    3000,
    [line(products[0]!, 1000), line(products[2]!, 1000)],
    [
      { method: 'card', amount: 3_000_000, cardType: 'uzcard' },
      { method: 'cash', amount: 3_000_000 },
    ],
    250_000,
  );
  const s4 = sale(
    DAY + 1000,
    [line(products[1]!, 3000)],
    [{ method: 'qr', amount: 2_970_000, cardType: 'payme', reference: 'Q9' }],
  );
  const refund = {
    id: newId(),
    occurredAt: at(DAY + 2000),
    data: {
      refundNo: 'POS-01-R000001',
      saleId: s1.id,
      lines: [{ productId: products[0]!.id, qty: 1000, total: 1_250_000 }],
      payments: [{ method: 'cash' as const, amount: 1_250_000 }],
      total: 1_250_000,
      shiftId,
      cashierId,
    },
  };
  const events = [
    {
      id: newId(),
      type: 'shift.opened',
      occurredAt: at(0),
      data: { shiftId, cashierId, openingCash: 1_000_000 },
    },
    ...[s1, s2, s3, s4].map((s) => ({
      id: s.id,
      type: 'sale.completed',
      occurredAt: s.occurredAt,
      data: s.data,
    })),
    { id: refund.id, type: 'sale.refunded', occurredAt: refund.occurredAt, data: refund.data },
    {
      id: newId(),
      type: 'cash.moved',
      occurredAt: at(DAY + 3000),
      data: { shiftId, amount: -2_000_000, reason: 'inkassatsiya' },
    },
    {
      id: newId(),
      type: 'shift.closed',
      occurredAt: at(DAY + 4000),
      data: { shiftId, countedCash: 4_800_000 },
    },
  ];
  const push = await t.http
    .post('/sync/push')
    .set(...device)
    .send({ events })
    .expect(200);
  assert.deepEqual(
    push.body.results.map((r: { status: string }) => r.status),
    events.map(() => 'applied'),
  );
  return {
    ownerToken: tenant.ownerToken,
    deviceName: 'POS-01',
    cashierId,
    products,
    sales: [s1, s2, s3, s4],
    refunds: [refund],
    shiftId,
  };
}

function vatOf(total: number, rate: number): number {
  return rate <= 0 ? 0 : Math.round((total * rate) / (10_000 + rate));
}

for (const dialect of testDialects()) {
  describe(`reports [${dialect}]`, function () {
    let t: TestApp;
    let f: Fixture;
    let from: string;
    let to: string;
    before(async () => {
      t = await testApp(dialect);
      f = await sellAndPush(t);
      from = storeDayOf(Date.now() - 3 * DAY);
      to = storeDayOf(Date.now());
    });
    after(async () => {
      await t.close();
    });

    it('sums sales, refunds, VAT and payments exactly as the pushed receipts add up', async () => {
      const res = await t.http
        .get(`/reports/sales?from=${from}&to=${to}&groupBy=day`)
        .set(...bearer(f.ownerToken))
        .expect(200);
      // Independent sums straight from the events that were pushed.
      const sales = f.sales.reduce((s, x) => s + x.data.total, 0);
      const refunds = f.refunds.reduce((s, x) => s + x.data.total, 0);
      const vat =
        f.sales.flatMap((s) => s.data.lines).reduce((s, l) => s + vatOf(l.total, l.vatRate), 0) -
        f.refunds
          .flatMap((r) => r.data.lines)
          .reduce((s, l) => s + vatOf(l.total, f.products.find((p) => p.id === l.productId)!.vatRate), 0);
      assert.deepEqual(res.body.totals, { count: 4, sales, refunds, net: sales - refunds, vat });
      const paid = (method: string) =>
        f.sales
          .flatMap((s) => s.data.payments)
          .filter((p) => p.method === method)
          .reduce((s, p) => s + p.amount, 0);
      const change = f.sales.reduce((s, x) => s + x.data.change, 0);
      assert.deepEqual(res.body.payments, {
        cash: paid('cash') - change - refunds,
        card: paid('card'),
        qr: paid('qr'),
      });
      const days = res.body.rows.map((r: { key: string }) => r.key);
      assert.deepEqual(days, [...days].sort());
      assert.equal(
        res.body.rows.reduce((s: number, r: { net: number }) => s + r.net, 0),
        sales - refunds,
      );
      const firstDay = storeDayOf(Date.parse(f.sales[0]!.occurredAt));
      const row = res.body.rows.find((r: { key: string }) => r.key === firstDay);
      assert.equal(row.count, 3);
      assert.equal(row.label, firstDay);
    });

    it('groups by register, cashier and product with names as labels', async () => {
      const owner = bearer(f.ownerToken);
      const byDevice = await t.http
        .get(`/reports/sales?from=${from}&to=${to}&groupBy=device`)
        .set(...owner)
        .expect(200);
      assert.equal(byDevice.body.rows.length, 1);
      assert.equal(byDevice.body.rows[0].label, 'POS-01');
      assert.equal(byDevice.body.rows[0].count, 4);
      const byCashier = await t.http
        .get(`/reports/sales?from=${from}&to=${to}&groupBy=cashier`)
        .set(...owner)
        .expect(200);
      assert.equal(byCashier.body.rows[0].label, 'Dilnoza');
      assert.equal(byCashier.body.rows[0].key, f.cashierId);
      const byProduct = await t.http
        .get(`/reports/sales?from=${from}&to=${to}&groupBy=product`)
        .set(...owner)
        .expect(200);
      const first = byProduct.body.rows.find((r: { key: string }) => r.key === f.products[0]!.id);
      assert.equal(first.qty, 2000, '3 sold, 1 refunded');
      assert.equal(first.sales, 2_500_000 + 1_250_000);
      assert.equal(first.refunds, 1_250_000);
      assert.equal(first.count, 2);
      assert.equal(byProduct.body.totals.count, 4, 'totals count receipts, not product rows');
      assert.equal(byProduct.body.totals.net, byDevice.body.totals.net);
    });

    it('gives the Z-report of the shift: expected against counted cash', async () => {
      const res = await t.http
        .get(`/reports/shifts?from=${from}&to=${to}`)
        .set(...bearer(f.ownerToken))
        .expect(200);
      assert.equal(res.body.shifts.length, 1);
      const z = res.body.shifts[0];
      const cashIn = f.sales
        .flatMap((s) => s.data.payments)
        .filter((p) => p.method === 'cash')
        .reduce((s, p) => s + p.amount, 0);
      const change = f.sales.reduce((s, x) => s + x.data.change, 0);
      const expected = 1_000_000 + cashIn - change - 1_250_000 - 2_000_000;
      assert.equal(z.device, 'POS-01');
      assert.equal(z.cashier, 'Dilnoza');
      assert.equal(z.expectedCash, expected);
      assert.equal(z.countedCash, 4_800_000);
      assert.equal(z.difference, 4_800_000 - expected);
      assert.ok(z.closedAt);
      assert.deepEqual(z.payments, {
        cash: cashIn - change - 1_250_000,
        card: 4_000_000 + 3_000_000,
        qr: 2_970_000,
      });
    });

    it('lists best sellers and flags negative and low stock', async () => {
      const owner = bearer(f.ownerToken);
      const best = await t.http
        .get(`/reports/best-sellers?from=${from}&to=${to}&limit=2`)
        .set(...owner)
        .expect(200);
      assert.equal(best.body.rows.length, 2);
      assert.ok(best.body.rows[0].net >= best.body.rows[1].net);
      await t.http
        .post('/stock/receipts')
        .set(...owner)
        .send({ lines: [{ productId: f.products[2]!.id, qty: 50_000 }] })
        .expect(201);
      const stock = await t.http
        .get('/reports/stock?lowBelow=5000')
        .set(...owner)
        .expect(200);
      const level = (id: string) => stock.body.levels.find((l: { productId: string }) => l.productId === id);
      assert.equal(level(f.products[0]!.id).level, -2000);
      assert.equal(level(f.products[0]!.id).negative, true);
      assert.equal(level(f.products[2]!.id).level, 48_000);
      assert.equal(level(f.products[2]!.id).low, false);
      assert.equal(stock.body.negativeCount, 2);
      assert.equal(stock.body.levels[0].negative, true, 'problems first');
    });

    it('refuses a range that ends before it starts, and cashiers or devices reading reports', async () => {
      const res = await t.http
        .get('/reports/sales?from=2026-05-02&to=2026-05-01')
        .set(...bearer(f.ownerToken))
        .expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      await t.http
        .get('/reports/sales?groupBy=week')
        .set(...bearer(f.ownerToken))
        .expect(400);
      await t.http.get('/reports/sales').expect(401);
    });
  });
}
