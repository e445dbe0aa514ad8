import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Lang } from '../../src/common/i18n/index.js';
import {
  bearer,
  bootstrapTenant,
  SUPERADMIN,
  superadminToken,
  type BootstrappedTenant,
} from '../helpers/app.js';
import { createProduct, nextEan13 } from '../helpers/catalog.js';
import { BROWSER_DIALECT, panelSuite, textOf } from './browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const OWNER_PASSWORD = 'owner-pass-1';

/** What an owner reads in each language, copied from src/admin/i18n and src/common (validation-text, i18n). */
const words: Record<
  Lang,
  {
    switchLabel: string;
    logIn: string;
    registers: string;
    catalog: string;
    addProduct: string;
    newProduct: string;
    priceLabel: string;
    skuLabel: string;
    nameLabel: string;
    tooLong: string;
    skuTaken: (sku: string) => string;
    save: string;
    priceProblem: string;
    importButton: string;
    importTitle: string;
    upload: string;
    close: string;
    another: string;
    badQuote: (line: number) => string;
    imported: (n: number) => string;
    updated: (n: number) => string;
    unchanged: (n: number) => string;
    rejected: (n: number) => string;
    wrongCheckDigit: string;
    rateLimited: string;
    tenants: string;
    search: string;
    askedTimes: (n: number, at: string) => string;
    history: string;
    historyTitle: (name: string) => string;
  }
> = {
  uz: {
    switchLabel: 'O‘zb',
    logIn: 'Kirish',
    registers: 'Kassalar',
    catalog: 'Mahsulotlar',
    addProduct: 'Mahsulot qo‘shish',
    newProduct: 'Yangi mahsulot',
    priceLabel: 'Narxi (so‘m)',
    skuLabel: 'Artikul',
    nameLabel: 'Nomi',
    tooLong: 'Juda uzun',
    skuTaken: (sku) => `${sku} artikuli boshqa mahsulotda bor.`,
    save: 'Saqlash',
    priceProblem: 'Narxni so‘mda yozing, masalan 12500 yoki 12500,50',
    importButton: 'CSV import',
    importTitle: 'Narxlar ro‘yxatini import qilish (CSV)',
    upload: 'Yuklash',
    close: 'Yopish',
    another: 'Boshqa fayl',
    badQuote: (line) =>
      `Ma’lumot noto‘g‘ri: CSV fayl — ${line}-qatorda qo‘shtirnoq noto‘g‘ri yoki yopilmagan`,
    imported: (n) => `Yangi: ${n}`,
    updated: (n) => `Yangilangan: ${n}`,
    unchanged: (n) => `O‘zgarmagan: ${n}`,
    rejected: (n) => `Rad etilgan: ${n}`,
    wrongCheckDigit: 'shtrix-kod: nazorat raqami noto‘g‘ri',
    rateLimited: 'Urinishlar juda ko‘p. Birozdan keyin qayta urinib ko‘ring.',
    tenants: 'Mijozlar',
    search: 'Qidirish',
    askedTimes: (n, at) => `${n} marta, oxirgisi ${at}`,
    history: 'Tarix',
    historyTitle: (name) => `${name}: litsenziya tarixi`,
  },
  ru: {
    switchLabel: 'Рус',
    logIn: 'Войти',
    registers: 'Кассы',
    catalog: 'Товары',
    addProduct: 'Добавить товар',
    newProduct: 'Новый товар',
    priceLabel: 'Цена (сум)',
    skuLabel: 'Артикул',
    nameLabel: 'Название',
    tooLong: 'Слишком длинно',
    skuTaken: (sku) => `Артикул ${sku} уже есть у другого товара.`,
    save: 'Сохранить',
    priceProblem: 'Цена в сумах, например 12500 или 12500,50',
    importButton: 'Импорт CSV',
    importTitle: 'Импорт прайс-листа (CSV)',
    upload: 'Загрузить',
    close: 'Закрыть',
    another: 'Другой файл',
    badQuote: (line) =>
      `Неверные данные: CSV-файл — в строке ${line} кавычка не закрыта или стоит не на месте`,
    imported: (n) => `Новых: ${n}`,
    updated: (n) => `Обновлено: ${n}`,
    unchanged: (n) => `Без изменений: ${n}`,
    rejected: (n) => `Отклонено: ${n}`,
    wrongCheckDigit: 'штрихкод: неверная контрольная цифра',
    rateLimited: 'Слишком много попыток. Повторите позже.',
    tenants: 'Клиенты',
    search: 'Поиск',
    askedTimes: (n, at) => `запросов: ${n}, последний ${at}`,
    history: 'История',
    historyTitle: (name) => `${name}: история лицензии`,
  },
  en: {
    switchLabel: 'Eng',
    logIn: 'Log in',
    registers: 'Registers',
    catalog: 'Products',
    addProduct: 'Add product',
    newProduct: 'New product',
    priceLabel: 'Price (UZS)',
    skuLabel: 'SKU',
    nameLabel: 'Name',
    tooLong: 'Too long',
    skuTaken: (sku) => `Another product already has SKU ${sku}.`,
    save: 'Save',
    priceProblem: 'Price in UZS, e.g. 12500 or 12500.50',
    importButton: 'Import CSV',
    importTitle: 'Import a price list (CSV)',
    upload: 'Upload',
    close: 'Close',
    another: 'Another file',
    badQuote: (line) => `Invalid data: CSV file — a quote is not closed or misplaced on line ${line}`,
    imported: (n) => `New: ${n}`,
    updated: (n) => `Updated: ${n}`,
    unchanged: (n) => `Unchanged: ${n}`,
    rejected: (n) => `Rejected: ${n}`,
    wrongCheckDigit: 'barcode: wrong check digit',
    rateLimited: 'Too many attempts. Try again later.',
    tenants: 'Tenants',
    search: 'Search',
    askedTimes: (n, at) => `${n} times, last on ${at}`,
    history: 'History',
    historyTitle: (name) => `${name}: licence history`,
  },
};

