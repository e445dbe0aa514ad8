import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activateRegister } from '../../src/terminal/activation.js';
import { closeRegister, openRegister, settingsOf } from '../../src/terminal/register/context.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { pruneKeptData } from '../../src/terminal/sync/prune.js';
import { loginCashier } from '../../src/terminal/register/cashier.js';
import { findSale, refundSale } from '../../src/terminal/register/refunds.js';
import { lookUpOriginal } from '../../src/terminal/register/remote-sale.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { closeShift, openShift } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { AppError } from '../../src/common/errors.js';
import { createProduct } from '../helpers/catalog.js';
import { bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';
import { activateFirstDevice, pullAll } from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`store setting: days of sales a register keeps [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('is 90 days until the owner changes it, and reaches the registers when changed', async () => {
      const shop = await bootstrapTenant(t);
      const owner = bearer(shop.ownerToken);
      const device = await activateFirstDevice(t, shop);
      const initial = await t.http
        .get('/settings')
        .set(...owner)
        .expect(200);
      assert.equal(initial.body.settings.registerKeepDays, 90);
      const res = await t.http
        .patch('/settings')
        .set(...owner)
        .send({ registerKeepDays: 30 })
        .expect(200);
      assert.equal(res.body.settings.registerKeepDays, 30);
      // The other settings stay as they were.
      assert.equal(res.body.settings.maxCashierDiscount, initial.body.settings.maxCashierDiscount);
      const row = await t.db.knex('store_settings').where({ tenant_id: shop.tenantId }).first();
      assert.equal(row.register_keep_days, 30);
      const { changes } = await pullAll(t, device);
      const settings = changes.filter((c) => c.entity === 'settings').at(-1)!.data as Record<string, unknown>;
      assert.equal(settings.registerKeepDays, 30);
    });

    it('refuses fewer than 7 days, more than 3650, a fraction or text, and keeps the saved value', async () => {
      const shop = await bootstrapTenant(t);
      const owner = bearer(shop.ownerToken);
      await t.http
        .patch('/settings')
        .set(...owner)
        .send({ registerKeepDays: 7 })
        .expect(200);
      for (const registerKeepDays of [6, 3651, 30.5, '30', null]) {
        const bad = await t.http
          .patch('/settings')
          .set(...owner)
          .send({ registerKeepDays })
          .expect(400);
        assert.equal(bad.body.error.code, 'VALIDATION_FAILED', String(registerKeepDays));
        assert.match(bad.body.error.message, /registerKeepDays/);
      }
      await t.http
        .patch('/settings')
        .set(...owner)
        .send({ registerKeepDays: 3650 })
        .expect(200);
      const saved = await t.http
        .get('/settings')
        .set(...owner)
        .expect(200);
      assert.equal(saved.body.settings.registerKeepDays, 3650);
    });

    it('is pulled by a register, which moves a sale off by it once the server has it, then refunds it through the server', async () => {
      const server = await listen(t.app);
      const dir = mkdtempSync(join(tmpdir(), 'posapp-keep-days-'));
      const shop = await bootstrapTenant(t);
      try {
        const owner = bearer(shop.ownerToken);
        await t.http
          .patch('/settings')
          .set(...owner)
          .send({ registerKeepDays: 14 })
          .expect(200);
        await t.http
          .post('/users')
          .set(...owner)
          .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
          .expect(201);
        const barcode = (await createProduct(t, shop.ownerToken, { name: 'Non patir', price: 500_000 }))
          .barcodes[0]!;
        await activateRegister({
          dataDir: dir,
          serverUrl: server.url,
          deviceKey: shop.firstDeviceKey,
          hostname: 'test',
        });
        const ctx = openRegister(dir);
        try {
          await syncOnce(ctx.db, ctx.identity);
          assert.equal(settingsOf(ctx).registerKeepDays, 14);
          const cashier = await loginCashier(ctx, '4321');
          openShift(ctx, cashier, 0);
          const cart = scanIntoCart(ctx, emptyCart, barcode).state;
          const sale = checkout(ctx, { cart, tenders: [{ method: 'cash', tendered: 500_000 }], cashier });
          // Fresh, it stays after the round that sends it (its shift is still open, and it is new).
          const round = await syncOnce(ctx.db, ctx.identity);
          assert.equal(round.pushed, 2);
          assert.deepEqual(round.pruned, { sales: 0, refunds: 0, auditRows: 0, events: 0 });
          closeShift(ctx, 0);
          await syncOnce(ctx.db, ctx.identity);
          const stored = await t.db.knex('sales').where({ tenant_id: shop.tenantId, id: sale.saleId });
          assert.equal(stored.length, 1);
          // 13 days later it is still there; 15 days later it is on the server only.
          const day = 86_400_000;
          const at13 = await pruneKeptData(ctx.db, { now: new Date(Date.now() + 13 * day) });
          assert.equal(at13.sales, 0);
          const at15 = await pruneKeptData(ctx.db, { now: new Date(Date.now() + 15 * day) });
          assert.equal(at15.sales, 1);
          assert.throws(
            () => findSale(ctx, sale.receiptNo),
            (e: unknown) => e instanceof AppError && e.code === 'SALE_NOT_KEPT',
          );
          // Its refund goes through the server, by the digits the cashier reads off the receipt.
          const offline = { ...ctx, identity: { ...ctx.identity, serverUrl: 'http://127.0.0.1:9' } };
          await assert.rejects(
            lookUpOriginal(offline, sale.receiptNo, { timeoutMs: 2000 }),
            (e: unknown) =>
              e instanceof AppError &&
              e.code === 'SALE_NOT_KEPT_OFFLINE' &&
              e.localized('en').startsWith(`Receipt ${sale.receiptNo} is no longer kept on this register`),
          );
          const original = await lookUpOriginal(ctx, String(Number(sale.receiptNo.slice(-6))));
          assert.equal(original.sale.id, sale.saleId);
          assert.equal(original.register, null);
          openShift(ctx, cashier, 1_000_000);
          const refund = refundSale(ctx, { original, selection: { whole: true }, cashier });
          assert.equal(refund.data.total, 500_000);
          assert.equal((await syncOnce(ctx.db, ctx.identity)).pushed, 2);
          const refunds = await t.db
            .knex('refunds')
            .where({ tenant_id: shop.tenantId, sale_id: sale.saleId });
          assert.equal(refunds.length, 1);
        } finally {
          closeRegister(ctx);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await server.close();
      }
    });
  });
}
