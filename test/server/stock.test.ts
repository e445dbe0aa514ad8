import assert from 'node:assert/strict';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, saleEvent } from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`stock: receipts, adjustments, levels [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
    });
    after(async () => {
      await t.close();
    });

    async function levelOf(productId: string): Promise<number | undefined> {
      const row = await t.db
        .knex('stock_levels')
        .where({ tenant_id: shop.tenantId, store_id: shop.storeId, product_id: productId })
        .first();
      return row ? Number(row.level) : undefined;
    }

    it('books a receipt by SKU and by id: ledger rows and levels in step, 201', async () => {
      const a = await createProduct(t, shop.ownerToken);
      const b = await createProduct(t, shop.ownerToken);
      const res = await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({
          lines: [
            { sku: a.sku, qty: 10_000 },
            { productId: b.id, qty: 2_500 },
            { sku: a.sku, qty: 5_000 },
          ],
          note: 'Nakladnaya 17',
        })
        .expect(201);
      assert.deepEqual(
        [...res.body.receipt.levels].sort((x: { productId: string }, y: { productId: string }) =>
          x.productId < y.productId ? -1 : 1,
        ),
        [
          { productId: a.id, level: 15_000 },
          { productId: b.id, level: 2_500 },
        ].sort((x, y) => (x.productId < y.productId ? -1 : 1)),
      );
      assert.equal(await levelOf(a.id), 15_000);
      assert.equal(await levelOf(b.id), 2_500);
      const moves = await t.db.knex('stock_movements').where({ tenant_id: shop.tenantId, product_id: a.id });
      assert.equal(moves.length, 2);
      assert.ok(
        moves.every(
          (m) => m.kind === 'receipt' && m.ref === res.body.receipt.id && m.note === 'Nakladnaya 17',
        ),
      );
    });

    it('refuses an unknown SKU with 400 UNKNOWN_PRODUCT and writes nothing', async () => {
      const before = await countRows(t, 'stock_movements', { tenant_id: shop.tenantId });
      const res = await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({ lines: [{ sku: 'NO-SUCH-SKU', qty: 1000 }] })
        .expect(400);
      assert.equal(res.body.error.code, 'UNKNOWN_PRODUCT');
      assert.equal(await countRows(t, 'stock_movements', { tenant_id: shop.tenantId }), before);
      const both = await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({ lines: [{ qty: 1000 }] })
        .expect(400);
      assert.equal(both.body.error.code, 'VALIDATION_FAILED');
    });

    it('adjusts to the counted quantity: the delta is counted − current', async () => {
      const p = await createProduct(t, shop.ownerToken);
      await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({ lines: [{ productId: p.id, qty: 7_000 }] })
        .expect(201);
      const res = await t.http
        .post('/stock/adjustments')
        .set(...bearer(shop.ownerToken))
        .send({ sku: p.sku, countedQty: 4_250, reason: 'inventarizatsiya' })
        .expect(201);
      assert.deepEqual(res.body.adjustment, {
        productId: p.id,
        previous: 7_000,
        counted: 4_250,
        delta: -2_750,
      });
      assert.equal(await levelOf(p.id), 4_250);
      const move = await t.db
        .knex('stock_movements')
        .where({ tenant_id: shop.tenantId, product_id: p.id, kind: 'adjustment' })
        .first();
      assert.equal(Number(move.qty), -2_750);
      assert.equal(move.note, 'inventarizatsiya');
    });

    it('shows negative levels after offline sales beyond stock; levels = sum of the ledger', async () => {
      const p = await createProduct(t, shop.ownerToken, { name: 'Aaa birinchi' });
      await t.http
        .post('/stock/receipts')
        .set(...bearer(shop.ownerToken))
        .send({ lines: [{ productId: p.id, qty: 1_000 }] })
        .expect(201);
      const device = await activateFirstDevice(t, shop);
      const res = await push(t, device, [saleEvent([p.id], { qty: 3_000 })]).expect(200);
      assert.equal(res.body.results[0].status, 'applied');
      const levels = await t.http
        .get('/stock/levels')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      const mine = levels.body.levels.find((l: { productId: string }) => l.productId === p.id);
      assert.deepEqual(mine, { productId: p.id, sku: p.sku, name: 'Aaa birinchi', level: -2_000 });
      const sum = await t.db
        .knex('stock_movements')
        .where({ tenant_id: shop.tenantId, product_id: p.id })
        .sum({ s: 'qty' })
        .first();
      assert.equal(Number(sum!.s), -2_000);
    });

    it('GET /stock pages active products with their level, marking negative and low, searched like products', async () => {
      const shop2 = await bootstrapTenant(t);
      const names = ['Olma qizil', 'Olma yashil', 'O‘rik quruq', 'Non', 'Eski tovar'];
      const made = [];
      for (const name of names) made.push(await createProduct(t, shop2.ownerToken, { name }));
      const [apple, green, apricot, bread, old] = made as [(typeof made)[0], ...typeof made];
      await t.http
        .post('/stock/receipts')
        .set(...bearer(shop2.ownerToken))
        .send({
          lines: [
            { productId: apple.id, qty: 12_000 },
            { productId: green!.id, qty: 2_500 },
          ],
        })
        .expect(201);
      await t.http
        .post('/stock/adjustments')
        .set(...bearer(shop2.ownerToken))
        .send({ productId: bread!.id, countedQty: -3_000, reason: 'count' })
        .expect(201);
      await t.http
        .delete(`/products/${old!.id}`)
        .set(...bearer(shop2.ownerToken))
        .expect(200);

      const first = await t.http
        .get('/stock?limit=2')
        .set(...bearer(shop2.ownerToken))
        .expect(200);
      assert.equal(first.body.hasMore, true);
      const second = await t.http
        .get(`/stock?limit=2&cursor=${first.body.cursor}`)
        .set(...bearer(shop2.ownerToken))
        .expect(200);
      assert.equal(second.body.hasMore, false);
      const rows = [...first.body.items, ...second.body.items].map(
        (i: { name: string; level: number; negative: boolean; low: boolean; unit: string }) => [
          i.name,
          i.level,
          i.negative,
          i.low,
          i.unit,
        ],
      );
      // By search key (the apostrophe sorts first); deactivated products are left out; never received is 0, low.
      assert.deepEqual(rows, [
        ['Non', -3_000, true, false, 'pcs'],
        ['O‘rik quruq', 0, false, true, 'pcs'],
        ['Olma qizil', 12_000, false, false, 'pcs'],
        ['Olma yashil', 2_500, false, true, 'pcs'],
      ]);

      const searched = await t.http
        .get(`/stock?search=${encodeURIComponent("o'rik")}`)
        .set(...bearer(shop2.ownerToken))
        .expect(200);
      assert.deepEqual(
        searched.body.items.map((i: { productId: string }) => i.productId),
        [apricot!.id],
      );
      const byBarcode = await t.http
        .get(`/stock?search=${apple.barcodes[0]}&lowBelow=20000`)
        .set(...bearer(shop2.ownerToken))
        .expect(200);
      assert.deepEqual(byBarcode.body.items, [
        {
          productId: apple.id,
          sku: apple.sku,
          name: 'Olma qizil',
          unit: 'pcs',
          level: 12_000,
          negative: false,
          low: true,
        },
      ]);
    });

    it('GET /stock?only= lists just the negative or just the low products, paged and searched', async () => {
      const shop3 = await bootstrapTenant(t);
      const names = ['Anor', 'Banan', 'Gilos', 'Limon', 'Nok', 'Uzum'];
      const made = [];
      for (const name of names) made.push(await createProduct(t, shop3.ownerToken, { name }));
      const [anor, banan, gilos, limon, , uzum] = made as [(typeof made)[0], ...typeof made];
      // Anor, Limon and Uzum go negative; Banan stays plenty; Gilos is low; Nok was never received (0, low).
      const counts: Array<[string, number]> = [
        [anor.id, -1_000],
        [banan!.id, 50_000],
        [gilos!.id, 1_500],
        [limon!.id, -250],
        [uzum!.id, -7_000],
      ];
      for (const [productId, countedQty] of counts) {
        await t.http
          .post('/stock/adjustments')
          .set(...bearer(shop3.ownerToken))
          .send({ productId, countedQty, reason: 'count' })
          .expect(201);
      }
      const get = async (query: string) =>
        (
          await t.http
            .get(`/stock?${query}`)
            .set(...bearer(shop3.ownerToken))
            .expect(200)
        ).body as {
          items: Array<{ name: string; negative: boolean; low: boolean }>;
          cursor: string;
          hasMore: boolean;
        };

      const first = await get('only=negative&limit=2');
      assert.deepEqual(
        first.items.map((i) => i.name),
        ['Anor', 'Limon'],
      );
      assert.equal(first.hasMore, true);
      const second = await get(`only=negative&limit=2&cursor=${first.cursor}`);
      assert.deepEqual(
        second.items.map((i) => i.name),
        ['Uzum'],
      );
      assert.equal(second.hasMore, false);
      assert.ok([...first.items, ...second.items].every((i) => i.negative));

      const low = await get('only=low');
      assert.deepEqual(
        low.items.map((i) => [i.name, i.low]),
        [
          ['Gilos', true],
          ['Nok', true],
        ],
      );
      // The threshold moves what counts as low: at 1 unit only the never-received one is left.
      assert.deepEqual(
        (await get('only=low&lowBelow=1000')).items.map((i) => i.name),
        ['Nok'],
      );
      assert.deepEqual(
        (await get('only=negative&search=lim')).items.map((i) => i.name),
        ['Limon'],
      );
      // An exact SKU that is not a problem row gives an empty page rather than the product.
      assert.deepEqual((await get(`only=negative&search=${banan!.sku}`)).items, []);
      assert.deepEqual(
        (await get(`only=negative&search=${uzum!.barcodes[0]}`)).items.map((i) => i.name),
        ['Uzum'],
      );
      await t.http
        .get('/stock?only=zero')
        .set(...bearer(shop3.ownerToken))
        .expect(400);
    });

    it('keeps concurrent adjustments and receipts consistent with the ledger', async () => {
      const p = await createProduct(t, shop.ownerToken);
      await Promise.all([
        ...Array.from({ length: 5 }, () =>
          t.http
            .post('/stock/receipts')
            .set(...bearer(shop.ownerToken))
            .send({ lines: [{ productId: p.id, qty: 1_000 }] })
            .expect(201),
        ),
        ...Array.from({ length: 3 }, (_, i) =>
          t.http
            .post('/stock/adjustments')
            .set(...bearer(shop.ownerToken))
            .send({ productId: p.id, countedQty: 10_000 + i, reason: 'count' })
            .expect(201),
        ),
      ]);
      const sum = await t.db
        .knex('stock_movements')
        .where({ tenant_id: shop.tenantId, product_id: p.id })
        .sum({ s: 'qty' })
        .first();
      assert.equal(await levelOf(p.id), Number(sum!.s));
    });
  });
}
