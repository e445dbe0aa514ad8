import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeDayOf } from '../../src/common/time.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { assertBuilt, ok, runCli, skewedClockEnv } from '../helpers/cli.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';

const HOUR = 3_600_000;

for (const dialect of testDialects()) {
  describe(`pos sell and pos sync on a PC whose clock was wrong [${dialect}]`, function () {
    this.timeout(120_000);
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let shop: BootstrappedTenant;
    let dir: string;
    let barcode: string;
    const pos = (skewMs: number, ...args: string[]) =>
      runCli('pos', ['--data-dir', dir, ...args], { env: skewedClockEnv(skewMs) });

    before(async () => {
      assertBuilt();
      t = await testApp(dialect);
      server = await listen(t.app);
      dir = mkdtempSync(join(tmpdir(), 'posapp-clock-'));
      shop = await bootstrapTenant(t);
      await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Aziz', pin: '4821' })
        .expect(201);
      barcode = (await createProduct(t, shop.ownerToken, { price: 5_000_00 })).barcodes[0]!;
      ok(await runCli('pos-activate', [shop.firstDeviceKey, '--server', server.url, '--data-dir', dir]));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
      await t.close();
    });

    it('lands a sale made 30 h behind and one made after the clock was set right both on today', async () => {
      // The clock runs 30 h behind: a sync teaches the register its offset, then it sells offline.
      ok(await pos(-30 * HOUR, 'sync'));
      ok(await pos(-30 * HOUR, 'login', '--pin', '4821'));
      ok(await pos(-30 * HOUR, 'shift', 'open', '--cash', '0'));
      ok(await pos(-30 * HOUR, 'sell', '--item', barcode, '--pay', 'cash'));
      // Someone sets the clock right; one more sale, then the batch of both is sent.
      ok(await pos(0, 'sell', '--item', barcode, '--pay', 'cash'));
      const synced = ok(await pos(0, '--json', 'sync'));
      const report = JSON.parse(synced.stdout).sync as { pushed: number; rejected: number };
      assert.equal(report.rejected, 0);
      assert.equal(report.pushed, 3, 'the shift and both sales');

      const today = storeDayOf(Date.now());
      const sales = await t.http
        .get(`/reports/sales?from=${today}&to=${today}&groupBy=day`)
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.equal(sales.body.totals.count, 2);
      assert.equal(sales.body.totals.sales, 2 * 5_000_00);
    });
  });
}
