import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { newId } from '../../src/common/ids.js';
import type { Lang } from '../../src/common/i18n/index.js';
import { activatedLongAgo, bearer, bootstrapTenant, type BootstrappedTenant } from '../helpers/app.js';
import { createProduct, nextEan13 } from '../helpers/catalog.js';
import { activateFirstDevice, push, saleEvent, shiftOpenedEvent } from '../helpers/sync.js';
import { BROWSER_DIALECT, panelSuite, textOf, waitForText } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const OWNER_PASSWORD = 'owner-pass-1';
const SKU = 'CHOY-KOK-1';

/** What an owner reads in each language: the panel's words, written out here rather than read from its tables. */
const words: Record<
  Lang,
  {
    nav: Record<'registers' | 'catalog' | 'stock' | 'people' | 'reports', string>;
    tabs: Record<'sales' | 'shifts' | 'audit' | 'fiscal', string>;
    som: string;
    /** Spellings of the currency that must not appear on a screen in this language. */
    otherSpellings: readonly string[];
    storeTime: string;
    revoke: string;
    noSales: string;
    network: string;
    retry: string;
    askClose: string;
    closeAnyway: string;
    done: string;
  }
> = {
  uz: {
    nav: {
      registers: 'Kassalar',
      catalog: 'Mahsulotlar',
      stock: 'Ombor',
      people: 'Xodimlar',
      reports: 'Hisobotlar',
    },
    tabs: {
      sales: 'Sotuvlar',
      shifts: 'Smenalar (Z-hisobot)',
      audit: 'Kassa jurnali',
      fiscal: 'Fiskal cheklar',
    },
    som: 'so‘m',
    otherSpellings: ['сум', "so'm", 'SO‘M', 'UZS'],
    storeTime: 'Vaqtlar Toshkent vaqti bilan (UTC+5)',
    revoke: 'Kassani o‘chirish',
    noSales: 'Bu davrda sotuv yo‘q.',
    network: 'Serverga ulanib bo‘lmadi.',
    retry: 'Qayta urinish',
    askClose: 'Kalitni nusxaladingizmi? Oyna yopilgach, uni qayta ko‘rib bo‘lmaydi.',
    closeAnyway: 'Ha, yopish',
    done: 'Tayyor',
  },
  ru: {
    nav: { registers: 'Кассы', catalog: 'Товары', stock: 'Склад', people: 'Сотрудники', reports: 'Отчёты' },
    tabs: { sales: 'Продажи', shifts: 'Смены (Z-отчёты)', audit: 'Журнал касс', fiscal: 'Фискальные чеки' },
    som: 'сум',
    otherSpellings: ['so‘m', "so'm", 'SO‘M', 'UZS'],
    storeTime: 'Время ташкентское (UTC+5)',
    revoke: 'Отключить кассу',
    noSales: 'За этот период продаж нет.',
    network: 'Сервер недоступен.',
    retry: 'Повторить',
    askClose: 'Вы скопировали ключ? После закрытия окна его больше не увидеть.',
    closeAnyway: 'Да, закрыть',
    done: 'Готово',
  },
  en: {
    nav: {
      registers: 'Registers',
      catalog: 'Products',
      stock: 'Stock',
      people: 'People',
      reports: 'Reports',
    },
    tabs: { sales: 'Sales', shifts: 'Shifts (Z-reports)', audit: 'Register log', fiscal: 'Fiscal receipts' },
    som: 'UZS',
    otherSpellings: ['сум', "so'm", 'so‘m', 'SO‘M'],
    storeTime: 'Times are Tashkent time (UTC+5)',
    revoke: 'Revoke register',
    noSales: 'No sales in this period.',
    network: 'Cannot reach the server.',
    retry: 'Try again',
    askClose: 'Did you copy the key? Once this window closes it cannot be shown again.',
    closeAnyway: 'Yes, close',
    done: 'Done',
  },
};

const LANGS: readonly Lang[] = ['uz', 'ru', 'en'];

