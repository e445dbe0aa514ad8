import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activateRegister } from '../../src/terminal/activation.js';
import { loginCashier } from '../../src/terminal/register/cashier.js';
import { closeRegister, openRegister, type RegisterContext } from '../../src/terminal/register/context.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { openShift } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { outboxSummary } from '../../src/terminal/store/queries/sync.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';

for (const dialect of testDialects()) {
  describe(`a revoked register loses no sale [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let shop: BootstrappedTenant;
    let register: RegisterContext;
    let dir: string;
    let barcode: string;

    before(async () => {
      t = await testApp(dialect);
      server = await listen(t.app);
      dir = mkdtempSync(join(tmpdir(), 'posapp-revoked-'));
      shop = await bootstrapTenant(t);
      await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Aziz', pin: '4821' })
        .expect(201);
      barcode = (await createProduct(t, shop.ownerToken, { price: 5_000_00 })).barcodes[0]!;
      await activateRegister({
        dataDir: dir,
        serverUrl: server.url,
        deviceKey: shop.firstDeviceKey,
        hostname: 'x',
      });
      register = openRegister(dir);
      await syncOnce(register.db, register.identity);
    });
    after(async () => {
      closeRegister(register);
      rmSync(dir, { recursive: true, force: true });
      await server.close();
      await t.close();
    });

    it('accepts the 6 sales it made offline before the revoke, marks them, then stops selling', async () => {
      const cashier = await loginCashier(register, '4821');
      openShift(register, cashier, 0);
      const sell = () => {
        const cart = scanIntoCart(register, emptyCart, barcode).state;
        return checkout(register, { cart, tenders: [{ method: 'cash', tendered: 5_000_00 }], cashier });
      };
      for (let i = 0; i < 6; i++) sell();
      assert.equal(outboxSummary(register.db).pending, 7, 'the shift and 6 sales wait in the outbox');

      // The owner revokes it: its last report said nothing was waiting, so no --force is needed.
      await t.http
        .post(`/devices/${shop.firstDevice.id}/revoke`)
        .set(...bearer(shop.ownerToken))
        .expect(200);

      const report = await syncOnce(register.db, register.identity);
      assert.equal(report.revoked, true);
      assert.equal(report.pushed, 7);
      assert.equal(outboxSummary(register.db).pending, 0);
      assert.equal(
        await countRows(t, 'sales', { tenant_id: shop.tenantId, device_id: shop.firstDevice.id }),
        6,
      );

      const review = await t.http
        .get('/sync/review')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const marked = review.body.events.filter((e: { review: string }) =>
        /arrived after revocation/.test(e.review),
      );
      assert.equal(marked.length, 7);

      assert.throws(sell, (e: { code?: string }) => e.code === 'REGISTER_REVOKED');
      // Its old token opens nothing else.
      const pull = await t.http
        .get('/sync/pull')
        .set('authorization', `Bearer ${register.identity.deviceToken}`)
        .expect(403);
      assert.equal(pull.body.error.code, 'DEVICE_REVOKED');
    });

    it('refuses, and keeps for the owner, what the revoked token sends as made after the revoke', async () => {
      const late = {
        id: '01900000-0000-7000-8000-000000000001',
        type: 'cash.moved',
        occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
        data: { shiftId: '01900000-0000-7000-8000-000000000002', amount: -1_000_00, reason: 'x' },
      };
      const res = await t.http
        .post('/sync/push')
        .set('authorization', `Bearer ${register.identity.deviceToken}`)
        .send({ events: [late] })
        .expect(200);
      assert.equal(res.body.revoked, true);
      assert.equal(res.body.results[0].status, 'rejected');
      assert.match(res.body.results[0].error, /after revocation/);
    });
  });
}
