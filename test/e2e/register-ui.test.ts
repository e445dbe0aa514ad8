import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/node/sqlite-driver.js';
import { ean13 } from '../../src/common/barcode.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { assertBuilt, ROOT, runCli } from '../helpers/cli.js';
import { hasTmux, Tmux as SharedTmux } from '../helpers/tmux.js';

const PIN = '4321';
const milk = { sku: 'SUT-1', name: 'Sut 1 l', barcode: ean13('478000000002'), price: 1_250_000 };
const bread = { sku: 'NON-1', name: 'Non patir', barcode: ean13('478000000001'), price: 500_000 };

/** The shared tmux driver, with a pause after each awaited screen as a cashier's eyes would take. */
class Tmux extends SharedTmux {
  override async waitFor(
    ready: string | RegExp | ((screen: string) => boolean),
    timeoutMs = 15_000,
  ): Promise<string> {
    const screen = await super.waitFor(ready, timeoutMs);
    // The new screen or dialog subscribes to keys just after it is drawn.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return screen;
  }
}

async function poll<T>(read: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('register UI end to end: built pos in tmux against a running server', function () {
  this.timeout(120_000);
  let t: TestApp;
  let server: Server;
  let url: string;
  let tenant: BootstrappedTenant;
  let dataDir: string;
  let tmux: Tmux;

  before(async function () {
    if (!hasTmux) {
      if (process.env.CI === 'true') throw new Error('tmux is required on CI for the register UI test');
      console.log('    (tmux not found: skipping the register UI end-to-end test)');
      this.skip();
    }
    assertBuilt();
    t = await testApp('sqlite');
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tenant = await bootstrapTenant(t);
    dataDir = mkdtempSync(join(tmpdir(), 'posapp-ui-e2e-'));
    tmux = new Tmux();
  });

  after(async () => {
    tmux?.kill();
    if (server) await new Promise((resolve) => server.close(resolve));
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('activates, gets the catalog and the cashier, sells one scanned and one searched product for cash', async () => {
    // The owner sets up the shop over the API: a cashier with a PIN and two products.
    const owner = bearer(tenant.ownerToken);
    await t.http
      .post('/users')
      .set(...owner)
      .send({ role: 'cashier', name: 'Dilnoza', pin: PIN })
      .expect(201);
    for (const p of [milk, bread]) {
      await t.http
        .post('/products')
        .set(...owner)
        .send({ sku: p.sku, name: p.name, barcodes: [p.barcode], price: p.price, unit: 'pcs', vatRate: 1200 })
        .expect(201);
    }

    const activated = await runCli('pos-activate', [
      tenant.firstDeviceKey,
      '--server',
      url,
      '--data-dir',
      dataDir,
    ]);
    assert.equal(activated.code, 0, activated.stderr);
    const synced = await runCli('pos', ['sync', '--data-dir', dataDir]);
    assert.equal(synced.code, 0, synced.stderr);

    tmux.start(`node ${join(ROOT, 'bin', 'pos.js')} --data-dir ${dataDir}`, 100, 30);
    await tmux.waitFor('Kassir PIN kodini kiriting');
    tmux.type(PIN);
    tmux.keys('Enter');
    await tmux.waitFor('Smena ochish — Dilnoza');
    tmux.type('100000');
    tmux.keys('Enter');
    await tmux.waitFor('JAMI');

    // A scanner types the digits and Enter.
    tmux.type(`${milk.barcode}\r`);
    await tmux.waitFor(/1 Sut 1 l\s+1 dona\s+12 500\s+12 500/);

    tmux.keys('F2');
    await tmux.waitFor('Nomi bo‘yicha qidirish');
    tmux.type('non pat');
    await tmux.waitFor(/Non patir\s+5 000/);
    tmux.keys('Enter');
    await tmux.waitFor(/2 Non patir\s+1 dona\s+5 000\s+5 000/);
    await tmux.waitFor(/JAMI\s+17 500 so‘m/);

    tmux.keys('F12');
    await tmux.waitFor('To‘lanadi');
    tmux.type('20000');
    tmux.keys('Enter');
    const paid = await tmux.waitFor('TO‘LANDI — POS-01-000001');
    assert.match(paid, /Qaytim: 2 500 so‘m/);
    assert.match(paid, /Sut 1 l/);
    assert.match(paid, /1 dona x 12 500\s+= 12 500/);

    // What the screen said is what pos.sqlite holds: the sale and its event, committed.
    const local = new Database(join(dataDir, 'pos.sqlite'), { readonly: true });
    try {
      const sales = local.prepare('SELECT receipt_no, total, data FROM sales').all() as Array<{
        receipt_no: string;
        total: number;
        data: string;
      }>;
      assert.equal(sales.length, 1);
      assert.equal(sales[0]!.receipt_no, 'POS-01-000001');
      assert.equal(sales[0]!.total, 1_750_000);
      assert.equal(JSON.parse(sales[0]!.data).change, 250_000);
      const events = local.prepare("SELECT type FROM outbox WHERE type = 'sale.completed'").all();
      assert.equal(events.length, 1);
    } finally {
      local.close();
    }

    const log = readFileSync(join(dataDir, 'pos.log'), 'utf8');
    const ready = /"readyMs":(\d+)/.exec(log);
    assert.ok(ready, 'the UI logs its startup time');
    console.log(`    (register UI ready ${ready[1]} ms after process start)`);
  });

  it('the background sync delivers the sale to the server, and the owner’s report counts it', async () => {
    const row = await poll(async () => {
      const found = await t.db.knex('sales').where({ tenant_id: tenant.tenantId }).first();
      return found ?? undefined;
    });
    assert.ok(row);
    await tmux.waitFor(/Onlayn · Navbatda: 0/);
    const report = await t.http
      .get('/reports/sales')
      .set(...bearer(tenant.ownerToken))
      .expect(200);
    assert.equal(report.body.totals.count, 1);
    assert.equal(report.body.totals.sales, 1_750_000);
    assert.equal(report.body.payments.cash, 1_750_000);
    tmux.keys('Enter');
    tmux.keys('C-c');
  });
});
