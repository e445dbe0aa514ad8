import assert from 'node:assert/strict';
import { bearer, bootstrapTenant, type BootstrappedTenant } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { BROWSER_DIALECT, panelSuite, waitForText } from './browser.js';

const OWNER_PASSWORD = 'owner-pass-1';

for (const dialect of [BROWSER_DIALECT]) {
  describe(`admin panel settings and the stock filter in Chromium [${dialect}]`, function () {
    this.timeout(60_000);
    const panel = panelSuite(dialect, 'admin-settings');
    let shop: BootstrappedTenant;
    before(async () => {
      shop = await bootstrapTenant(panel.t, { tenantName: 'Yunusobod Savdo' });
    });
    const ownerOn = (menu: string, viewport?: { width: number; height: number }) =>
      panel.ownerOn({ email: shop.ownerEmail, password: OWNER_PASSWORD }, menu, viewport);

    it('the owner sets cash rounding to 100 so‘m and the discount limit; they stay after a reload', async () => {
      const before = (
        await panel.t.http
          .get('/settings')
          .set(...bearer(shop.ownerToken))
          .expect(200)
      ).body.settings;
      assert.equal(before.cashRounding, 0);
      const page = await ownerOn('Sozlamalar');
      const limit = page.getByRole('textbox', { name: 'Kassir chegirmasi chegarasi' });
      assert.equal(await limit.inputValue(), '10');
      await page.getByRole('radio', { name: '100 so‘m' }).check();
      await limit.fill('150');
      await page.getByRole('button', { name: 'Saqlash', exact: true }).click();
      await page.getByText('0 dan 100 gacha foiz, masalan 12').waitFor();
      await limit.fill('7,5');
      await page.getByRole('button', { name: 'Saqlash', exact: true }).click();
      await page.getByText('Sozlamalar saqlandi').waitFor();

      await page.reload();
      await page.getByRole('heading', { name: 'Sozlamalar' }).waitFor();
      await waitForText(page.getByTestId('settings-store'), before.storeName);
      assert.equal(
        await page.getByRole('textbox', { name: 'Kassir chegirmasi chegarasi' }).inputValue(),
        '7.5',
      );
      assert.equal(await page.getByRole('radio', { name: '100 so‘m' }).isChecked(), true);
      assert.equal(await page.getByRole('radio', { name: 'Yo‘q' }).isChecked(), false);

      const after = (
        await panel.t.http
          .get('/settings')
          .set(...bearer(shop.ownerToken))
          .expect(200)
      ).body.settings;
      assert.deepEqual(after, { ...before, cashRounding: 10_000, maxCashierDiscount: 750 });
    });

    it('the owner sets how many days of sales registers keep; out of range is refused under the field', async () => {
      const page = await ownerOn('Sozlamalar');
      const days = page.getByRole('textbox', { name: 'Kassada saqlanadigan savdolar' });
      assert.equal(await days.inputValue(), '90');
      await days.fill('5');
      await page.getByRole('button', { name: 'Saqlash', exact: true }).click();
      await page.getByText('7 dan 3650 gacha butun kun').waitFor();
      await days.fill('30');
      await page.getByRole('button', { name: 'Saqlash', exact: true }).click();
      await page.getByText('Sozlamalar saqlandi').waitFor();
      const saved = (
        await panel.t.http
          .get('/settings')
          .set(...bearer(shop.ownerToken))
          .expect(200)
      ).body.settings;
      assert.equal(saved.registerKeepDays, 30);
    });

    it('the stock filter lists only the negative product', async () => {
      const sold = await createProduct(panel.t, shop.ownerToken, { name: 'Qaymoq 200 g' });
      const plenty = await createProduct(panel.t, shop.ownerToken, { name: 'Qatiq 1 l' });
      const low = await createProduct(panel.t, shop.ownerToken, { name: 'Qand 1 kg' });
      for (const [product, countedQty] of [
        [sold, -2_000],
        [plenty, 40_000],
        [low, 1_000],
      ] as const) {
        await panel.t.http
          .post('/stock/adjustments')
          .set(...bearer(shop.ownerToken))
          .send({ productId: product.id, countedQty, reason: 'sanoq' })
          .expect(201);
      }
      const page = await ownerOn('Ombor');
      const rows = page.locator('tr[data-state]');
      await page.getByTestId(`stock-${plenty.sku}`).waitFor();

      await page.getByText('Faqat minusdagilar').click();
      await page.getByTestId(`stock-${plenty.sku}`).waitFor({ state: 'detached' });
      await page.getByTestId(`stock-${sold.sku}`).waitFor();
      assert.equal(await rows.count(), 1);
      assert.equal(await page.getByTestId(`stock-${sold.sku}`).getAttribute('data-state'), 'negative');

      await page.getByText('Faqat kam qolganlar').click();
      await page.getByTestId(`stock-${low.sku}`).waitFor();
      await page.getByTestId(`stock-${sold.sku}`).waitFor({ state: 'detached' });
      assert.equal(await rows.count(), 1);
      assert.equal(await page.getByTestId(`stock-${low.sku}`).getAttribute('data-state'), 'low');
    });
  });
}
