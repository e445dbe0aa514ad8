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
import { bearer, bootstrapTenant, testApp, testConfig, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { assertBuilt, startServerProcess, type ServerProcess } from '../helpers/cli.js';
import { testDialects } from '../helpers/db.js';
import { freePort } from '../helpers/http.js';

for (const dialect of testDialects()) {
  describe(`the server killed in the middle of a push [${dialect}]`, function () {
    this.timeout(120_000);
    let t: TestApp;
    let server: ServerProcess | undefined;
    let register: RegisterContext;
    let dir: string;
    let dataDir: string;
    // Killed after 300 of them are in, in batches of 100: the rest is left for after the restart.
    const SALES = 600;

    async function start(port: number): Promise<ServerProcess> {
      return startServerProcess(['--port', String(port), '--db', t.db.url, '--data-dir', dataDir], {
        JWT_SECRET: testConfig().jwtSecret,
        LOG_LEVEL: 'warn',
      });
    }

    before(async () => {
      assertBuilt();
      t = await testApp(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'posapp-crash-server-'));
      dir = mkdtempSync(join(tmpdir(), 'posapp-crash-register-'));
      const tenant = await bootstrapTenant(t);
      await t.http
        .post('/users')
        .set(...bearer(tenant.ownerToken))
        .send({ role: 'cashier', name: 'Aziz', pin: '1111' })
        .expect(201);
      const product = await createProduct(t, tenant.ownerToken, { name: 'Non', price: 500_000 });
      const port = await freePort();
      server = await start(port);
      await activateRegister({
        dataDir: dir,
        serverUrl: server.url,
        deviceKey: tenant.firstDeviceKey,
        hostname: 'x',
      });
      register = openRegister(dir);
      await syncOnce(register.db, register.identity);
      const cashier = await loginCashier(register, '1111');
      openShift(register, cashier, 0);
      for (let i = 0; i < SALES; i++) {
        const cart = scanIntoCart(register, emptyCart, product.barcodes[0]!).state;
        checkout(register, { cart, tenders: [{ method: 'cash', tendered: 500_000 }], cashier });
      }
    });
    after(async () => {
      if (register) closeRegister(register);
      await server?.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
      await t.close();
    });

    it('loses nothing and duplicates nothing when the register retries after the restart', async () => {
      const port = Number(new URL(server!.url).port);
      let killed = false;
      const round = syncOnce(register.db, register.identity, {
        pushBatch: 100,
        onProgress: ({ pushed }) => {
          if (!killed && pushed >= 300) {
            killed = true;
            server!.child.kill('SIGKILL');
          }
        },
      });
      await assert.rejects(round);
      assert.ok(killed, 'the server was killed mid-push');
      const left = outboxSummary(register.db).pending;
      assert.ok(left > 0 && left < SALES + 1, `${left} events still waiting`);

      server = await start(port);
      const report = await syncOnce(register.db, register.identity, { pushBatch: 100 });
      assert.equal(outboxSummary(register.db).pending, 0);
      // The batch in flight when the server died either committed (answered now as duplicate) or not at all.
      assert.equal(report.pushed + report.duplicates, left);
      const sales = await t.db
        .knex('sales')
        .where({ tenant_id: register.identity.tenantId })
        .count({ n: '*' })
        .first();
      assert.equal(Number(sales!.n), SALES);
      const events = await t.db
        .knex('sync_events')
        .where({ tenant_id: register.identity.tenantId })
        // The register's status reports travel beside the outbox; the sales and the shift are what is counted.
        .whereNot({ type: 'device.status' })
        .count({ n: '*' })
        .first();
      assert.equal(Number(events!.n), SALES + 1);
    });
  });
}
