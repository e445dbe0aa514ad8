import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activateRegister } from '../../src/terminal/activation.js';
import { loginCashier } from '../../src/terminal/register/cashier.js';
import { closeRegister, openRegister } from '../../src/terminal/register/context.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { openShift } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { assertBuilt, ok, runCli } from '../helpers/cli.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';

for (const dialect of testDialects()) {
  describe(`a revoked register's unsent sales exported and imported [${dialect}]`, function () {
    this.timeout(120_000);
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let shop: BootstrappedTenant;
    let scratch: string;
    const dir = () => join(scratch, 'register');
    const file = () => join(scratch, 'POS-01-unsent.jsonl');
    const posapp = (...args: string[]) =>
      runCli('posapp', ['--config-dir', join(scratch, 'owner'), '--lang', 'en', ...args]);
    const sales = () => countRows(t, 'sales', { tenant_id: shop.tenantId, device_id: shop.firstDevice.id });

    before(async () => {
      assertBuilt();
      t = await testApp(dialect);
      server = await listen(t.app);
      scratch = mkdtempSync(join(tmpdir(), 'posapp-unsent-'));
      shop = await bootstrapTenant(t);
      await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Aziz', pin: '4821' })
        .expect(201);
      const barcode = (await createProduct(t, shop.ownerToken, { price: 5_000_00 })).barcodes[0]!;
      await activateRegister({
        dataDir: dir(),
        serverUrl: server.url,
        deviceKey: shop.firstDeviceKey,
        hostname: 'x',
      });
      const register = openRegister(dir());
      try {
        await syncOnce(register.db, register.identity);
        // Six sales made offline after the last sync: the server still believes nothing is waiting.
        const cashier = await loginCashier(register, '4821');
        openShift(register, cashier, 0);
        for (let i = 0; i < 6; i++) {
          const cart = scanIntoCart(register, emptyCart, barcode).state;
          checkout(register, { cart, tenders: [{ method: 'cash', tendered: 5_000_00 }], cashier });
        }
      } finally {
        closeRegister(register);
      }
      await t.http
        .post(`/devices/${shop.firstDevice.id}/revoke`)
        .set(...bearer(shop.ownerToken))
        .expect(200);
      ok(
        await posapp(
          'login',
          '--server',
          server.url,
          '--email',
          shop.ownerEmail,
          '--password',
          'owner-pass-1',
        ),
      );
    });
    after(async () => {
      rmSync(scratch, { recursive: true, force: true });
      await server.close();
      await t.close();
    });

    it('pos export-unsent writes the shift and the 6 sales to a signed file', async () => {
      const exported = ok(
        await runCli('pos', ['--data-dir', dir(), '--lang', 'en', 'export-unsent', file()]),
      );
      assert.match(exported.stdout, /POS-01: 7 unsent events written to/);
      assert.match(exported.stdout, /posapp sync import/);
      const lines = readFileSync(file(), 'utf8').trim().split('\n');
      assert.equal(lines.length, 8, 'a header and 7 events');
      assert.equal(JSON.parse(lines[0]!).deviceId, shop.firstDevice.id);
    });

    it('refuses a damaged or edited file before sending anything', async () => {
      const edited = join(scratch, 'edited.jsonl');
      writeFileSync(edited, readFileSync(file(), 'utf8').replace('"amount":500000', '"amount":5000'));
      const refused = await posapp('sync', 'import', edited);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /damaged or not a POSAPP export.*signature does not match/);
      assert.equal(await sales(), 0);
    });

    it('posapp sync import brings all 6 sales in, marked as arrived after revocation; twice adds nothing', async () => {
      const first = ok(await posapp('sync', 'import', file()));
      assert.match(first.stdout, /POS-01: 7 accepted, 0 already on the server, 0 rejected/);
      assert.equal(await sales(), 6);
      const review = await t.http
        .get('/sync/review')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.equal(
        review.body.events.filter((e: { review: string }) => /arrived after revocation/.test(e.review))
          .length,
        7,
      );

      const again = ok(await posapp('--json', 'sync', 'import', file()));
      assert.deepEqual(JSON.parse(again.stdout), {
        device: 'POS-01',
        applied: 0,
        duplicate: 7,
        rejected: 0,
        rejectedEvents: [],
      });
      assert.equal(await sales(), 6);
    });

    it('answers 403 UNSENT_FILE_FOREIGN to the owner of another shop', async () => {
      const other = await bootstrapTenant(t);
      const [first, ...events] = readFileSync(file(), 'utf8').trim().split('\n');
      const res = await t.http
        .post('/sync/import')
        .set(...bearer(other.ownerToken))
        .send({ deviceToken: JSON.parse(first!).deviceToken, events: events.map((e) => JSON.parse(e)) })
        .expect(403);
      assert.equal(res.body.error.code, 'UNSENT_FILE_FOREIGN');
      assert.equal(await countRows(t, 'sales', { tenant_id: other.tenantId }), 0);
    });
  });
}