const LANGS: readonly Lang[] = ['uz', 'ru', 'en'];

/** English words that leaked from the parser or zod into a translated sentence. */
const ENGLISH = /\b(expected|invalid|too|string|wrong|check|digit|barcode|price|line|characters?)\b/i;

/** The store's wall clock (UTC+5, no daylight saving) as dd.mm.yyyy hh:mm, computed apart from the panel. */
function tashkent(iso: string): string {
  const [date, time] = new Date(Date.parse(iso) + 5 * 3600_000).toISOString().split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y} ${time.slice(0, 5)}`;
}

function wrongCheckDigit(code: string): string {
  return code.slice(0, 12) + String((Number(code[12]) + 1) % 10);
}

// The panel's words do not depend on the database: SQLite keeps three languages short.
describe('the panel speaks the user’s language: validation, CSV import, tenants, login limit [sqlite]', function () {
  this.timeout(180_000);
  const suite = panelSuite(BROWSER_DIALECT, 'languages');
  let shop: BootstrappedTenant;

  before(async function () {
    shop = await bootstrapTenant(suite.t, { tenantName: 'Til do‘koni' });
  });

  /** The owner, whose chosen language is `lang`, logged in and on the products screen. */
  async function ownerOnCatalog(lang: Lang, viewport: { width: number; height: number }): Promise<Page> {
    await suite.t.db.knex('users').where({ tenant_id: shop.tenantId, role: 'owner' }).update({ lang });
    const page = await suite.newPage(viewport);
    await page.getByRole('textbox', { name: 'Email' }).fill(shop.ownerEmail);
    await page.locator('input[autocomplete="current-password"]').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Kirish', exact: true }).click();
    await page.getByRole('heading', { name: words[lang].registers }).waitFor();
    await page.goto(new URL('/admin/catalog', page.url()).toString());
    await page.getByRole('heading', { name: words[lang].catalog }).waitFor();
    return page;
  }

  for (const lang of LANGS) {
    const w = words[lang];
    // Sizes alternate across languages, so each point is seen on a phone and on a desktop.
    const [formSize, csvSize] =
      lang === 'ru' ? (['desktop', 'phone'] as const) : (['phone', 'desktop'] as const);
    const sizes = { phone: PHONE, desktop: DESKTOP };

    it(`${lang}, ${formSize}: the product form's refusals under their fields in ${lang}, the panel's and the server's`, async () => {
      const taken = await createProduct(suite.t, shop.ownerToken);
      const page = await ownerOnCatalog(lang, sizes[formSize]);
      await page.getByRole('button', { name: w.addProduct }).click();
      const dialog = page.getByRole('dialog', { name: w.newProduct });
      const sku = dialog.getByRole('textbox', { name: w.skuLabel });
      const name = dialog.getByRole('textbox', { name: w.nameLabel });
      const price = dialog.getByRole('textbox', { name: w.priceLabel });
      await sku.fill(taken.sku);
      await name.fill('Choy '.repeat(60));
      await price.fill('abc');
      await dialog.getByRole('button', { name: w.save }).click();
      assert.equal(await textOf(dialog.getByText(w.priceProblem, { exact: true })), w.priceProblem);
      assert.equal(await textOf(dialog.getByText(w.tooLong, { exact: true })), w.tooLong);

      // Valid in the browser; the server refuses the SKU another product holds, and says so under the SKU field.
      await name.fill('Qora choy');
      await price.fill('12500');
      await dialog.getByRole('button', { name: w.save }).click();
      const refusal = w.skuTaken(taken.sku);
      assert.equal(await textOf(dialog.getByText(refusal, { exact: true })), refusal);
      assert.equal(await sku.getAttribute('aria-invalid'), 'true');
      const rows = await suite.t.db.knex('products').where({ tenant_id: shop.tenantId, name: 'Qora choy' });
      assert.deepEqual(rows, []);
    });

    it(`${lang}, ${csvSize}: a CSV line's reason and a bad quote's in ${lang}; a re-import counts lines unchanged and changes nothing`, async () => {
      const page = await ownerOnCatalog(lang, sizes[csvSize]);
      const file = [
        'sku,name,barcode,price,unit,vatRate,mxik',
        `LANG-${lang}-1,Shakar 1 kg,${nextEan13()},14500,kg,12,`,
        `LANG-${lang}-2,Tuz,${wrongCheckDigit(nextEan13())},3000,,,`,
        `LANG-${lang}-3,Un 2 kg,,21000,pcs,,`,
        '',
      ].join('\n');
      const upload = async () => {
        await page.getByRole('button', { name: w.importButton }).click();
        const dialog = page.getByRole('dialog', { name: w.importTitle });
        await dialog.locator('input[type="file"]').setInputFiles({
          name: 'prices.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(file),
        });
        await dialog.getByRole('button', { name: w.upload }).click();
        await dialog.getByTestId('import-result').waitFor();
        return dialog;
      };
      const products = () =>
        suite.t.db
          .knex('products')
          .where({ tenant_id: shop.tenantId })
          .where('sku', 'like', `LANG-${lang}-%`)
          .orderBy('sku');

      const first = await upload();
      assert.equal(await textOf(first.getByTestId('import-imported')), w.imported(2));
      assert.equal(await textOf(first.getByTestId('import-rejected')), w.rejected(1));
      const reason = await textOf(first.getByTestId('rejected-3').locator('td').nth(1));
      assert.equal(reason, w.wrongCheckDigit);
      if (lang !== 'en') assert.doesNotMatch(reason, ENGLISH);
      await first.getByRole('button', { name: w.close }).click();
      const before = await products();
      assert.deepEqual(
        before.map((p) => p.sku),
        [`LANG-${lang}-1`, `LANG-${lang}-3`],
      );

      const second = await upload();
      assert.equal(await textOf(second.getByTestId('import-imported')), w.imported(0));
      assert.equal(await textOf(second.getByTestId('import-updated')), w.updated(0));
      assert.equal(await textOf(second.getByTestId('import-unchanged')), w.unchanged(2));
      assert.equal(await textOf(second.getByTestId('import-rejected')), w.rejected(1));
      assert.deepEqual(await products(), before);

      // An unclosed quote refuses the file with one translated reason that names the line.
      await second.getByRole('button', { name: w.another }).click();
      await second.locator('input[type="file"]').setInputFiles({
        name: 'broken.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`sku,name,barcode,price,unit,vatRate,mxik\nLANG-${lang}-9,"Choy,,1000,,,\n`),
      });
      await second.getByRole('button', { name: w.upload }).click();
      const refused = await textOf(second.getByTestId('error'));
      assert.equal(refused, w.badQuote(2));
      if (lang !== 'en') assert.doesNotMatch(refused, ENGLISH);
      assert.deepEqual(await products(), before);
    });
  }

  for (const [lang, viewport] of [
    ['uz', DESKTOP],
    ['ru', PHONE],
    ['en', DESKTOP],
  ] as const) {
    it(`${lang}, ${viewport === PHONE ? 'phone' : 'desktop'}: the tenants screen tells how often a shop asked for more and shows the licence note`, async () => {
      const w = words[lang];
      const name = `Litsenziya ${lang}`;
      const note = `invoice 118-${lang}, 2 × $80`;
      const tenant = await bootstrapTenant(suite.t, { tenantName: name, maxDevices: 1 });
      // Two refused register adds: the limit is full with POS-01.
      for (let i = 0; i < 2; i++) {
        await suite.t.http
          .post('/devices')
          .set(...bearer(tenant.ownerToken))
          .send({})
          .expect(402);
      }
      const superToken = await superadminToken(suite.t);
      await suite.t.http
        .patch(`/tenants/${tenant.tenantId}/max-devices`)
        .set(...bearer(superToken))
        .send({ maxDevices: 2, note })
        .expect(200);
      const listed = await suite.t.http
        .get('/tenants')
        .query({ search: name })
        .set(...bearer(superToken))
        .expect(200);
      const item = listed.body.tenants.find((x: { id: string }) => x.id === tenant.tenantId);

      // The platform owner's chosen language, which the panel takes at login.
      await suite.t.db.knex('platform_users').where({ email: SUPERADMIN.email }).update({ lang });
      const page = await suite.newPage(viewport);
      await page.getByRole('textbox', { name: 'Email' }).fill(SUPERADMIN.email);
      await page.locator('input[autocomplete="current-password"]').fill(SUPERADMIN.password);
      await page.getByRole('button', { name: 'Kirish', exact: true }).click();
      await page.getByRole('heading', { name: w.tenants }).waitFor();
      await page.getByRole('searchbox', { name: w.search }).fill(name);
      const row = page.getByTestId(`tenant-${name}`);
      assert.equal(
        await textOf(row.getByTestId('tenant-asked')),
        w.askedTimes(2, tashkent(item.lastLimitHitAt)),
      );
      await row.getByRole('button', { name: w.history }).click();
      const entry = page.getByRole('dialog', { name: w.historyTitle(name) }).getByTestId('licence-entry');
      assert.equal(await textOf(entry.getByTestId('history-change')), '1 → 2');
      assert.equal(await textOf(entry.getByTestId('history-note')), note);
    });
  }

  // Last on purpose: the failure limiter also counts per client address, and every page here comes from 127.0.0.1.
  it('after too many failed logins the login screen says so in each language, on a phone and a desktop', async () => {
    for (let i = 0; i < suite.t.deps.config.rateLimit.maxFailures; i++) {
      await suite.t.http.post('/auth/login').send({ email: shop.ownerEmail, password: `guess-${i}` });
    }
    for (const [lang, viewport] of [
      ['uz', DESKTOP],
      ['ru', PHONE],
      ['en', DESKTOP],
    ] as const) {
      const w = words[lang];
      const page = await suite.newPage(viewport);
      await page.getByText(w.switchLabel, { exact: true }).click();
      await page.getByRole('textbox', { name: 'Email' }).fill(shop.ownerEmail);
      await page.locator('input[autocomplete="current-password"]').fill(OWNER_PASSWORD);
      await page.getByRole('button', { name: w.logIn, exact: true }).click();
      assert.equal(await textOf(page.getByTestId('error')), w.rateLimited);
    }
  });
});
