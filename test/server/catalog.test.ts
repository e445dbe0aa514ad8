import assert from 'node:assert/strict';
import { ean13 } from '../../src/common/barcode.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct, nextEan13 } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, pullAll } from '../helpers/sync.js';

const MXIK = '10899002001000000';

for (const dialect of testDialects()) {
  describe(`catalog: products [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
    });
    after(async () => {
      await t.close();
    });

    it('creates a product with barcodes and the tenant default VAT, 201', async () => {
      const barcode = nextEan13();
      const res = await t.http
        .post('/products')
        .set(...bearer(shop.ownerToken))
        .send({ sku: 'NON-1', name: 'Oʻzbek noni', barcodes: [barcode], price: 4_000_00, mxik: MXIK })
        .expect(201);
      const product = res.body.product;
      assert.equal(product.sku, 'NON-1');
      assert.deepEqual(product.barcodes, [barcode]);
      assert.equal(product.vatRate, 1200);
      assert.equal(product.unit, 'pcs');
      assert.equal(product.active, true);
      const row = await t.db.knex('products').where({ tenant_id: shop.tenantId, id: product.id }).first();
      assert.equal(row.name_key, "o'zbek noni");
      assert.equal(Number(row.price), 4_000_00);
      const codes = await t.db
        .knex('product_barcodes')
        .where({ tenant_id: shop.tenantId, product_id: product.id });
      assert.deepEqual(
        codes.map((c) => c.barcode),
        [barcode],
      );
    });

    it('rejects a barcode with a wrong check digit: 400 naming the field, nothing written', async () => {
      const good = nextEan13();
      const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
      const before = await countRows(t, 'products', { tenant_id: shop.tenantId });
      const res = await t.http
        .post('/products')
        .set(...bearer(shop.ownerToken))
        .set('accept-language', 'en')
        .send({ sku: 'BAD-EAN', name: 'Bad', barcodes: [bad], price: 100 })
        .expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.match(res.body.error.message, /barcodes — wrong check digit/);
      assert.match(res.body.error.message, /check digit/);
      assert.equal(await countRows(t, 'products', { tenant_id: shop.tenantId }), before);
    });

    it('rejects unknown fields and negative prices with 400', async () => {
      const unknown = await t.http
        .post('/products')
        .set(...bearer(shop.ownerToken))
        .send({ sku: 'X1', name: 'X', price: 1, colour: 'red' })
        .expect(400);
      assert.match(unknown.body.error.message, /colour/);
      const negative = await t.http
        .post('/products')
        .set(...bearer(shop.ownerToken))
        .send({ sku: 'X2', name: 'X', price: -5 })
        .expect(400);
      assert.match(negative.body.error.message, /narx — kamida 0 so‘m/);
    });

    it('returns 409 SKU_TAKEN and BARCODE_TAKEN and writes nothing', async () => {
      const existing = await createProduct(t, shop.ownerToken);
      const before = await countRows(t, 'products', { tenant_id: shop.tenantId });
      const sku = await t.http
        .post('/products')
        .set(...bearer(shop.ownerToken))
        .send({ sku: existing.sku, name: 'Again', price: 1, barcodes: [nextEan13()] })
        .expect(409);
      assert.equal(sku.body.error.code, 'SKU_TAKEN');
      const code = await t.http
        .post('/products')
        .set(...bearer(shop.ownerToken))
        .send({ sku: 'FRESH-SKU', name: 'Again', price: 1, barcodes: existing.barcodes })
        .expect(409);
      assert.equal(code.body.error.code, 'BARCODE_TAKEN');
      assert.equal(await countRows(t, 'products', { tenant_id: shop.tenantId }), before);
      assert.equal(
        await countRows(t, 'product_barcodes', { tenant_id: shop.tenantId, barcode: existing.barcodes[0] }),
        1,
      );
    });

    it('updates fields and barcodes with PATCH; DELETE deactivates', async () => {
      const product = await createProduct(t, shop.ownerToken);
      const newCode = nextEan13();
      const patched = await t.http
        .patch(`/products/${product.id}`)
        .set(...bearer(shop.ownerToken))
        .send({ name: 'Qatiq 1 l', price: 12_500_00, barcodes: [newCode], vatRate: 0 })
        .expect(200);
      assert.equal(patched.body.product.name, 'Qatiq 1 l');
      assert.equal(patched.body.product.price, 12_500_00);
      assert.equal(patched.body.product.vatRate, 0);
      assert.deepEqual(patched.body.product.barcodes, [newCode]);
      assert.equal(
        await countRows(t, 'product_barcodes', { tenant_id: shop.tenantId, product_id: product.id }),
        1,
      );
      const deleted = await t.http
        .delete(`/products/${product.id}`)
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.equal(deleted.body.product.active, false);
      const row = await t.db.knex('products').where({ tenant_id: shop.tenantId, id: product.id }).first();
      assert.equal(Boolean(row.active), false);
      const inactive = await t.http
        .get('/products?active=false')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.deepEqual(
        inactive.body.products.map((p: { id: string }) => p.id),
        [product.id],
      );
    });

    it("gives 404 for another tenant's product and never lists it", async () => {
      const other = await bootstrapTenant(t, { tenantName: 'Other shop' });
      const theirs = await createProduct(t, other.ownerToken, { name: 'Begona mahsulot' });
      const res = await t.http
        .patch(`/products/${theirs.id}`)
        .set(...bearer(shop.ownerToken))
        .send({ price: 1 })
        .expect(404);
      assert.equal(res.body.error.code, 'NOT_FOUND');
      const list = await t.http
        .get('/products?search=begona')
        .set(...bearer(shop.ownerToken))
        .expect(200);
      assert.deepEqual(list.body.products, []);
      const row = await t.db.knex('products').where({ tenant_id: other.tenantId, id: theirs.id }).first();
      assert.equal(Number(row.price), 1_000_00);
    });

    it('finds names whatever the case and apostrophe form, and by SKU or barcode', async () => {
      const own = await bootstrapTenant(t);
      const product = await createProduct(t, own.ownerToken, { name: 'Oʻzbekiston choyi' });
      await createProduct(t, own.ownerToken, { name: 'Kofe' });
      for (const search of [
        "o'zbek",
        'O‘ZBEK',
        'o`zbekiston',
        'Oʼzbekiston ch',
        product.sku,
        product.barcodes[0]!,
      ]) {
        const res = await t.http
          .get('/products')
          .query({ search })
          .set(...bearer(own.ownerToken))
          .expect(200);
        assert.deepEqual(
          res.body.products.map((p: { id: string }) => p.id),
          [product.id],
          `search ${search}`,
        );
      }
    });

    it('finds by the start of a SKU in any case and by the start of a barcode, beside name matches', async () => {
      const own = await bootstrapTenant(t);
      const code = nextEan13();
      const cola = await createProduct(t, own.ownerToken, {
        sku: 'COLA-15',
        name: 'Coca-Cola 1.5 l',
        barcodes: [code],
      });
      const fanta = await createProduct(t, own.ownerToken, {
        sku: 'FANTA-1',
        name: 'Fanta',
        barcodes: [nextEan13()],
      });
      const colaZero = await createProduct(t, own.ownerToken, { sku: 'ZERO-1', name: 'Cola Zero' });
      const found = async (search: string) =>
        (
          await t.http
            .get('/products')
            .query({ search })
            .set(...bearer(own.ownerToken))
            .expect(200)
        ).body.products
          .map((p: { id: string }) => p.id)
          .sort();
      assert.deepEqual(await found('cola-1'), [cola.id], 'SKU prefix, lower case');
      assert.deepEqual(await found('fAnTa-'), [fanta.id], 'SKU prefix, mixed case');
      assert.deepEqual(await found(code.slice(0, 12)), [cola.id], 'barcode prefix');
      assert.deepEqual(await found('cola'), [cola.id, colaZero.id].sort(), 'SKU prefix and name together');
      assert.deepEqual(await found(code.slice(3, 10)), [], 'a barcode is matched from its start only');
    });

    it('pages with a keyset cursor, no row twice or missed', async () => {
      const own = await bootstrapTenant(t);
      const ids = new Set<string>();
      for (let i = 0; i < 7; i++)
        ids.add((await createProduct(t, own.ownerToken, { name: `Tovar ${i % 3}` })).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const res = await t.http
          .get('/products')
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .set(...bearer(own.ownerToken))
          .expect(200);
        pages++;
        seen.push(...res.body.products.map((p: { id: string }) => p.id));
        if (!res.body.hasMore) {
          assert.equal(res.body.cursor, null);
          break;
        }
        cursor = res.body.cursor;
      }
      assert.equal(pages, 3);
      assert.equal(seen.length, 7);
      assert.deepEqual(new Set(seen), ids);
      const bad = await t.http
        .get('/products?cursor=garbage')
        .set(...bearer(own.ownerToken))
        .expect(400);
      assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    });
  });

  describe(`catalog: CSV import [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    function importCsv(token: string, csv: string | Buffer, lang = 'en') {
      return t.http
        .post('/products/import')
        .set(...bearer(token))
        .set('accept-language', lang)
        .set('content-type', 'text/csv')
        .send(csv);
    }

    it('says each bad line and each bad file in the owner’s language, with no parser text', async () => {
      const shop = await bootstrapTenant(t);
      const header = 'sku,name,barcode,price,unit,vatRate,mxik';
      const lines = [
        header,
        'L1,Choy,4780000000018,100,pcs,12,',
        'L2,Un,,abc,kg,,',
        'L3,Tuz,,1,box,,',
        'L4,Bir',
        ',Nomsiz,,1,pcs,,',
      ];
      const expected: Record<string, RegExp[]> = {
        uz: [
          /^shtrix-kod: nazorat raqami noto‘g‘ri$/,
          /^narx: so‘mdagi summa emas$/,
          /^o‘lchov birligi: quyidagilardan biri: pcs, kg, l$/,
          /^7 ta ustun kerak, 2 ta bor$/,
          /^artikul: bo‘sh bo‘lmasin$/,
        ],
        ru: [
          /^штрихкод: неверная контрольная цифра$/,
          /^цена: это не сумма в сумах$/,
          /^единица: одно из: pcs, kg, l$/,
          /^нужно столбцов: 7, есть: 2$/,
          /^артикул: не может быть пустым$/,
        ],
        en: [
          /^barcode: wrong check digit$/,
          /^price: not an amount in so‘m$/,
          /^unit: one of: pcs, kg, l$/,
          /^expected 7 columns, got 2$/,
          /^SKU: must not be empty$/,
        ],
      };
      for (const [lang, reasons] of Object.entries(expected)) {
        const res = await importCsv(shop.ownerToken, lines.join('\n'), lang).expect(200);
        assert.equal(res.body.rejected.length, reasons.length);
        res.body.rejected.forEach((r: { reason: string }, i: number) => assert.match(r.reason, reasons[i]!));
      }
      const files: Array<[string, string | Buffer, Record<string, RegExp>]> = [
        [
          'an unclosed quote',
          `${header}\nQ1,"Choy,,100,pcs,,\nQ2,Tuz,,100,pcs,,\n`,
          {
            uz: /CSV fayl — \d+-qatorda qo‘shtirnoq noto‘g‘ri yoki yopilmagan$/,
            ru: /CSV-файл — в строке \d+ кавычка не закрыта/,
            en: /CSV file — a quote is not closed or misplaced on line \d+$/,
          },
        ],
        [
          'Windows-1251 text',
          Buffer.concat([
            Buffer.from(`${header}\nW1,`),
            Buffer.from([0xd7, 0xe0, 0xe9]),
            Buffer.from(',,100,pcs,,\n'),
          ]),
          {
            uz: /fayl UTF-8 kodlashda emas/,
            ru: /файл не в кодировке UTF-8/,
            en: /the file is not UTF-8/,
          },
        ],
        [
          'a binary file',
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 0, 0, 0, 4]),
          {
            uz: /CSV fayl — bu matnli CSV fayl emas$/,
            ru: /CSV-файл — это не текстовый CSV-файл$/,
            en: /CSV file — this is not a CSV text file$/,
          },
        ],
        [
          'a missing header column',
          'sku,name,barcode,price,unit,vatRate\nM1,Choy,,100,pcs,12\n',
          {
            uz: /sarlavha qatori — ustunlar yetishmaydi: mxik; birinchi qator: sku,name,barcode,price,unit,vatRate,mxik$/,
            ru: /строка заголовка — не хватает столбцов: mxik/,
            en: /header line — missing columns: mxik; the first line must be: sku,name/,
          },
        ],
      ];
      for (const [what, body, messages] of files)
        for (const [lang, message] of Object.entries(messages)) {
          const res = await importCsv(shop.ownerToken, body, lang).expect(400);
          assert.equal(res.body.error.code, 'VALIDATION_FAILED', what);
          assert.match(res.body.error.message, message, `${what} [${lang}]: ${res.body.error.message}`);
          assert.doesNotMatch(
            res.body.error.message,
            /\uFFFD|Quote Not|Invalid input|Invalid opening|PNG/,
            what,
          );
        }
      assert.equal(await countRows(t, 'products', { tenant_id: shop.tenantId }), 0);
    });

    it('imports good lines, reports bad ones by line, and running twice doubles nothing', async () => {
      const shop = await bootstrapTenant(t);
      const a = ean13('478000000001');
      const b = ean13('478000000002');
      const c = ean13('478000000003');
      const badCheck = a.slice(0, 12) + String((Number(a[12]) + 1) % 10);
      const csv = [
        'sku,name,barcode,price,unit,vatRate,mxik',
        `A1,Oʻzbek noni,${a},4000,pcs,12,${MXIK}`,
        `A2,Guruch 1 kg,${b}|${c},"15 500,50",kg,,`,
        `A3,Bad barcode,${badCheck},100,pcs,12,`,
        'A4,Bad price,,abc,pcs,12,',
        'A1,Repeated SKU,,100,pcs,12,',
        'A5,Bad unit,,100,box,12,',
        'A6,Too few columns',
        'A7,No barcode,,0.5,l,0,',
      ].join('\n');
      const first = await importCsv(shop.ownerToken, csv).expect(200);
      assert.equal(first.body.imported, 3);
      assert.equal(first.body.updated, 0);
      assert.deepEqual(
        first.body.rejected.map((r: { line: number }) => r.line),
        [4, 5, 6, 7, 8],
      );
      assert.match(first.body.rejected[0].reason, /barcode.*check digit/);
      assert.match(first.body.rejected[1].reason, /price/);
      assert.match(first.body.rejected[2].reason, /SKU: repeats line 2/);
      const rows = await t.db.knex('products').where({ tenant_id: shop.tenantId }).orderBy('sku');
      assert.deepEqual(
        rows.map((r) => [r.sku, Number(r.price), r.unit, r.vat_rate]),
        [
          ['A1', 400_000, 'pcs', 1200],
          ['A2', 1_550_050, 'kg', 1200],
          ['A7', 50, 'l', 0],
        ],
      );
      assert.equal(await countRows(t, 'product_barcodes', { tenant_id: shop.tenantId }), 3);

      const second = await importCsv(shop.ownerToken, csv).expect(200);
      assert.equal(second.body.imported, 0);
      assert.equal(second.body.updated, 0);
      assert.equal(second.body.unchanged, 3);
      assert.equal(second.body.rejected.length, 5);
      assert.equal(await countRows(t, 'products', { tenant_id: shop.tenantId }), 3);
      assert.equal(await countRows(t, 'product_barcodes', { tenant_id: shop.tenantId }), 3);
      const ids = (await t.db.knex('products').where({ tenant_id: shop.tenantId }).orderBy('sku')).map(
        (r) => r.id,
      );
      assert.deepEqual(
        ids,
        rows.map((r) => r.id),
        'upsert keeps ids',
      );
    });

    it('rejects a line whose barcode belongs to another product, and a wrong header with 400', async () => {
      const shop = await bootstrapTenant(t);
      const existing = await createProduct(t, shop.ownerToken);
      const res = await importCsv(
        shop.ownerToken,
        `sku,name,barcode,price,unit,vatRate,mxik\nB1,Choy,${existing.barcodes[0]},100,pcs,12,\n`,
      ).expect(200);
      assert.equal(res.body.imported, 0);
      assert.deepEqual(res.body.rejected, [
        { line: 2, reason: `barcode: ${existing.barcodes[0]} belongs to another product` },
      ]);
      const header = await importCsv(shop.ownerToken, 'sku,title\nB2,Choy\n').expect(400);
      assert.equal(header.body.error.code, 'VALIDATION_FAILED');
      assert.equal(await countRows(t, 'products', { tenant_id: shop.tenantId }), 1);
    });

    it('counts a changed price or barcode as updated and an identical line as unchanged', async () => {
      const shop = await bootstrapTenant(t);
      const [a, b] = [nextEan13(), nextEan13()];
      const header = 'sku,name,barcode,price,unit,vatRate,mxik';
      await importCsv(shop.ownerToken, `${header}\nC1,Choy,${a},100,pcs,12,\nC2,Non,,200,pcs,,\n`).expect(
        200,
      );
      const res = await importCsv(
        shop.ownerToken,
        `${header}\nC1,Choy,${b},100,pcs,12,\nC2,Non,,250,pcs,,\nC3,Tuz,,50,pcs,,\nC1x,Choy,,100,pcs,12,\n`,
      ).expect(200);
      assert.deepEqual(
        { imported: res.body.imported, updated: res.body.updated, unchanged: res.body.unchanged },
        { imported: 2, updated: 2, unchanged: 0 },
      );
      const again = await importCsv(
        shop.ownerToken,
        `${header}\nC1,Choy,${b},100,pcs,12,\nC2,Non,,250,pcs,,\n`,
      ).expect(200);
      assert.deepEqual([again.body.updated, again.body.unchanged], [0, 2]);
    });

    it('imports a file longer than one chunk, and the same file again gives registers nothing to pull', async () => {
      // The import commits 1 000 lines at a time: one line more than that crosses a chunk (the 5 000-line timing
      // is \`npm run bench -- import\`).
      const LINES = 1001;
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const lines = ['sku,name,barcode,price,unit,vatRate,mxik'];
      for (let i = 0; i < LINES; i++)
        lines.push(
          `BULK-${i},Mahsulot ${i},${ean13(`47810${String(i).padStart(7, '0')}`)},${1000 + i},pcs,12,`,
        );
      const res = await importCsv(shop.ownerToken, lines.join('\n')).expect(200);
      assert.equal(res.body.imported, LINES);
      assert.deepEqual(res.body.rejected, []);
      assert.equal(await countRows(t, 'products', { tenant_id: shop.tenantId }), LINES);
      assert.equal(await countRows(t, 'product_barcodes', { tenant_id: shop.tenantId }), LINES);
      const pulled = await pullAll(t, device, '0', 5000);
      assert.equal(pulled.changes.filter((c) => c.entity === 'product').length, LINES);

      const again = await importCsv(shop.ownerToken, lines.join('\n')).expect(200);
      assert.deepEqual(again.body, { imported: 0, updated: 0, unchanged: LINES, rejected: [] });
      const after = await pullAll(t, device, pulled.cursor, 5000);
      assert.deepEqual(after.changes, []);
    });
  });
}
