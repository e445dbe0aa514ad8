import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { bearer, bootstrapTenant, superadminToken, testApp, type TestApp } from '../helpers/app.js';

const LIMIT_UZ = 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.';

for (const dialect of testDialects()) {
  describe(`devices and the register licence [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('bootstrap creates POS-01 pending and a key shown once', async () => {
      const tenant = await bootstrapTenant(t);
      assert.equal(tenant.firstDevice.name, 'POS-01');
      assert.equal(tenant.firstDevice.status, 'pending');
      assert.match(tenant.firstDeviceKey, /^dk_[0-9a-f]{32}_/);
      const row = await t.db.knex('devices').where({ tenant_id: tenant.tenantId }).first();
      assert.notEqual(row.key_hash, tenant.firstDeviceKey, 'only a digest of the key is stored');
      assert.ok(!JSON.stringify(row).includes(tenant.firstDeviceKey));
    });

    it('returns 402 DEVICE_LIMIT_REACHED with the Uzbek message when every slot is used', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      const res = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({})
        .expect(402);
      assert.deepEqual(res.body, { error: { code: 'DEVICE_LIMIT_REACHED', message: LIMIT_UZ } });
      assert.equal(
        await t.db
          .knex('devices')
          .where({ tenant_id: tenant.tenantId })
          .count({ n: '*' })
          .first()
          .then((r) => Number(r!.n)),
        1,
      );
    });

    it('gives the limit message in Russian and English by Accept-Language', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      const ru = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .set('accept-language', 'ru-RU,ru;q=0.9')
        .send({})
        .expect(402);
      assert.equal(ru.body.error.code, 'DEVICE_LIMIT_REACHED');
      assert.equal(ru.body.error.message, 'Лимит касс исчерпан. Купите дополнительную кассу.');
      const en = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .set('accept-language', 'en')
        .send({})
        .expect(402);
      assert.equal(en.body.error.message, 'Register limit reached. Buy an additional register.');
    });

    it('names new registers POS-02, POS-03 and lists them with the licence', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 3 });
      const a = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({})
        .expect(201);
      const b = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({ name: 'Kassa 3' })
        .expect(201);
      assert.equal(a.body.device.name, 'POS-02');
      assert.equal(a.body.device.status, 'pending');
      assert.equal(b.body.device.name, 'Kassa 3');
      const list = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.equal(list.body.maxDevices, 3);
      assert.equal(list.body.used, 3);
      assert.deepEqual(list.body.devices.map((d: { name: string }) => d.name).sort(), [
        'Kassa 3',
        'POS-01',
        'POS-02',
      ]);
      for (const device of list.body.devices) {
        assert.equal(device.activatedAt, null);
        assert.equal(device.lastSeenAt, null);
      }
    });

    it('creates exactly maxDevices devices under 50 concurrent requests', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 3 });
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          t.http
            .post('/devices')
            .set(...bearer(tenant.ownerToken))
            .send({}),
        ),
      );
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 2, `statuses: ${statuses.join(',')}`);
      assert.equal(statuses.filter((s) => s === 402).length, 48);
      const rows = await t.db.knex('devices').where({ tenant_id: tenant.tenantId });
      assert.equal(rows.length, 3);
      assert.deepEqual(rows.map((r) => r.name).sort(), ['POS-01', 'POS-02', 'POS-03']);
      const tenantRow = await t.db.knex('tenants').where({ id: tenant.tenantId }).first();
      assert.equal(Number(tenantRow.devices_used), 3);
    });

    it('refuses a second register with a taken name and writes nothing', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 2 });
      const res = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({ name: 'POS-01' })
        .expect(409);
      assert.equal(res.body.error.code, 'DEVICE_NAME_TAKEN');
      const tenantRow = await t.db.knex('tenants').where({ id: tenant.tenantId }).first();
      assert.equal(Number(tenantRow.devices_used), 1);
    });

    it('activates a register once: 200, then 409 DEVICE_KEY_USED; a bad key is 401', async () => {
      const tenant = await bootstrapTenant(t);
      const ok = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey, machine: { hostname: 'kassa-pc-1' } })
        .expect(200);
      assert.equal(ok.body.device.name, 'POS-01');
      assert.equal(ok.body.device.status, 'active');
      assert.equal(ok.body.tenant.name, 'Otabek Books');
      assert.deepEqual(ok.body.store, { id: tenant.storeId, name: 'Main store', currency: 'UZS' });
      assert.ok(ok.body.deviceToken);
      const again = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(409);
      assert.equal(again.body.error.code, 'DEVICE_KEY_USED');
      const bad = await t.http.post('/devices/activate').send({ deviceKey: 'dk_nonsense' }).expect(401);
      assert.equal(bad.body.error.code, 'INVALID_DEVICE_KEY');
      const forged = tenant.firstDeviceKey.slice(0, -4) + 'AAAA';
      const forgedRes = await t.http.post('/devices/activate').send({ deviceKey: forged }).expect(401);
      assert.equal(forgedRes.body.error.code, 'INVALID_DEVICE_KEY');
      const me = await t.http
        .get('/devices/me')
        .set(...bearer(ok.body.deviceToken))
        .expect(200);
      assert.equal(me.body.device.name, 'POS-01');
      const row = await t.db.knex('devices').where({ id: tenant.firstDevice.id }).first();
      assert.equal(row.status, 'active');
      assert.equal(row.hostname, 'kassa-pc-1');
      const list = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.ok(list.body.devices[0].activatedAt);
      assert.ok(list.body.devices[0].lastSeenAt);
    });

    it('revoking refuses the token at once, frees the slot, and its key gives 403 DEVICE_REVOKED', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      const act = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(200);
      await t.http
        .get('/devices/me')
        .set(...bearer(act.body.deviceToken))
        .expect(200);
      const revoked = await t.http
        .post(`/devices/${tenant.firstDevice.id}/revoke`)
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.equal(revoked.body.device.status, 'revoked');
      const refused = await t.http
        .get('/devices/me')
        .set(...bearer(act.body.deviceToken))
        .expect(403);
      assert.equal(refused.body.error.code, 'DEVICE_REVOKED');
      const reuse = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(403);
      assert.equal(reuse.body.error.code, 'DEVICE_REVOKED');
      const list = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.equal(list.body.used, 0);
      const added = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({})
        .expect(201);
      assert.equal(added.body.device.name, 'POS-02');
      // Revoking twice is harmless and does not free a second slot.
      await t.http
        .post(`/devices/${tenant.firstDevice.id}/revoke`)
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      const after = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.equal(after.body.used, 1);
    });

    it('reset-key invalidates the old token and the old key; the new key activates once', async () => {
      const tenant = await bootstrapTenant(t);
      const act = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(200);
      const reset = await t.http
        .post(`/devices/${tenant.firstDevice.id}/reset-key`)
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.match(reset.body.deviceKey, /^dk_/);
      assert.notEqual(reset.body.deviceKey, tenant.firstDeviceKey);
      const old = await t.http
        .get('/devices/me')
        .set(...bearer(act.body.deviceToken))
        .expect(401);
      assert.equal(old.body.error.code, 'INVALID_DEVICE_TOKEN');
      const oldKey = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(401);
      assert.equal(oldKey.body.error.code, 'INVALID_DEVICE_KEY');
      const fresh = await t.http
        .post('/devices/activate')
        .send({ deviceKey: reset.body.deviceKey })
        .expect(200);
      await t.http
        .get('/devices/me')
        .set(...bearer(fresh.body.deviceToken))
        .expect(200);
      const list = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      assert.equal(list.body.used, 1);
    });

    it('revoke and reset-key need force while the register reports unsent sales', async () => {
      const tenant = await bootstrapTenant(t);
      await t.db
        .knex('devices')
        .where({ tenant_id: tenant.tenantId, id: tenant.firstDevice.id })
        .update({ unsent_events: 4, oldest_unsent_at: Date.now() - 60_000 });
      const res = await t.http
        .post(`/devices/${tenant.firstDevice.id}/revoke`)
        .set(...bearer(tenant.ownerToken))
        .expect(409);
      assert.equal(res.body.error.code, 'DEVICE_HAS_UNSENT_EVENTS');
      await t.http
        .post(`/devices/${tenant.firstDevice.id}/reset-key`)
        .set(...bearer(tenant.ownerToken))
        .expect(409);
      const row = await t.db.knex('devices').where({ id: tenant.firstDevice.id }).first();
      assert.equal(row.status, 'pending');
      await t.http
        .post(`/devices/${tenant.firstDevice.id}/revoke?force=true`)
        .set(...bearer(tenant.ownerToken))
        .expect(200);
    });

    it("keeps tenants apart: an owner gets 404 for another tenant's device", async () => {
      const a = await bootstrapTenant(t, { maxDevices: 2 });
      const b = await bootstrapTenant(t, { maxDevices: 2 });
      const revoke = await t.http
        .post(`/devices/${b.firstDevice.id}/revoke`)
        .set(...bearer(a.ownerToken))
        .expect(404);
      assert.equal(revoke.body.error.code, 'NOT_FOUND');
      await t.http
        .post(`/devices/${b.firstDevice.id}/reset-key`)
        .set(...bearer(a.ownerToken))
        .expect(404);
      const list = await t.http
        .get('/devices')
        .set(...bearer(a.ownerToken))
        .expect(200);
      assert.deepEqual(
        list.body.devices.map((d: { id: string }) => d.id),
        [a.firstDevice.id],
      );
      const row = await t.db.knex('devices').where({ id: b.firstDevice.id }).first();
      assert.equal(row.status, 'pending');
    });

    it('allows only owners and admins to manage devices', async () => {
      const superToken = await superadminToken(t);
      const res = await t.http
        .post('/devices')
        .set(...bearer(superToken))
        .send({})
        .expect(403);
      assert.equal(res.body.error.code, 'FORBIDDEN');
      const anon = await t.http.get('/devices').expect(401);
      assert.equal(anon.body.error.code, 'UNAUTHENTICATED');
      const tenant = await bootstrapTenant(t);
      const act = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(200);
      await t.http
        .get('/devices')
        .set(...bearer(act.body.deviceToken))
        .expect(403);
    });
  });
}
