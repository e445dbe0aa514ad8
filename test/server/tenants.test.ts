import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { bearer, bootstrapTenant, superadminToken, testApp, type TestApp } from '../helpers/app.js';

async function countRows(t: TestApp, table: string): Promise<number> {
  const row = await t.db.knex(table).count({ n: '*' }).first();
  return Number(row!.n);
}

for (const dialect of testDialects()) {
  describe(`bootstrap and tenants [${dialect}]`, function () {
    let t: TestApp;
    let superToken: string;
    before(async () => {
      t = await testApp(dialect);
      superToken = await superadminToken(t);
    });
    after(async () => {
      await t.close();
    });

    it('bootstraps a shop with the contract shape and rows in every table', async () => {
      const res = await t.http
        .post('/bootstrap')
        .set(...bearer(superToken))
        .send({
          tenantName: 'Otabek Books',
          storeName: 'Main store',
          ownerEmail: 'owner@otabek.uz',
          ownerPassword: 'secret-pass-1',
        })
        .expect(201);
      assert.deepEqual(Object.keys(res.body).sort(), ['device', 'deviceKey', 'owner', 'store', 'tenant']);
      assert.deepEqual(res.body.tenant, { id: res.body.tenant.id, name: 'Otabek Books', maxDevices: 1 });
      assert.deepEqual(res.body.store, { id: res.body.store.id, name: 'Main store' });
      assert.deepEqual(res.body.owner, { id: res.body.owner.id, email: 'owner@otabek.uz', role: 'owner' });
      assert.deepEqual(res.body.device, { id: res.body.device.id, name: 'POS-01', status: 'pending' });
      const tenant = await t.db.knex('tenants').where({ id: res.body.tenant.id }).first();
      assert.equal(tenant.currency, 'UZS');
      assert.equal(Number(tenant.devices_used), 1);
      const owner = await t.db.knex('users').where({ tenant_id: res.body.tenant.id }).first();
      assert.match(owner.password_hash, /^scrypt\$/);
      assert.ok(!owner.password_hash.includes('secret-pass-1'));
    });

    it('refuses a taken email with 409 EMAIL_TAKEN and writes nothing', async () => {
      const before = await countRows(t, 'tenants');
      const res = await t.http
        .post('/bootstrap')
        .set(...bearer(superToken))
        .send({
          tenantName: 'Copy',
          storeName: 'Main',
          ownerEmail: 'OWNER@otabek.uz',
          ownerPassword: 'secret-pass-1',
        })
        .expect(409);
      assert.equal(res.body.error.code, 'EMAIL_TAKEN');
      assert.equal(await countRows(t, 'tenants'), before);
      assert.equal(await countRows(t, 'stores'), before);
    });

    it('lets only the superadmin bootstrap, list tenants and change maxDevices', async () => {
      const tenant = await bootstrapTenant(t);
      const body = { tenantName: 'X', storeName: 'Y', ownerEmail: 'x@y.uz', ownerPassword: 'secret-pass-1' };
      const boot = await t.http
        .post('/bootstrap')
        .set(...bearer(tenant.ownerToken))
        .send(body)
        .expect(403);
      assert.equal(boot.body.error.code, 'FORBIDDEN');
      await t.http.post('/bootstrap').send(body).expect(401);
      await t.http
        .get('/tenants')
        .set(...bearer(tenant.ownerToken))
        .expect(403);
      await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(tenant.ownerToken))
        .send({ maxDevices: 50 })
        .expect(403);
      const row = await t.db.knex('tenants').where({ id: tenant.tenantId }).first();
      assert.equal(Number(row.max_devices), 1);
    });

    it('lists tenants with registers used and allowed', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 2, tenantName: 'Listed shop' });
      const res = await t.http
        .get('/tenants')
        .set(...bearer(superToken))
        .expect(200);
      const item = res.body.tenants.find((x: { id: string }) => x.id === tenant.tenantId);
      assert.deepEqual(Object.keys(item).sort(), ['createdAt', 'id', 'maxDevices', 'name', 'used']);
      assert.equal(item.name, 'Listed shop');
      assert.equal(item.maxDevices, 2);
      assert.equal(item.used, 1);
      assert.match(item.createdAt, /^\d{4}-\d\d-\d\dT/);
    });

    it('raises maxDevices, and refuses to lower it below the devices in use with 409', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      const up = await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 3 })
        .expect(200);
      assert.deepEqual(up.body, { tenant: { id: tenant.tenantId, name: 'Otabek Books', maxDevices: 3 } });
      await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({})
        .expect(201);
      const down = await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 1 })
        .expect(409);
      assert.equal(down.body.error.code, 'MAX_DEVICES_BELOW_USED');
      assert.equal(down.body.error.message, 'Kassalar soni 2 ta, limitni undan kam qilib bo‘lmaydi.');
      const row = await t.db.knex('tenants').where({ id: tenant.tenantId }).first();
      assert.equal(Number(row.max_devices), 3);
      await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 2 })
        .expect(200);
      const missing = await t.http
        .patch('/tenants/0190d1a4-0000-7000-8000-000000000000/max-devices')
        .set(...bearer(superToken))
        .send({ maxDevices: 2 })
        .expect(404);
      assert.equal(missing.body.error.code, 'NOT_FOUND');
    });
  });
}
