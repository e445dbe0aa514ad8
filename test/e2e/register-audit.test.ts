import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRecordedData } from '../../src/common/protocol/sync.js';
import { activateRegister } from '../../src/terminal/activation.js';
import { loginCashier } from '../../src/terminal/register/cashier.js';
import { closeRegister, openRegister, type RegisterContext } from '../../src/terminal/register/context.js';
import { parkCart } from '../../src/terminal/register/parking.js';
import { cashierPolicy, recordAudit, scanIntoCart } from '../../src/terminal/register/selling.js';
import { openShift } from '../../src/terminal/register/shift.js';
import { emptyCart, reduceCart } from '../../src/terminal/sale/cart.js';
import { outboxSummary, pendingEvents } from '../../src/terminal/store/queries/sync.js';
import { writeAudit } from '../../src/terminal/store/queries/sales.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';

for (const dialect of testDialects()) {
  describe(`the register's audit log reaches the owner [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let ctx: RegisterContext;
    let dir: string;
    let owner: [string, string];
    let cashierId: string;
    let barcode: string;

    before(async () => {
      t = await testApp(dialect);
      server = await listen(t.app);
      const tenant = await bootstrapTenant(t);
      owner = bearer(tenant.ownerToken);
      const cashier = await t.http
        .post('/users')
        .set(...owner)
        .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
        .expect(201);
      cashierId = cashier.body.user.id;
      barcode = (await createProduct(t, tenant.ownerToken, { name: 'Non patir', price: 500_000 }))
        .barcodes[0]!;
      dir = mkdtempSync(join(tmpdir(), 'posapp-audit-'));
      await activateRegister({
        dataDir: dir,
        serverUrl: server.url,
        deviceKey: tenant.firstDeviceKey,
        hostname: 'test',
      });
      ctx = openRegister(dir);
      await syncOnce(ctx.db, ctx.identity);
    });
    after(async () => {
      if (ctx) closeRegister(ctx);
      if (dir) rmSync(dir, { recursive: true, force: true });
      await server?.close();
      await t?.close();
    });

    it('queues every audit_log row as one audit.recorded event and the server keeps each once', async () => {
      const cashier = await loginCashier(ctx, '4321');
      const shift = openShift(ctx, cashier, 0);
      const policy = cashierPolicy(ctx);
      // Three loaves, one taken off, then one line voided, a discount, the rest cancelled; another cart parked.
      let cart = scanIntoCart(ctx, emptyCart, `3*${barcode}`).state;
      const steps = [
        reduceCart(cart, { type: 'setQty', lineIndex: 0, qty: 2000 }, policy),
        reduceCart(cart, { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 500 } }, policy),
        reduceCart(cart, { type: 'clear', reason: 'mijoz ketdi' }, policy),
      ];
      for (const step of steps) recordAudit(ctx, cashier, step.audit);
      cart = scanIntoCart(ctx, emptyCart, barcode).state;
      recordAudit(
        ctx,
        cashier,
        reduceCart(cart, { type: 'removeLine', lineIndex: 0, reason: 'xato' }, policy).audit,
      );
      parkCart(ctx, cashier, scanIntoCart(ctx, emptyCart, barcode).state);
      writeAudit(ctx.db, { cashierId: null, action: 'pin.failed', data: { attempts: 1 } });

      const logged = ctx.db.prepare('SELECT id, action FROM audit_log ORDER BY id').all() as Array<{
        id: string;
        action: string;
      }>;
      const queued = pendingEvents(ctx.db, 100).filter((e) => e.type === 'audit.recorded');
      assert.deepEqual(
        queued.map((e) => e.id),
        logged.map((row) => row.id),
      );
      const kinds = queued.map((e) => auditRecordedData.parse(e.data).kind);
      assert.deepEqual(kinds, [
        'line.voided',
        'discount.given',
        'sale.cancelled',
        'line.voided',
        'sale.parked',
        'pin.failed',
      ]);
      const cancelled = auditRecordedData.parse(queued[2]!.data);
      assert.equal(cancelled.shiftId, shift.id);
      assert.equal(cancelled.cashierId, cashier.id);
      assert.equal(cancelled.reason, 'mijoz ketdi');
      assert.equal(cancelled.amount, 1_500_000);
      assert.equal(auditRecordedData.parse(queued[0]!.data).detail.action, 'line.reduced');

      await syncOnce(ctx.db, ctx.identity);
      assert.equal(outboxSummary(ctx.db).pending, 0);
      // A resend of what the server already has (a lost answer) adds nothing.
      ctx.db.prepare("UPDATE outbox SET status = 'pending' WHERE type = 'audit.recorded'").run();
      await syncOnce(ctx.db, ctx.identity);
      assert.equal(outboxSummary(ctx.db).pending, 0);

      const res = await t.http
        .get('/reports/audit')
        .set(...owner)
        .expect(200);
      assert.deepEqual(
        res.body.events.map((e: { id: string }) => e.id),
        logged.map((row) => row.id).reverse(),
      );
      const voided = res.body.events.find((e: { reason: string | null }) => e.reason === 'xato');
      assert.equal(voided.cashierId, cashierId);
      assert.equal(voided.cashier, 'Dilnoza');
      assert.equal(voided.amount, 500_000);
      assert.equal(voided.detail['line.name'], 'Non patir');

      const report = await t.http
        .get('/reports/sales?groupBy=cashier')
        .set(...owner)
        .expect(200);
      const row = report.body.rows.find((r: { key: string }) => r.key === cashierId);
      assert.equal(row.voids, 2);
      assert.equal(row.cancels, 1);
    });
  });
}
