import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { bearer, bootstrapTenant, type BootstrappedTenant } from '../helpers/app.js';
import { createProduct, type ProductSeed } from '../helpers/catalog.js';
import { BROWSER_DIALECT, panelSuite } from './browser.js';

const OWNER_PASSWORD = 'owner-pass-1';

/** The grid's product names in order, as the page shows them (table rows or cards). */
async function gridNames(page: Page): Promise<string[]> {
  return (await page.getByTestId('quick-key-name').allTextContents()).map((name) => name.trim());
}

async function gridKeys(page: Page): Promise<string[]> {
  return (await page.getByTestId('quick-key-label').allTextContents()).map((key) => key.trim());
}

/** Waits (on the page's own frames) for the grid to show `names` in this order; fails showing what it shows. */
async function gridShows(page: Page, names: string[]): Promise<void> {
  try {
    // A string, as the page evaluates it: this file is compiled without the DOM's types.
    const shown = `JSON.stringify([...document.querySelectorAll('[data-testid="quick-key-name"]')].map((e) => e.textContent.trim()))`;
    await page.waitForFunction(`${shown} === ${JSON.stringify(JSON.stringify(names))}`, undefined, {
      timeout: 10_000,
    });
  } catch {
    assert.deepEqual(await gridNames(page), names);
  }
}