/** The store's wall clock (UTC+5, no daylight saving) as dd.mm.yyyy hh:mm, computed apart from the panel. */
function tashkent(ms: number): string {
  const [date, time] = new Date(ms + 5 * 3600_000).toISOString().split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y} ${time.slice(0, 5)}`;
}

/** Nothing wider than the screen: the page never scrolls sideways. */
async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    // A string: the test tsconfig has no DOM types.
    '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  assert.ok(
    scrollWidth <= innerWidth,
    `${where}: the page is ${scrollWidth}px wide on a ${innerWidth}px screen`,
  );
}

/** Every visible button lies within the screen's width, so each action is in reach without scrolling. */
async function assertButtonsOnScreen(page: Page, where: string): Promise<void> {
  const outside = await page.evaluate<string[]>(`[...document.querySelectorAll('button')]
    .filter((b) => b.offsetParent !== null && !b.closest('nav'))
    .filter((b) => { const r = b.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth); })
    .map((b) => b.textContent)`);
  assert.deepEqual(outside, [], `${where}: buttons off the screen`);
}

/** The currency is spelled one way in the page's language. */
async function assertOneSpelling(page: Page, lang: Lang, where: string): Promise<void> {
  const text = await page.evaluate<string>('document.body.innerText');
  for (const other of words[lang].otherSpellings)
    assert.ok(!text.includes(other), `${where}: "${other}" on a ${lang} screen`);
}

interface Shop {
  tenant: BootstrappedTenant;
  shiftOpenedAt: number;
}

// The screens' layout does not depend on the database; SQLite keeps this sweep of 3 languages × 2 sizes short.
describe('the panel on a phone and a desktop, in three languages [sqlite]', function () {
  this.timeout(180_000);
  const suite = panelSuite(BROWSER_DIALECT, 'phone');
  let shop: Shop;

  /** A shop with a register, a cashier, a product, one sale and a closed shift 500 so‘m short. */
  before(async function () {
    const t = suite.t;
    const tenant = await bootstrapTenant(t, { tenantName: 'Telefon do‘koni', maxDevices: 2 });
    const device = await activateFirstDevice(t, tenant);
    // The shift opened ten minutes ago: the register counts as activated before that.
    await activatedLongAgo(t, tenant.tenantId, 1);
    const cashier = await t.http
      .post('/users')
      .set(...bearer(tenant.ownerToken))
      .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
      .expect(201);
    const cashierId = cashier.body.user.id as string;
    const product = await createProduct(t, tenant.ownerToken, {
      sku: SKU,
      name: 'Ko‘k choy 100 g, Samarqand choy qadoqlash fabrikasi',
    });
    const shiftId = newId();
    const shiftOpenedAt = Date.now() - 10 * 60_000;
    const opened = {
      ...shiftOpenedEvent(shiftId, cashierId),
      occurredAt: new Date(shiftOpenedAt).toISOString(),
    };
    const sale = saleEvent([product.id], { shiftId, cashierId });
    const voided = {
      id: newId(),
      type: 'audit.recorded',
      occurredAt: new Date().toISOString(),
      data: { kind: 'line.voided', shiftId, cashierId, amount: 1_000_00, detail: { sku: SKU } },
    };
    // Opening 100 000 + the 1 000 cash sale = 101 000 expected; 100 500 counted.
    const closed = {
      id: newId(),
      type: 'shift.closed',
      occurredAt: new Date().toISOString(),
      data: { shiftId, countedCash: 100_500_00 },
    };
    const res = await push(t, device, [opened, sale, voided, closed]).expect(200);
    assert.deepEqual(
      res.body.results.map((r: { status: string }) => r.status),
      ['applied', 'applied', 'applied', 'applied'],
    );
    shop = { tenant, shiftOpenedAt };
  });

  /** The owner, whose chosen language is `lang`, logged in on a browser of that size in New York. */
  async function ownerIn(lang: Lang, viewport: { width: number; height: number }): Promise<Page> {
    await suite.t.db.knex('users').where({ tenant_id: shop.tenant.tenantId, role: 'owner' }).update({ lang });
    const page = await suite.newPage(viewport, 'America/New_York');
    await page.getByRole('textbox', { name: 'Email' }).fill(shop.tenant.ownerEmail);
    await page.locator('input[autocomplete="current-password"]').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Kirish', exact: true }).click();
    await page.getByRole('heading', { name: words[lang].nav.registers }).waitFor();
    return page;
  }

  async function open(page: Page, path: string, heading: string): Promise<void> {
    // As the menu's links do: the router follows the address without reloading the page (a reload per screen
    // would only measure Chromium compiling the panel again).
    const target = JSON.stringify(`/admin/${path}`);
    await page.evaluate(`history.pushState({}, '', ${target}); dispatchEvent(new PopStateEvent('popstate'))`);
    await page.getByRole('heading', { name: heading }).waitFor();
  }

  for (const lang of LANGS) {
    for (const [size, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      it(`${lang}, ${size}: every list reads without sideways scrolling, in the store's time and one currency`, async () => {
        const w = words[lang];
        const page = await ownerIn(lang, viewport);
        const layout = size === 'phone' ? 'list-cards' : 'list-table';
        const check = async (where: string) => {
          await assertNoSidewaysScroll(page, `${lang} ${size} ${where}`);
          await assertOneSpelling(page, lang, `${lang} ${size} ${where}`);
          if (size === 'phone') await assertButtonsOnScreen(page, `${lang} ${size} ${where}`);
        };

        // Registers: the revoke action in unambiguous words, the times' zone named.
        const register = page.getByTestId('device-POS-01');
        await register.waitFor();
        assert.equal(
          await page.getByTestId(layout).count(),
          1,
          'registers as cards on a phone, a table on a desktop',
        );
        await register.getByRole('button', { name: w.revoke }).waitFor();
        assert.equal(await textOf(page.getByTestId('store-time')), w.storeTime);
        await check('registers');

        await open(page, 'catalog', w.nav.catalog);
        const product = page.getByTestId(`product-${SKU}`);
        assert.equal(await textOf(product.getByTestId('product-price')), `1 000 ${w.som}`);
        assert.equal(await page.getByTestId(layout).count(), 1);
        await check('catalog');

        await open(page, 'stock', w.nav.stock);
        await page.getByTestId(`stock-${SKU}`).getByTestId('stock-level').waitFor();
        assert.equal(await page.getByTestId(layout).count(), 1);
        await check('stock');

        await open(page, 'people', w.nav.people);
        await page.getByTestId('person-Dilnoza').waitFor();
        assert.equal(await page.getByTestId(layout).count(), 1);
        await check('people');

        await open(page, 'reports', w.nav.reports);
        await waitForText(page.getByTestId('total-net'), `1 000 ${w.som}`);
        await waitForText(page.getByTestId('sales-totals').getByTestId('cell-net'), `1 000 ${w.som}`);
        assert.equal(await textOf(page.getByTestId('store-time')), w.storeTime);
        await check('sales report');

        await page.getByRole('tab', { name: w.tabs.shifts }).click();
        const shift = page.getByTestId('shifts-table').getByTestId(/^shift-/);
        const difference = shift.getByTestId('cell-difference');
        await waitForText(difference, `-500 ${w.som}`);
        // The browser is in New York; the shift opened at this Tashkent wall-clock time.
        assert.equal(await textOf(shift.getByTestId('cell-opened')), tashkent(shop.shiftOpenedAt));
        const box = await difference.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, 'the difference is in view');
        await check('shifts report');

        await page.getByRole('tab', { name: w.tabs.audit }).click();
        await page.getByTestId('audit-row').first().waitFor();
        await check('register log');

        await page.getByRole('tab', { name: w.tabs.fiscal }).click();
        await page
          .getByTestId('receipts-table')
          .getByTestId(/^receipt-/)
          .waitFor();
        await check('fiscal receipts');
      });
    }

    it(`${lang}, phone: an empty period's chart says there were no sales`, async () => {
      const t = suite.t;
      const empty = await bootstrapTenant(t, { tenantName: `Bo‘sh do‘kon ${lang}` });
      await t.db.knex('users').where({ tenant_id: empty.tenantId, role: 'owner' }).update({ lang });
      const page = await suite.newPage(PHONE);
      await page.getByRole('textbox', { name: 'Email' }).fill(empty.ownerEmail);
      await page.locator('input[autocomplete="current-password"]').fill(OWNER_PASSWORD);
      await page.getByRole('button', { name: 'Kirish', exact: true }).click();
      await page.getByRole('heading', { name: words[lang].nav.registers }).waitFor();
      await open(page, 'reports', words[lang].nav.reports);
      assert.equal(await textOf(page.getByTestId('chart-empty')), words[lang].noSales);
      assert.equal(await page.locator('.recharts-wrapper').count(), 0, 'no axis of zeros');
      await assertNoSidewaysScroll(page, `${lang} empty reports`);
    });
  }

  it('uz, phone: a network error keeps the heading and offers a retry that loads the list', async () => {
    const page = await ownerIn('uz', PHONE);
    await page.route('**/products?*', (route) => route.abort('internetdisconnected'));
    await open(page, 'catalog', words.uz.nav.catalog);
    assert.equal(await textOf(page.getByTestId('error')), words.uz.network);
    await page.unroute('**/products?*');
    await page.getByRole('button', { name: words.uz.retry }).click();
    await page.getByTestId(`product-${SKU}`).waitFor();
    assert.equal(await page.getByTestId('error').count(), 0);
    await assertNoSidewaysScroll(page, 'catalog after retry');
  });

  it('ru, desktop: the registers page keeps its heading on a network error and retries', async () => {
    const page = await ownerIn('ru', DESKTOP);
    await page.route('**/devices', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByRole('heading', { name: words.ru.nav.registers }).waitFor();
    assert.equal(await textOf(page.getByTestId('error')), words.ru.network);
    await page.unroute('**/devices');
    await page.getByRole('button', { name: words.ru.retry }).click();
    await page.getByTestId('device-POS-01').waitFor();
  });

  for (const [lang, viewport] of [
    ['en', PHONE],
    ['ru', DESKTOP],
  ] as const) {
    it(`${lang}: the new register's key dialog asks before closing an uncopied key, not after a copy`, async () => {
      const w = words[lang];
      const page = await ownerIn(lang, viewport);
      await page.getByRole('button', { name: lang === 'en' ? 'Add register' : 'Добавить кассу' }).click();
      const key = page.getByTestId('device-key');
      await key.waitFor();
      await assertNoSidewaysScroll(page, `${lang} key dialog`);
      await page.keyboard.press('Escape');
      assert.equal(await textOf(page.getByTestId('key-ask-close').getByText(w.askClose)), w.askClose);
      await key.waitFor();
      await page.getByTestId('key-ask-close').getByRole('button').first().click();
      await page.getByRole('button', { name: w.done }).click();
      await page.getByRole('button', { name: w.closeAnyway }).waitFor();
      assert.ok(await key.isVisible(), 'the key stays until the owner says so');
      // Once copied, Done closes at once.
      await page
        .getByRole('dialog')
        .getByRole('button', { name: lang === 'en' ? 'Copy' : 'Копировать' })
        .first()
        .click();
      await page.getByRole('button', { name: w.done }).click();
      await key.waitFor({ state: 'detached' });
      // Back to one register for the next test.
      const added = await suite.t.db
        .knex('devices')
        .where({ tenant_id: shop.tenant.tenantId, status: 'pending' })
        .select('id');
      for (const { id } of added)
        await suite.t.http
          .post(`/devices/${id}/revoke`)
          .set(...bearer(shop.tenant.ownerToken))
          .expect(200);
    });
  }

  it('uz, desktop: SKU search ignores case and finds SKU and barcode prefixes', async () => {
    const t = suite.t;
    const code = nextEan13();
    await createProduct(t, shop.tenant.ownerToken, {
      sku: 'NON-PATIR-7',
      name: 'Patir non',
      barcodes: [code],
    });
    const page = await ownerIn('uz', DESKTOP);
    await open(page, 'catalog', words.uz.nav.catalog);
    const search = page.getByRole('searchbox', { name: 'Qidirish' });
    // The rows' test ids, read one by one (the test tsconfig has no DOM types for evaluateAll).
    const shown = async () => {
      const rows = page.getByTestId('list-table').locator('tbody tr');
      const ids: string[] = [];
      for (let i = 0; i < (await rows.count()); i++)
        ids.push((await rows.nth(i).getAttribute('data-testid')) ?? '');
      return ids.sort();
    };
    for (const typed of ['non-pat', 'Non-Patir-7', code.slice(0, 8)]) {
      await search.fill(typed);
      await page.getByTestId('product-NON-PATIR-7').waitFor();
      await page.getByTestId(`product-${SKU}`).waitFor({ state: 'detached' });
      assert.deepEqual(await shown(), ['product-NON-PATIR-7'], `search ${typed}`);
    }
    await search.fill('choy-kok');
    await page.getByTestId(`product-${SKU}`).waitFor();
  });

  it('has a favicon the browser can draw', async () => {
    const page = await suite.newPage(PHONE);
    const width = await page.evaluate<number>(`new Promise((resolve) => {
      const link = document.querySelector('link[rel="icon"]');
      if (!link) return resolve(0);
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve(0);
      img.src = link.href;
    })`);
    assert.ok(width > 0, 'the icon loads');
  });
});
