import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import {
  bearer,
  bootstrapTenant,
  SUPERADMIN,
  superadminToken,
  testApp,
  type TestApp,
} from '../helpers/app.js';

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

    it('lists tenants with registers used and allowed and the owner email', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 2, tenantName: 'Listed shop' });
      const res = await t.http
        .get('/tenants')
        .query({ search: tenant.tenantId })
        .set(...bearer(superToken))
        .expect(200);
      assert.equal(res.body.hasMore, false);
      assert.equal(res.body.cursor, null);
      assert.deepEqual(res.body.tenants, [
        {
          id: tenant.tenantId,
          name: 'Listed shop',
          maxDevices: 2,
          devicesUsed: 1,
          used: 1,
          ownerEmail: tenant.ownerEmail,
          limitHits: 0,
          lastLimitHitAt: null,
          createdAt: res.body.tenants[0].createdAt,
        },
      ]);
      assert.match(res.body.tenants[0].createdAt, /^\d{4}-\d\d-\d\dT/);
    });

    it('records every refused register add (402) as a limit hit, and nothing else', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1, tenantName: 'Wants more' });
      const devicesBefore = await countRows(t, 'devices');
      for (let i = 0; i < 2; i++) {
        const res = await t.http
          .post('/devices')
          .set(...bearer(tenant.ownerToken))
          .send({})
          .expect(402);
        assert.equal(res.body.error.message, 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.');
      }
      assert.equal(await countRows(t, 'devices'), devicesBefore);
      const row = await t.db.knex('tenants').where({ id: tenant.tenantId }).first();
      assert.equal(Number(row.devices_used), 1);
      const hits = await t.db.knex('device_limit_hits').where({ tenant_id: tenant.tenantId });
      assert.equal(hits.length, 2);
      const owner = await t.db.knex('users').where({ tenant_id: tenant.tenantId, role: 'owner' }).first();
      assert.deepEqual(
        hits.map((h) => [h.user_id, Number(h.max_devices)]),
        [
          [owner.id, 1],
          [owner.id, 1],
        ],
      );
      const res = await t.http
        .get('/tenants')
        .query({ search: 'wants MORE', sort: 'limitHits' })
        .set(...bearer(superToken))
        .expect(200);
      const item = res.body.tenants.find((x: { id: string }) => x.id === tenant.tenantId);
      assert.equal(item.limitHits, 2);
      assert.equal(item.lastLimitHitAt, new Date(Math.max(...hits.map((h) => Number(h.at)))).toISOString());
    });

    it('sorts the tenants who hit the limit first and pages through them by cursor', async () => {
      const fresh = await testApp(dialect);
      try {
        const tenants = [];
        for (let i = 0; i < 5; i++) tenants.push(await bootstrapTenant(fresh, { tenantName: `Shop ${i}` }));
        const asks = [0, 2, 0, 1, 2];
        for (const [i, n] of asks.entries())
          for (let k = 0; k < n; k++)
            await fresh.http
              .post('/devices')
              .set(...bearer(tenants[i]!.ownerToken))
              .send({})
              .expect(402);
        const token = await superadminToken(fresh);
        const seen: Array<{ name: string; limitHits: number }> = [];
        let cursor: string | undefined;
        for (;;) {
          const res = await fresh.http
            .get('/tenants')
            .query({ sort: 'limitHits', limit: 2, ...(cursor && { cursor }) })
            .set(...bearer(token))
            .expect(200);
          seen.push(...res.body.tenants);
          if (!res.body.hasMore) break;
          cursor = res.body.cursor;
        }
        // Most hits first; equal counts: the latest hit first; no hits: oldest tenant first.
        assert.deepEqual(
          seen.map((x) => [x.name, x.limitHits]),
          [
            ['Shop 4', 2],
            ['Shop 1', 2],
            ['Shop 3', 1],
            ['Shop 0', 0],
            ['Shop 2', 0],
          ],
        );
        const byEmail = await fresh.http
          .get('/tenants')
          .query({ search: tenants[2]!.ownerEmail.toUpperCase() })
          .set(...bearer(token))
          .expect(200);
        assert.deepEqual(
          byEmail.body.tenants.map((x: { name: string }) => x.name),
          ['Shop 2'],
        );
        const bad = await fresh.http
          .get('/tenants?cursor=garbage')
          .set(...bearer(token))
          .expect(400);
        assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
      } finally {
        await fresh.close();
      }
    });

    it('keeps every max-devices change as licence history with who, from → to and the note', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 3, note: 'invoice 118, 2 × $80' })
        .expect(200);
      await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 2 })
        .expect(200);
      await t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 0 })
        .expect(400);
      const res = await t.http
        .get(`/tenants/${tenant.tenantId}/licence-history`)
        .set(...bearer(superToken))
        .expect(200);
      assert.deepEqual(
        res.body.entries.map((e: Record<string, unknown>) => ({ ...e, at: typeof e.at })),
        [
          { at: 'string', by: SUPERADMIN.email, from: 3, to: 2, note: null },
          { at: 'string', by: SUPERADMIN.email, from: 1, to: 3, note: 'invoice 118, 2 × $80' },
        ],
      );
      await t.http
        .get(`/tenants/${tenant.tenantId}/licence-history`)
        .set(...bearer(tenant.ownerToken))
        .expect(403);
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
