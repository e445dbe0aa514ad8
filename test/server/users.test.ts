import assert from 'node:assert/strict';
import { verifySecret } from '../../src/node/secret-hash.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, pullAll } from '../helpers/sync.js';

/** Pull changes carry the store version they were made at; these tests compare what changed. */
function withoutVersions<T extends { version?: number }>(changes: readonly T[]): Array<Omit<T, 'version'>> {
  return changes.map(({ version: _version, ...change }) => change);
}

for (const dialect of testDialects()) {
  describe(`users and settings [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
    });
    after(async () => {
      await t.close();
    });

    it('creates a cashier with a hashed PIN, 201; the PIN is no server login', async () => {
      const res = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
        .expect(201);
      assert.equal(res.body.user.role, 'cashier');
      assert.equal(res.body.user.active, true);
      assert.equal(res.body.user.email, null);
      const row = await t.db.knex('users').where({ tenant_id: shop.tenantId, id: res.body.user.id }).first();
      assert.notEqual(row.pin_hash, '4321');
      assert.equal(await verifySecret('4321', row.pin_hash), true);
      assert.equal(row.password_hash, null);
      assert.ok(!JSON.stringify(res.body).includes('scrypt'), 'the hash is not in the owner API');
    });

    it('needs a 4–8 digit PIN for a cashier and email + password for an admin (400 naming the field)', async () => {
      const before = await countRows(t, 'users', { tenant_id: shop.tenantId });
      const noPin = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Ali' })
        .expect(400);
      assert.match(noPin.body.error.message, /PIN/);
      const shortPin = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'cashier', name: 'Ali', pin: '12' })
        .expect(400);
      assert.match(shortPin.body.error.message, /PIN/);
      const noEmail = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'admin', name: 'Bek', password: 'admin-pass-1' })
        .expect(400);
      assert.match(noEmail.body.error.message, /email/);
      assert.equal(await countRows(t, 'users', { tenant_id: shop.tenantId }), before);
    });

    it('creates an admin who can log in and manage, and lists the people', async () => {
      const email = `admin-${Date.now()}@shop.uz`;
      await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'admin', name: 'Bek', email, password: 'admin-pass-1' })
        .expect(201);
      const login = await t.http.post('/auth/login').send({ email, password: 'admin-pass-1' }).expect(200);
      assert.equal(login.body.user.role, 'admin');
      const list = await t.http
        .get('/users')
        .set(...bearer(login.body.token))
        .expect(200);
      const roles = list.body.users.map((u: { role: string }) => u.role);
      assert.ok(roles.includes('owner') && roles.includes('admin'));
      const taken = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role: 'admin', name: 'Again', email, password: 'admin-pass-1' })
        .expect(409);
      assert.equal(taken.body.error.code, 'EMAIL_TAKEN');
    });

    it('pushes cashiers to registers with their PIN hash; a disabled one comes inactive without it', async () => {
      const own = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, own);
      const created = await t.http
        .post('/users')
        .set(...bearer(own.ownerToken))
        .send({ role: 'cashier', name: 'Malika', pin: '123456' })
        .expect(201);
      const id = created.body.user.id;
      const first = await pullAll(t, device);
      const cashier = first.changes.find((c) => c.entity === 'cashier' && c.id === id)!;
      assert.equal(cashier.op, 'upsert');
      assert.equal(cashier.data!.name, 'Malika');
      assert.equal(cashier.data!.active, true);
      assert.equal(await verifySecret('123456', cashier.data!.pinHash as string), true);

      await t.http
        .post(`/users/${id}/pin`)
        .set(...bearer(own.ownerToken))
        .send({ pin: '999999' })
        .expect(200);
      const second = await pullAll(t, device, first.cursor);
      const reset = second.changes.find((c) => c.id === id)!;
      assert.equal(await verifySecret('999999', reset.data!.pinHash as string), true);

      const disabled = await t.http
        .post(`/users/${id}/disable`)
        .set(...bearer(own.ownerToken))
        .expect(200);
      assert.equal(disabled.body.user.active, false);
      const third = await pullAll(t, device, second.cursor);
      assert.deepEqual(withoutVersions(third.changes), [
        {
          entity: 'cashier',
          op: 'upsert',
          id,
          data: { name: 'Malika', pinHash: null, active: false, role: 'cashier' },
        },
      ]);
    });

    it('refuses to disable the owner and PINs for non-cashiers; other tenants get 404', async () => {
      const users = await t.http
        .get('/users')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const owner = users.body.users.find((u: { role: string }) => u.role === 'owner');
      const res = await t.http
        .post(`/users/${owner.id}/disable`)
        .set(...bearer(shop.ownerToken))
        .expect(409);
      assert.equal(res.body.error.code, 'CANNOT_DISABLE_OWNER');
      const pin = await t.http
        .post(`/users/${owner.id}/pin`)
        .set(...bearer(shop.ownerToken))
        .send({ pin: '1234' })
        .expect(409);
      assert.equal(pin.body.error.code, 'NOT_A_CASHIER');
      const other = await bootstrapTenant(t);
      await t.http
        .post(`/users/${owner.id}/disable`)
        .set(...bearer(other.ownerToken))
        .expect(404);
      const row = await t.db.knex('users').where({ tenant_id: shop.tenantId, id: owner.id }).first();
      assert.equal(Boolean(row.active), true);
    });

    it('serves default settings, saves changes and sends them in pull', async () => {
      const own = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, own);
      const got = await t.http
        .get('/settings')
        .set(...bearer(own.ownerToken))
        .expect(200);
      assert.deepEqual(got.body.settings, {
        storeName: 'Main store',
        currency: 'UZS',
        defaultVatRate: 1200,
        cashRounding: 0,
        scaleBarcode: {
          prefixes: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'],
          itemDigits: 5,
          value: 'weight',
        },
        receiptHeader: null,
        maxCashierDiscount: 1000,
        approvals: {
          refund: false,
          voidAfterPayment: false,
          cancelAbove: null,
          discountAboveLimit: false,
          cashOut: false,
        },
        quickKeys: [],
        legalName: null,
        stir: null,
        address: null,
        fiscalDataRequired: false,
        registerKeepDays: 90,
      });
      const first = await pullAll(t, device);
      const initial = first.changes.find((c) => c.entity === 'settings')!;
      assert.deepEqual(initial.data, got.body.settings);
      const patched = await t.http
        .patch('/settings')
        .set(...bearer(own.ownerToken))
        .send({ cashRounding: 10_000, receiptHeader: 'Rahmat!', defaultVatRate: 0 })
        .expect(200);
      assert.equal(patched.body.settings.cashRounding, 10_000);
      assert.equal(patched.body.settings.defaultVatRate, 0);
      const row = await t.db.knex('store_settings').where({ tenant_id: own.tenantId }).first();
      assert.equal(row.receipt_header, 'Rahmat!');
      const next = await pullAll(t, device, first.cursor);
      assert.deepEqual(withoutVersions(next.changes), [
        { entity: 'settings', op: 'upsert', id: own.storeId, data: patched.body.settings },
      ]);
      await t.http
        .patch('/settings')
        .set(...bearer(own.ownerToken))
        .send({ cashRounding: -1 })
        .expect(400);
      // Only the coins in use: 50 or 100 so‘m, or no rounding.
      const odd = await t.http
        .patch('/settings')
        .set(...bearer(own.ownerToken))
        .send({ cashRounding: 2000 })
        .expect(400);
      assert.match(odd.body.error.message, /cashRounding/);
      const after = await t.db.knex('store_settings').where({ tenant_id: own.tenantId }).first();
      assert.equal(after.cash_rounding, 10_000);
    });

    it('keeps the seller for fiscal receipts: legal name, a 9-digit STIR, address, fiscal data required', async () => {
      const own = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, own);
      const first = await pullAll(t, device);
      const seller = {
        legalName: 'Baraka savdo MChJ',
        stir: '301234567',
        address: 'Toshkent, Chilonzor 9',
        fiscalDataRequired: true,
      };
      const patched = await t.http
        .patch('/settings')
        .set(...bearer(own.ownerToken))
        .send(seller)
        .expect(200);
      assert.deepEqual(
        {
          legalName: patched.body.settings.legalName,
          stir: patched.body.settings.stir,
          address: patched.body.settings.address,
          fiscalDataRequired: patched.body.settings.fiscalDataRequired,
        },
        seller,
      );
      const row = await t.db.knex('store_settings').where({ tenant_id: own.tenantId }).first();
      assert.equal(row.stir, '301234567');
      assert.equal(Boolean(row.fiscal_data_required), true);
      const next = await pullAll(t, device, first.cursor);
      assert.deepEqual(next.changes[0]?.data, patched.body.settings);
      for (const stir of ['30123456', '3012345678', '30123456a']) {
        const bad = await t.http
          .patch('/settings')
          .set(...bearer(own.ownerToken))
          .send({ stir })
          .expect(400);
        assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
        assert.match(bad.body.error.message, /stir/);
      }
      const cleared = await t.http
        .patch('/settings')
        .set(...bearer(own.ownerToken))
        .send({ stir: null, fiscalDataRequired: false })
        .expect(200);
      assert.equal(cleared.body.settings.stir, null);
      assert.equal(cleared.body.settings.legalName, 'Baraka savdo MChJ');
    });
  });
}
