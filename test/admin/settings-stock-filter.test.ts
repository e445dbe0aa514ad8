import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { defaultPanelDir, panelBuilt } from '../../src/server/panel/routes.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { browserTestsEnabled, launchChromium, screenshotPages, waitForText } from './browser.js';

const OWNER_PASSWORD = 'owner-pass-1';

for (const dialect of testDialects()) {
  describe(`admin panel settings and the stock filter in Chromium [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let server: Server;
    let origin: string;
    let browser: Browser;
    let shop: BootstrappedTenant;
    const pages: Page[] = [];

    before(async function () {
      if (!browserTestsEnabled()) return this.skip();
      if (!panelBuilt(defaultPanelDir()))
        throw new Error('dist/admin is not built: run `npm run build` first');
      t = await testApp(dialect);
      server = await new Promise<Server>((resolve) => {
        const listening = t.app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      shop = await bootstrapTenant(t, { tenantName: 'Yunusobod Savdo' });
      browser = await launchChromium();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        await screenshotPages(pages, `admin-settings-${dialect}-${this.currentTest.title}`);
      }
    });

    after(async () => {
      await browser?.close();
      if (server) await new Promise((resolve) => server.close(resolve));
      await t?.close();
    });

    async function ownerOn(menu: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      pages.push(page);
      await page.goto(`${origin}/admin/`);
      await page.getByRole('textbox', { name: 'Email' }).fill(shop.ownerEmail);
      await page.locator('input[autocomplete="current-password"]').fill(OWNER_PASSWORD);
      await page.getByRole('button', { name: 'Kirish', exact: true }).click();
      await page.getByTestId('licence').waitFor();
      await page.getByRole('link', { name: menu }).click();
      await page.getByRole('heading', { name: menu }).waitFor();
      return page;
    }

    it('the owner sets cash rounding to 100 so‘m and the discount limit; they stay after a reload', async () => {
      const before = (
        await t.http
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
      await page.getByRole('button', { name: 'Saqlash' }).click();
      await page.getByText('0 dan 100 gacha foiz, masalan 12').waitFor();
      await limit.fill('7,5');
      await page.getByRole('button', { name: 'Saqlash' }).click();
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
        await t.http
          .get('/settings')
          .set(...bearer(shop.ownerToken))
          .expect(200)
      ).body.settings;
      assert.deepEqual(after, { ...before, cashRounding: 10_000, maxCashierDiscount: 750 });
    });

    it('the stock filter lists only the negative product', async () => {
      const sold = await createProduct(t, shop.ownerToken, { name: 'Qaymoq 200 g' });
      const plenty = await createProduct(t, shop.ownerToken, { name: 'Qatiq 1 l' });
      const low = await createProduct(t, shop.ownerToken, { name: 'Qand 1 kg' });
      for (const [product, countedQty] of [
        [sold, -2_000],
        [plenty, 40_000],
        [low, 1_000],
      ] as const) {
        await t.http
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
