import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src/common/errors.js';
import { ServerError } from '../../src/common/http.js';
import { newId } from '../../src/common/ids.js';
import { activateRegister } from '../../src/terminal/activation.js';
import { openStore, storeExists } from '../../src/terminal/store/connection.js';
import { readIdentity } from '../../src/terminal/store/queries/identity.js';
import { bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';

function addPendingEvent(dataDir: string): void {
  const db = openStore(dataDir);
  const now = new Date().toISOString();
  db.prepare(
    "INSERT INTO outbox (id, type, occurred_at, data, status, created_at) VALUES (?, 'sale.completed', ?, '{}', 'pending', ?)",
  ).run(newId(), now, now);
  db.close();
}

function identityIn(dataDir: string) {
  const db = openStore(dataDir);
  try {
    return readIdentity(db);
  } finally {
    db.close();
  }
}

for (const dialect of testDialects()) {
  describe(`activateRegister [${dialect}]`, () => {
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let dir: string;
    before(async () => {
      t = await testApp(dialect);
      server = await listen(t.app);
    });
    after(async () => {
      await server.close();
      await t.close();
    });
    beforeEach(() => {
      dir = join(mkdtempSync(join(tmpdir(), 'posapp-activate-')), 'register');
    });
    afterEach(() => {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    });

    const activate = (deviceKey: string) =>
      activateRegister({ dataDir: dir, serverUrl: server.url, deviceKey, hostname: 'kassa-pc' });

    it('writes the identity the server gave, and the server sees the register active', async () => {
      const tenant = await bootstrapTenant(t);
      const { identity, replaced } = await activate(tenant.firstDeviceKey);
      assert.equal(replaced, null);
      assert.equal(identity.deviceName, 'POS-01');
      assert.equal(identity.tenantName, 'Otabek Books');
      const stored = identityIn(dir);
      assert.deepEqual(stored, identity);
      assert.equal(stored?.serverUrl, server.url);
      assert.equal(stored?.storeId, tenant.storeId);
      await t.http
        .get('/devices/me')
        .set(...bearer(stored!.deviceToken))
        .expect(200);
      const row = await t.db.knex('devices').where({ id: tenant.firstDevice.id }).first();
      assert.equal(row.hostname, 'kassa-pc');
    });

    it('leaves no pos.sqlite behind when the server refuses the key', async () => {
      await assert.rejects(activate('dk_not-a-key'), (error: unknown) => {
        assert.ok(error instanceof ServerError);
        assert.equal(error.serverCode, 'INVALID_DEVICE_KEY');
        assert.equal(error.message, 'Kassa kaliti noto‘g‘ri.');
        return true;
      });
      assert.equal(existsSync(dir), false);
    });

    it('replaces an earlier identity when its outbox is empty', async () => {
      const first = await bootstrapTenant(t, { tenantName: 'First shop' });
      const second = await bootstrapTenant(t, { tenantName: 'Second shop' });
      await activate(first.firstDeviceKey);
      const { identity, replaced } = await activate(second.firstDeviceKey);
      assert.equal(replaced?.tenantName, 'First shop');
      assert.equal(identity.tenantName, 'Second shop');
      assert.equal(identityIn(dir)?.tenantId, second.tenantId);
    });

    it('refuses a data dir with unsent events before asking the server, so the key stays unused', async () => {
      const first = await bootstrapTenant(t);
      await activate(first.firstDeviceKey);
      addPendingEvent(dir);
      const second = await bootstrapTenant(t);
      await assert.rejects(activate(second.firstDeviceKey), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'REGISTER_HAS_UNSENT_EVENTS');
        assert.equal(error.params.count, 1);
        return true;
      });
      assert.equal(identityIn(dir)?.tenantId, first.tenantId);
      const row = await t.db.knex('devices').where({ id: second.firstDevice.id }).first();
      assert.equal(row.status, 'pending');
      assert.ok(storeExists(dir));
    });

    it('refuses a data dir with parked sales: their products and prices are the old store’s', async () => {
      const first = await bootstrapTenant(t);
      await activate(first.firstDeviceKey);
      const db = openStore(dir);
      db.prepare("INSERT INTO parked_sales (id, parked_at, cashier_id, data) VALUES (?, ?, NULL, '{}')").run(
        newId(),
        new Date().toISOString(),
      );
      db.close();
      const second = await bootstrapTenant(t);
      await assert.rejects(activate(second.firstDeviceKey), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'REGISTER_HAS_PARKED_SALES');
        assert.equal(error.params.count, 1);
        return true;
      });
      assert.equal(identityIn(dir)?.tenantId, first.tenantId);
    });

    it('keeps an existing register untouched when the server refuses', async () => {
      const tenant = await bootstrapTenant(t);
      await activate(tenant.firstDeviceKey);
      const before = identityIn(dir);
      await assert.rejects(activate(tenant.firstDeviceKey), { code: 'DEVICE_KEY_USED' });
      assert.deepEqual(identityIn(dir), before);
    });
  });
}
