import assert from 'node:assert/strict';
import { bearer, bootstrapTenant, type BootstrappedTenant } from '../helpers/app.js';
import { createProduct, nextEan13 } from '../helpers/catalog.js';
import { BROWSER_DIALECT, panelSuite, textOf, waitForText } from './browser.js';

const OWNER_PASSWORD = 'owner-pass-1';

/** A valid EAN-13 with its last digit changed. */
function wrongCheckDigit(code: string): string {
  return code.slice(0, 12) + String((Number(code[12]) + 1) % 10);
}

for (const dialect of [BROWSER_DIALECT]) {
  describe(`admin panel products and stock in Chromium [${dialect}]`, function () {
    this.timeout(60_000);
    const panel = panelSuite(dialect, 'admin-catalog');
    let shop: BootstrappedTenant;
    before(async () => {
      shop = await bootstrapTenant(panel.t, { tenantName: 'Chorsu Oziq-ovqat' });
    });
    const ownerOn = (menu: string, viewport?: { width: number; height: number }) =>
      panel.ownerOn({ email: shop.ownerEmail, password: OWNER_PASSWORD }, menu, viewport);

    it('a product created in the panel is found by search', async () => {
      const page = await ownerOn('Mahsulotlar');
      const barcode = nextEan13();
      await page.getByRole('button', { name: 'Mahsulot qo‘shish' }).click();
      const dialog = page.getByRole('dialog', { name: 'Yangi mahsulot' });
      await dialog.getByRole('textbox', { name: 'Artikul' }).fill(`CHOY-${dialect}`);
      await dialog.getByRole('textbox', { name: 'Nomi' }).fill('O‘zbek choyi 100 g');
      await dialog.getByRole('textbox', { name: 'Narxi (so‘m)' }).fill('12 500');
      const barcodes = dialog.getByLabel('Shtrix-kodlar');
      // A scanner types the digits and Enter.
      await barcodes.fill(wrongCheckDigit(barcode));
      await barcodes.press('Enter');
      await dialog.getByRole('button', { name: 'Saqlash' }).click();
      await waitForText(
        dialog.getByText('nazorat raqami noto‘g‘ri'),
        `${wrongCheckDigit(barcode)}: nazorat raqami noto‘g‘ri`,
      );
      await barcodes.press('Backspace');
      await barcodes.fill(barcode);
      await barcodes.press('Enter');
      await dialog.getByRole('button', { name: 'Saqlash' }).click();
      await dialog.waitFor({ state: 'detached' });

      // Searched with a plain apostrophe; the server folds the Uzbek ‘ into it.
      await page.getByRole('searchbox', { name: 'Qidirish' }).fill("o'zbek choy");
      const row = page.getByTestId(`product-CHOY-${dialect}`);
      await waitForText(row.getByTestId('product-name'), 'O‘zbek choyi 100 g');
      assert.equal(await textOf(row.getByTestId('product-price')), '12 500 so‘m');
      assert.match(await textOf(row), new RegExp(barcode));
      await waitForText(page.getByTestId('products-shown'), '1 ta mahsulot ko‘rsatilmoqda');
      // And by the scanned barcode.
      await page.getByRole('searchbox', { name: 'Qidirish' }).fill(barcode);
      await waitForText(row.getByTestId('product-name'), 'O‘zbek choyi 100 g');

      const saved = await panel.t.db
        .knex('products')
        .where({ tenant_id: shop.tenantId, sku: `CHOY-${dialect}` })
        .first();
      assert.equal(Number(saved.price), 1_250_000);
    });

    it('shows a duplicate SKU under the SKU field, edits the price and takes a product off sale', async () => {
      const existing = await createProduct(panel.t, shop.ownerToken, { name: 'Guruch lazer 1 kg' });
      const page = await ownerOn('Mahsulotlar');
      await page.getByRole('button', { name: 'Mahsulot qo‘shish' }).click();
      const dialog = page.getByRole('dialog', { name: 'Yangi mahsulot' });
      await dialog.getByRole('textbox', { name: 'Artikul' }).fill(existing.sku);
      await dialog.getByRole('textbox', { name: 'Nomi' }).fill('Boshqa guruch');
      await dialog.getByRole('textbox', { name: 'Narxi (so‘m)' }).fill('abc');
      await dialog.getByRole('button', { name: 'Saqlash' }).click();
      await dialog.getByText('Narxni so‘mda yozing, masalan 12500 yoki 12500,50').waitFor();
      await dialog.getByRole('textbox', { name: 'Narxi (so‘m)' }).fill('18000');
      await dialog.getByRole('button', { name: 'Saqlash' }).click();
      await dialog.getByText(`${existing.sku} artikuli boshqa mahsulotda bor.`).waitFor();
      await dialog.getByRole('button', { name: 'Ortga' }).click();

      await page.getByRole('searchbox', { name: 'Qidirish' }).fill(existing.sku);
      const row = page.getByTestId(`product-${existing.sku}`);
      await row.getByRole('button', { name: 'Tahrirlash' }).click();
      const edit = page.getByRole('dialog', { name: 'Guruch lazer 1 kg: tahrirlash' });
      assert.equal(await edit.getByRole('textbox', { name: 'Narxi (so‘m)' }).inputValue(), '1000');
      await edit.getByRole('textbox', { name: 'Narxi (so‘m)' }).fill('21 900,50');
      await edit.getByRole('button', { name: 'Saqlash' }).click();
      await waitForText(row.getByTestId('product-price'), '21 900,50 so‘m');

      await row.getByRole('button', { name: 'Sotuvdan olish' }).click();
      await page
        .getByRole('dialog', { name: 'Guruch lazer 1 kg sotuvdan olinsinmi?' })
        .getByRole('button', { name: 'Sotuvdan olish' })
        .click();
      await waitForText(row.locator('.mantine-Badge-root'), 'Nofaol');
      const saved = await panel.t.db
        .knex('products')
        .where({ tenant_id: shop.tenantId, id: existing.id })
        .first();
      assert.equal(Number(saved.price), 2_190_050);
      assert.equal(Boolean(saved.active), false);
    });

    it('stock receive shows the new level; a negative level is marked', async () => {
      const flour = await createProduct(panel.t, shop.ownerToken, { name: 'Un oliy nav', unit: 'kg' });
      const cola = await createProduct(panel.t, shop.ownerToken, { name: 'Cola 1 l' });
      // Registers sold more than was counted in: the level went below zero.
      await panel.t.http
        .post('/stock/adjustments')
        .set(...bearer(shop.ownerToken))
        .send({ productId: cola.id, countedQty: -3_000, reason: 'offline sales' })
        .expect(201);

      const page = await ownerOn('Ombor');
      const search = page.getByRole('searchbox', { name: 'Qidirish' });
      await search.fill(cola.sku);
      const colaRow = page.getByTestId(`stock-${cola.sku}`);
      await waitForText(colaRow.getByTestId('stock-level'), '-3 dona');
      assert.equal(await colaRow.getAttribute('data-state'), 'negative');
      assert.equal(await textOf(colaRow.getByTestId('stock-state')), 'Minusda');

      await search.fill(flour.sku);
      const flourRow = page.getByTestId(`stock-${flour.sku}`);
      await waitForText(flourRow.getByTestId('stock-level'), '0.000 kg');
      assert.equal(await textOf(flourRow.getByTestId('stock-state')), 'Kam qoldi');
      await flourRow.getByRole('button', { name: 'Kirim' }).click();
      const receive = page.getByRole('dialog', { name: 'Un oliy nav: tovar kirimi' });
      await receive.getByRole('textbox', { name: 'Kelgan miqdor (kg)' }).fill('12,5');
      await receive.getByRole('textbox', { name: 'Izoh (ixtiyoriy)' }).fill('Nakladnoy 41');
      await receive.getByRole('button', { name: 'Saqlash' }).click();
      await receive.waitFor({ state: 'detached' });
      await waitForText(flourRow.getByTestId('stock-level'), '12.500 kg');
      assert.equal(await flourRow.getAttribute('data-state'), 'ok');

      // A count sets the level; pieces refuse a fraction before anything is sent.
      await search.fill(cola.sku);
      await colaRow.getByRole('button', { name: 'Sanash' }).click();
      const count = page.getByRole('dialog', { name: 'Cola 1 l: inventarizatsiya' });
      assert.equal(await textOf(count.getByTestId('current-level')), 'Hozirgi qoldiq: -3 dona');
      await count.getByRole('textbox', { name: 'Sanalgan miqdor (dona)' }).fill('2,5');
      await count.getByRole('button', { name: 'Saqlash' }).click();
      await count.getByText('Dona mahsulot uchun butun son yozing').waitFor();
      await count.getByRole('textbox', { name: 'Sanalgan miqdor (dona)' }).fill('24');
      await count.getByRole('button', { name: 'Saqlash' }).click();
      await waitForText(colaRow.getByTestId('stock-level'), '24 dona');
      assert.equal(await colaRow.getAttribute('data-state'), 'ok');

      const levels = await panel.t.db
        .knex('stock_levels')
        .where({ tenant_id: shop.tenantId })
        .whereIn('product_id', [flour.id, cola.id]);
      assert.deepEqual(Object.fromEntries(levels.map((l) => [l.product_id, Number(l.level)])), {
        [flour.id]: 12_500,
        [cola.id]: 24_000,
      });
    });

    it('imports a CSV price list with progress, counts and the rejected line; a second run changes nothing', async () => {
      const good = nextEan13();
      const csv = [
        'sku,name,barcode,price,unit,vatRate,mxik',
        `IMP-1-${dialect},Shakar 1 kg,${good},14500,kg,12,`,
        `IMP-2-${dialect},Tuz,${wrongCheckDigit(nextEan13())},3000,,,`,
        `IMP-3-${dialect},"Yog‘, 1 l",,32 000,l,,`,
        '',
      ].join('\n');
      const page = await ownerOn('Mahsulotlar');
      const upload = async () => {
        await page.getByRole('button', { name: 'CSV import' }).click();
        const dialog = page.getByRole('dialog', { name: 'Narxlar ro‘yxatini import qilish (CSV)' });
        await dialog.locator('input[type="file"]').setInputFiles({
          name: 'narxlar.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv),
        });
        await dialog.getByRole('button', { name: 'Yuklash' }).click();
        await dialog.getByTestId('import-result').waitFor();
        assert.equal(
          await dialog
            .getByTestId('import-progress')
            .locator('[role="progressbar"]')
            .getAttribute('aria-valuenow'),
          '100',
        );
        return dialog;
      };

      const first = await upload();
      assert.equal(await textOf(first.getByTestId('import-imported')), 'Yangi: 2');
      assert.equal(await textOf(first.getByTestId('import-updated')), 'Yangilangan: 0');
      assert.equal(await textOf(first.getByTestId('import-rejected')), 'Rad etilgan: 1');
      const rejected = first.getByTestId('rejected-3');
      assert.equal(await textOf(rejected.locator('td').first()), '3');
      assert.match(await textOf(rejected), /shtrix-kod: nazorat raqami noto‘g‘ri/);
      await first.getByRole('button', { name: 'Yopish' }).click();

      await page.getByRole('searchbox', { name: 'Qidirish' }).fill(`IMP-3-${dialect}`);
      const oil = page.getByTestId(`product-IMP-3-${dialect}`);
      await waitForText(oil.getByTestId('product-price'), '32 000 so‘m');

      const second = await upload();
      assert.equal(await textOf(second.getByTestId('import-imported')), 'Yangi: 0');
      assert.equal(await textOf(second.getByTestId('import-updated')), 'Yangilangan: 0');
      assert.equal(await textOf(second.getByTestId('import-unchanged')), 'O‘zgarmagan: 2');
      const saved = await panel.t.db
        .knex('products')
        .where({ tenant_id: shop.tenantId })
        .whereIn(
          'sku',
          [1, 2, 3].map((n) => `IMP-${n}-${dialect}`),
        );
      assert.deepEqual(saved.map((p) => p.sku).sort(), [`IMP-1-${dialect}`, `IMP-3-${dialect}`]);

      // A file that is not a price list: the server's reason, and nothing half-done to worry about.
      await second.getByRole('button', { name: 'Boshqa fayl' }).click();
      await second.locator('input[type="file"]').setInputFiles({
        name: 'boshqa.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('code,title\nA,B\n'),
      });
      await second.getByRole('button', { name: 'Yuklash' }).click();
      assert.match(
        await textOf(second.getByTestId('error')),
        /^Ma’lumot noto‘g‘ri: sarlavha qatori — ustunlar yetishmaydi: sku, name,/,
      );
      await second.getByText('faylni qayta yuklash xavfsiz').waitFor();
    });

    it('fits a phone in Russian: the products table scrolls inside the page, not the page sideways', async () => {
      await createProduct(panel.t, shop.ownerToken, { name: 'Telefonda ko‘rinadigan mahsulot' });
      const page = await ownerOn('Mahsulotlar', { width: 390, height: 844 });
      await page.getByTestId('products-shown').waitFor();
      // Russian labels on the same screen.
      await page.getByText('Рус', { exact: true }).click();
      await page.getByRole('heading', { name: 'Товары' }).waitFor();
      await page.getByRole('button', { name: 'Добавить товар' }).waitFor();
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    });
  });
}
