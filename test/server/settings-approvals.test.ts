import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import { bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, pullAll } from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`store settings: approvals and quick keys [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('needs no approvals and has no quick keys until the owner sets them', async () => {
      const shop = await bootstrapTenant(t);
      const res = await t.http
        .get('/settings')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.deepEqual(res.body.settings.approvals, {
        refund: false,
        voidAfterPayment: false,
        cancelAbove: null,
        discountAboveLimit: false,
        cashOut: false,
      });
      assert.deepEqual(res.body.settings.quickKeys, []);
      assert.deepEqual(res.body.quickKeyProducts, []);
    });

    it('changes only the approvals given and sends them and the quick keys to registers', async () => {
      const shop = await bootstrapTenant(t);
      const owner = bearer(shop.ownerToken);
      const device = await activateFirstDevice(t, shop);
      const bread = await createProduct(t, shop.ownerToken, { name: 'Non', price: 500_000 });
      const bag = await createProduct(t, shop.ownerToken, { name: 'Paket', price: 20_000 });
      await t.http
        .patch('/settings')
        .set(...owner)
        .send({ approvals: { refund: true, cancelAbove: 50_000_000 } })
        .expect(200);
      const res = await t.http
        .patch('/settings')
        .set(...owner)
        .send({ approvals: { cashOut: true }, quickKeys: [bag.id, bread.id] })
        .expect(200);
      const expected = {
        refund: true,
        voidAfterPayment: false,
        cancelAbove: 50_000_000,
        discountAboveLimit: false,
        cashOut: true,
      };
      assert.deepEqual(res.body.settings.approvals, expected);
      assert.deepEqual(res.body.settings.quickKeys, [bag.id, bread.id]);
      assert.deepEqual(
        res.body.quickKeyProducts.map((p: { name: string }) => p.name),
        ['Paket', 'Non'],
      );
      const { changes } = await pullAll(t, device);
      const settings = changes.filter((c) => c.entity === 'settings').at(-1)!.data as Record<string, unknown>;
      assert.deepEqual(settings.approvals, expected);
      assert.deepEqual(settings.quickKeys, [bag.id, bread.id]);
    });

    it('refuses quick keys that are not this shop’s products, repeated, or more than 20', async () => {
      const shop = await bootstrapTenant(t);
      const other = await bootstrapTenant(t);
      const owner = bearer(shop.ownerToken);
      const own = await createProduct(t, shop.ownerToken, { name: 'Non', price: 500_000 });
      const foreign = await createProduct(t, other.ownerToken, { name: 'Sut', price: 900_000 });
      const res = await t.http
        .patch('/settings')
        .set(...owner)
        .send({ quickKeys: [own.id, foreign.id] })
        .expect(400);
      assert.equal(res.body.error.code, 'UNKNOWN_PRODUCT');
      for (const quickKeys of [[own.id, own.id], Array.from({ length: 21 }, () => newId())]) {
        const bad = await t.http
          .patch('/settings')
          .set(...owner)
          .send({ quickKeys })
          .expect(400);
        assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
      }
      const bad = await t.http
        .patch('/settings')
        .set(...owner)
        .send({ approvals: { refund: 'yes' } })
        .expect(400);
      assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
      const saved = await t.http
        .get('/settings')
        .set(...owner)
        .expect(200);
      assert.deepEqual(saved.body.settings.quickKeys, []);
      assert.equal(saved.body.settings.approvals.refund, false);
    });

    it('refuses a product taken off sale with its name, in the asker’s language; a key set before stays flagged', async () => {
      const shop = await bootstrapTenant(t);
      const owner = bearer(shop.ownerToken);
      const bread = await createProduct(t, shop.ownerToken, { name: 'Non', price: 500_000 });
      const bag = await createProduct(t, shop.ownerToken, { name: 'Paket', price: 20_000 });
      await t.http
        .patch('/settings')
        .set(...owner)
        .send({ quickKeys: [bread.id, bag.id] })
        .expect(200);
      await t.http
        .delete(`/products/${bag.id}`)
        .set(...owner)
        .expect(200);
      // The grid kept since is shown with the product off sale marked, so the owner can take its key away.
      const kept = await t.http
        .get('/settings')
        .set(...owner)
        .expect(200);
      assert.deepEqual(
        kept.body.quickKeyProducts.map((p: { name: string; active: boolean }) => [p.name, p.active]),
        [
          ['Non', true],
          ['Paket', false],
        ],
      );
      for (const [lang, message] of [
        ['uz', 'Mahsulot sotuvdan olingan: Paket. Tezkor tugmaga faqat sotuvdagi mahsulot qo‘yiladi.'],
        ['ru', 'Товар снят с продажи: Paket. На быструю клавишу можно поставить только товар в продаже.'],
        ['en', 'Product taken off sale: Paket. Only products on sale can go on a quick key.'],
      ] as const) {
        const res = await t.http
          .patch('/settings')
          .set(...owner)
          .set('Accept-Language', lang)
          .send({ quickKeys: [bag.id, bread.id] })
          .expect(400);
        assert.deepEqual(res.body, { error: { code: 'PRODUCT_INACTIVE', message } });
      }
      const saved = await t.http
        .patch('/settings')
        .set(...owner)
        .send({ quickKeys: [bread.id] })
        .expect(200);
      assert.deepEqual(saved.body.settings.quickKeys, [bread.id]);
      const row = await t.db.knex('store_settings').where({ tenant_id: shop.tenantId }).first();
      assert.deepEqual(JSON.parse(row.quick_keys as string), [bread.id]);
    });
  });
}