// Browser suites run on one database: the server side of the grid is checked on both in
// test/server/settings-approvals.test.ts.
describe(`admin panel: the quick-key grid editor in Chromium [${BROWSER_DIALECT}]`, function () {
  this.timeout(90_000);
  const panel = panelSuite(BROWSER_DIALECT, 'admin-quick-keys');
  let shop: BootstrappedTenant;
  let bread: ProductSeed;
  let bag: ProductSeed;
  let water: ProductSeed;
  before(async () => {
    shop = await bootstrapTenant(panel.t, { tenantName: 'Chorsu Non' });
    bread = await createProduct(panel.t, shop.ownerToken, {
      sku: 'NON-1',
      name: 'Non patir',
      price: 500_000,
    });
    bag = await createProduct(panel.t, shop.ownerToken, { sku: 'PAKET-1', name: 'Paket', price: 20_000 });
    water = await createProduct(panel.t, shop.ownerToken, {
      sku: 'SUV-05',
      name: 'Suv 0,5 l',
      price: 300_000,
    });
    const old = await createProduct(panel.t, shop.ownerToken, { sku: 'NON-OLD', name: 'Non eski', price: 1 });
    await panel.t.http
      .delete(`/products/${old.id}`)
      .set(...bearer(shop.ownerToken))
      .expect(200);
  });
  const savedKeys = async (): Promise<string[]> =>
    (
      await panel.t.http
        .get('/settings')
        .set(...bearer(shop.ownerToken))
        .expect(200)
    ).body.settings.quickKeys;

  it('finds products by name, SKU and barcode, orders them, removes one, saves; a reload shows the order', async () => {
    const page = await panel.ownerOn({ email: shop.ownerEmail, password: OWNER_PASSWORD }, 'Sozlamalar');
    await page.getByText('Tugmalar hali yo‘q').waitFor();
    const search = page.getByRole('searchbox', { name: 'Mahsulot qidirish' });

    // By name: the product taken off sale is not offered.
    await search.fill('Non');
    await page.getByTestId('quick-key-match-NON-1').waitFor();
    assert.equal(await page.getByTestId('quick-key-match-NON-OLD').count(), 0);
    await page.getByRole('button', { name: 'Qo‘shish: Non patir' }).click();
    await gridShows(page, ['Non patir']);
    assert.equal(await page.getByRole('button', { name: 'Qo‘shish: Non patir' }).textContent(), 'Qo‘shilgan');

    await search.fill('PAKET-1');
    await page.getByRole('button', { name: 'Qo‘shish: Paket' }).click();
    await search.fill(water.barcodes[0]!);
    await page.getByRole('button', { name: 'Qo‘shish: Suv 0,5 l' }).click();
    await gridShows(page, ['Non patir', 'Paket', 'Suv 0,5 l']);
    assert.deepEqual(await gridKeys(page), ['1', '2', '3']);
    assert.equal(await page.getByTestId('quick-keys-count').textContent(), '3 / 20');

    await page.getByRole('button', { name: 'Yuqoriga: Suv 0,5 l' }).click();
    await gridShows(page, ['Non patir', 'Suv 0,5 l', 'Paket']);
    await page.getByRole('button', { name: 'Yuqoriga: Suv 0,5 l' }).click();
    await gridShows(page, ['Suv 0,5 l', 'Non patir', 'Paket']);
    await page.getByRole('button', { name: 'Pastga: Non patir' }).click();
    await gridShows(page, ['Suv 0,5 l', 'Paket', 'Non patir']);
    await page.getByRole('button', { name: 'Olib tashlash: Paket' }).click();
    await gridShows(page, ['Suv 0,5 l', 'Non patir']);
    // Nothing is saved until the owner says so.
    assert.deepEqual(await savedKeys(), []);

    await page.getByRole('button', { name: 'Tezkor tugmalarni saqlash' }).click();
    await page.getByText('Tezkor tugmalar saqlandi').waitFor();
    assert.deepEqual(await savedKeys(), [water.id, bread.id]);

    await page.reload();
    await page.getByRole('heading', { name: 'Sozlamalar' }).waitFor();
    await gridShows(page, ['Suv 0,5 l', 'Non patir']);
    assert.deepEqual(await gridKeys(page), ['1', '2']);
  });

  it('works on a phone: the grid as cards, reordered and saved, in Russian too', async () => {
    const page = await panel.ownerOn({ email: shop.ownerEmail, password: OWNER_PASSWORD }, 'Sozlamalar', {
      width: 390,
      height: 844,
    });
    await gridShows(page, ['Suv 0,5 l', 'Non patir']);
    assert.equal(await page.getByTestId('quick-keys').locator('table').count(), 0, 'no table on a phone');
    await page.getByRole('searchbox', { name: 'Mahsulot qidirish' }).fill('Paket');
    await page.getByRole('button', { name: 'Qo‘shish: Paket' }).click();
    await page.getByRole('button', { name: 'Pastga: Suv 0,5 l' }).click();
    await gridShows(page, ['Non patir', 'Suv 0,5 l', 'Paket']);
    const width = await page.evaluate<number>('document.scrollingElement.scrollWidth');
    assert.ok(width <= 390, `the page scrolls sideways: ${width}px`);
    await page.getByRole('button', { name: 'Tezkor tugmalarni saqlash' }).click();
    await page.getByText('Tezkor tugmalar saqlandi').waitFor();
    assert.deepEqual(await savedKeys(), [bread.id, water.id, bag.id]);

    // The owner's language is theirs, kept by the server: Russian from the next login.
    await panel.t.db.knex('users').where({ tenant_id: shop.tenantId, role: 'owner' }).update({ lang: 'ru' });
    const ru = await panel.newPage({ width: 390, height: 844 });
    await ru.getByRole('textbox', { name: 'Email' }).fill(shop.ownerEmail);
    await ru.locator('input[autocomplete="current-password"]').fill(OWNER_PASSWORD);
    await ru.getByRole('button', { name: 'Kirish', exact: true }).click();
    await ru.getByTestId('licence').waitFor();
    await ru.goto(new URL('/admin/settings', ru.url()).toString());
    await ru.getByRole('heading', { name: 'Быстрые клавиши' }).waitFor();
    await gridShows(ru, ['Non patir', 'Suv 0,5 l', 'Paket']);
    await ru.getByRole('button', { name: 'Убрать: Paket' }).click();
    await ru.getByRole('button', { name: 'Сохранить быстрые клавиши' }).click();
    await ru.getByText('Быстрые клавиши сохранены').waitFor();
    assert.deepEqual(await savedKeys(), [bread.id, water.id]);
  });

  it('marks a product taken off sale since it was put on a key, and saves once it is removed', async () => {
    await panel.t.db.knex('users').where({ tenant_id: shop.tenantId, role: 'owner' }).update({ lang: 'uz' });
    await panel.t.http
      .delete(`/products/${water.id}`)
      .set(...bearer(shop.ownerToken))
      .expect(200);
    const page = await panel.ownerOn({ email: shop.ownerEmail, password: OWNER_PASSWORD }, 'Sozlamalar');
    await page.getByTestId(`quick-key-${water.sku}`).getByText('sotuvda emas').waitFor();
    assert.equal(await page.getByTestId(`quick-key-${bread.sku}`).getByText('sotuvda emas').count(), 0);
    await page.getByRole('button', { name: 'Olib tashlash: Suv 0,5 l' }).click();
    await gridShows(page, ['Non patir']);
    await page.getByRole('button', { name: 'Tezkor tugmalarni saqlash' }).click();
    await page.getByText('Tezkor tugmalar saqlandi').waitFor();
    assert.deepEqual(await savedKeys(), [bread.id]);
  });
});
