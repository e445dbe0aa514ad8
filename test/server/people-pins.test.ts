import assert from 'node:assert/strict';
import { verifySecret } from '../../src/node/secret-hash.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, pullAll } from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`supervisors and unique PINs [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    function person(shop: BootstrappedTenant, role: string, name: string, pin: string) {
      return t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .send({ role, name, pin });
    }

    it('adds a supervisor with a PIN; registers pull cashiers and supervisors with their role', async () => {
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const cashier = await person(shop, 'cashier', 'Dilnoza', '1234').expect(201);
      const supervisor = await person(shop, 'supervisor', 'Rustam', '5678').expect(201);
      assert.equal(supervisor.body.user.role, 'supervisor');
      assert.equal(supervisor.body.user.email, null);
      const row = await t.db
        .knex('users')
        .where({ tenant_id: shop.tenantId, id: supervisor.body.user.id })
        .first();
      assert.equal(await verifySecret('5678', row.pin_hash), true);

      const { changes } = await pullAll(t, device);
      const people = new Map(changes.filter((c) => c.entity === 'cashier').map((c) => [c.id, c.data]));
      assert.deepEqual(
        { ...(people.get(supervisor.body.user.id) as object), pinHash: undefined },
        { name: 'Rustam', pinHash: undefined, active: true, role: 'supervisor' },
      );
      assert.equal((people.get(cashier.body.user.id) as { role: string }).role, 'cashier');

      // A supervisor's PIN is for registers only, never a panel login.
      const list = await t.http
        .get('/users')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.deepEqual(list.body.users.map((u: { role: string }) => u.role).sort(), [
        'cashier',
        'owner',
        'supervisor',
      ]);
    });

    it('refuses a PIN an active person of the shop has, with 409 PIN_TAKEN in each language', async () => {
      const shop = await bootstrapTenant(t);
      await person(shop, 'cashier', 'Aziza', '4321').expect(201);
      const taken = await person(shop, 'supervisor', 'Botir', '4321').expect(409);
      assert.deepEqual(taken.body, {
        error: {
          code: 'PIN_TAKEN',
          message: 'Bu PIN do‘konning boshqa xodimida bor. Boshqa PIN tanlang.',
        },
      });
      const ru = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .set('accept-language', 'ru')
        .send({ role: 'cashier', name: 'Botir', pin: '4321' })
        .expect(409);
      assert.match(ru.body.error.message, /PIN уже есть у другого сотрудника/);
      const en = await t.http
        .post('/users')
        .set(...bearer(shop.ownerToken))
        .set('accept-language', 'en')
        .send({ role: 'cashier', name: 'Botir', pin: '4321' })
        .expect(409);
      assert.equal(
        en.body.error.message,
        'Another person of this shop already has this PIN. Choose a different PIN.',
      );
      assert.equal((await t.db.knex('users').where({ tenant_id: shop.tenantId, name: 'Botir' })).length, 0);

      // Another shop may use the same PIN: uniqueness is per shop.
      const other = await bootstrapTenant(t);
      await person(other, 'cashier', 'Botir', '4321').expect(201);
    });

    it('refuses a PIN reset or a re-enabling that would give two active people one PIN', async () => {
      const shop = await bootstrapTenant(t);
      const owner = bearer(shop.ownerToken);
      const aziza = (await person(shop, 'cashier', 'Aziza', '1111').expect(201)).body.user.id;
      const botir = (await person(shop, 'supervisor', 'Botir', '2222').expect(201)).body.user.id;

      const reset = await t.http
        .post(`/users/${botir}/pin`)
        .set(...owner)
        .send({ pin: '1111' })
        .expect(409);
      assert.equal(reset.body.error.code, 'PIN_TAKEN');
      // Setting one's own PIN again is no clash.
      await t.http
        .post(`/users/${aziza}/pin`)
        .set(...owner)
        .send({ pin: '1111' })
        .expect(200);

      // Aziza leaves; her PIN is free for Botir; taking Aziza back would now clash.
      await t.http
        .post(`/users/${aziza}/disable`)
        .set(...owner)
        .expect(200);
      await t.http
        .post(`/users/${botir}/pin`)
        .set(...owner)
        .send({ pin: '1111' })
        .expect(200);
      const back = await t.http
        .post(`/users/${aziza}/enable`)
        .set(...owner)
        .expect(409);
      assert.equal(back.body.error.code, 'PIN_TAKEN');
      const row = await t.db.knex('users').where({ tenant_id: shop.tenantId, id: aziza }).first();
      assert.equal(Boolean(row.active), false);

      // With a new PIN first, she comes back and registers hear of it.
      await t.http
        .post(`/users/${aziza}/pin`)
        .set(...owner)
        .send({ pin: '3333' })
        .expect(200);
      const enabled = await t.http
        .post(`/users/${aziza}/enable`)
        .set(...owner)
        .expect(200);
      assert.equal(enabled.body.user.active, true);
      const device = await activateFirstDevice(t, shop);
      const { changes } = await pullAll(t, device);
      const pulled = changes.find((c) => c.entity === 'cashier' && c.id === aziza)!.data as {
        active: boolean;
        pinHash: string;
      };
      assert.equal(pulled.active, true);
      assert.equal(await verifySecret('3333', pulled.pinHash), true);
    });

    it('gives exactly one of two simultaneous requests for the same PIN', async () => {
      const shop = await bootstrapTenant(t);
      const results = await Promise.all([
        person(shop, 'cashier', 'Kamola', '9090'),
        person(shop, 'supervisor', 'Jasur', '9090'),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
      const holders = await t.db.knex('users').where({ tenant_id: shop.tenantId }).whereNotNull('pin_hash');
      assert.equal(holders.length, 1);
    });
  });
}
