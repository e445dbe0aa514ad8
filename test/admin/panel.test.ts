import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultPanelDir, panelBuilt } from '../../src/server/panel/routes.js';
import {
  bearer,
  bootstrapTenant,
  SUPERADMIN,
  superadminToken,
  testApp,
  type TestApp,
} from '../helpers/app.js';
import { activateFirstDevice, deviceStatusEvent, push } from '../helpers/sync.js';
import {
  BROWSER_DIALECT,
  browserTestsEnabled,
  launchChromium,
  PagePool,
  screenshotPages,
  textOf,
  waitForText,
} from './browser.js';

const OWNER_PASSWORD = 'owner-pass-1';
const LIMIT_UZ = 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.';
const LIMIT_RU = 'Лимит касс исчерпан. Купите дополнительную кассу.';

for (const dialect of [BROWSER_DIALECT]) {
  describe(`admin panel in Chromium [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let server: Server;
    let origin: string;
    let browser: Browser;
    /** Pages opened outside the pool (a context with a planted cookie). */
    const pages: Page[] = [];
    const pool = new PagePool(
      () => browser,
      () => origin,
    );

    before(async function () {
      if (!browserTestsEnabled()) return this.skip();
      if (!panelBuilt(defaultPanelDir()))
        throw new Error('dist/admin is not built: run `npm run build` first');
      t = await testApp(dialect);
      server = await new Promise<Server>((resolve) => {
        const listening = t.app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await superadminToken(t);
      browser = await launchChromium();
    });

    afterEach(async function () {
      const failed = this.currentTest?.state === 'failed';
      if (failed) {
        await screenshotPages([...pool.current, ...pages], `admin-${dialect}-${this.currentTest!.title}`);
      }
      await pool.release(failed);
    });

    after(async () => {
      await browser?.close();
      if (server) await new Promise((resolve) => server.close(resolve));
      await t?.close();
    });

    /**
     * A separate person (own cookies and localStorage; see PagePool). `keep`: the page belongs to the story that
     * runs across tests and is never handed on.
     */
    async function openPanel(
      viewport = { width: 1366, height: 768 },
      keep = false,
    ): Promise<{ page: Page; context: BrowserContext }> {
      const page = await pool.open(viewport, { keep });
      return { page, context: page.context() };
    }

    async function logIn(page: Page, email: string, password: string, submit = 'Kirish'): Promise<void> {
      await page.getByRole('textbox', { name: 'Email' }).fill(email);
      await page.locator('input[autocomplete="current-password"]').fill(password);
      await page.getByRole('button', { name: submit, exact: true }).click();
    }

    async function sessionCookie(context: BrowserContext) {
      return (await context.cookies(origin)).find((cookie) => cookie.name === 'posapp_session');
    }

    it('shows the server message for a wrong password', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Wrong Password Shop' });
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, 'not-the-password');
      assert.equal(await textOf(page.getByTestId('error')), 'Email yoki parol noto‘g‘ri.');
      assert.equal(page.url(), `${origin}/admin/login`);
    });

    // The licence story: these tests run in order and share the owner's and the platform owner's pages.
    let owner: Page;
    let ownerContext: BrowserContext;
    let platform: Page;

    it('the owner at the limit sees exactly the Uzbek limit message', async () => {
      const { ownerEmail } = await bootstrapTenant(t, { tenantName: 'Otabek Books', maxDevices: 1 });
      ({ page: owner, context: ownerContext } = await openPanel(undefined, true));
      await logIn(owner, ownerEmail, OWNER_PASSWORD);
      await waitForText(owner.getByTestId('licence'), '1 ta kassadan 1 tasi ishlatilgan');
      const cookie = await sessionCookie(ownerContext);
      assert.ok(cookie, 'the login set the session cookie');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(
        await owner.evaluate<string>('document.cookie'),
        '',
        'page scripts cannot read the session',
      );

      await owner.getByRole('button', { name: 'Kassa qo‘shish' }).click();
      assert.equal(await textOf(owner.getByTestId('error')), LIMIT_UZ);
    });

    it('the platform owner raises the limit to 3 on the tenants screen', async () => {
      ({ page: platform } = await openPanel(undefined, true));
      await logIn(platform, SUPERADMIN.email, SUPERADMIN.password);
      const row = platform.getByTestId('tenant-Otabek Books');
      await waitForText(row.getByTestId('tenant-seats'), '1 / 1');
      assert.match(
        await textOf(row.getByTestId('tenant-asked')),
        /^1 marta, oxirgisi \d\d\.\d\d\.\d{4} \d\d:\d\d/,
      );
      assert.match(await textOf(row.getByTestId('tenant-owner')), /@shop\.uz$/);
      await row.getByRole('button', { name: 'Limitni o‘zgartirish' }).click();
      await platform.getByRole('textbox', { name: 'Kassalar limiti' }).fill('3');
      await platform.getByRole('textbox', { name: 'Izoh (ixtiyoriy)' }).fill('118-hisob, 2 × $80');
      await platform.getByRole('button', { name: 'Saqlash' }).click();
      await waitForText(row.getByTestId('tenant-seats'), '1 / 3');
      await row.getByRole('button', { name: 'Tarix' }).click();
      const entry = platform.getByRole('dialog').getByTestId('licence-entry');
      assert.equal(await textOf(entry.getByTestId('history-change')), '1 → 3');
      assert.equal(await textOf(entry.getByTestId('history-note')), '118-hisob, 2 × $80');
      await platform.keyboard.press('Escape');
    });

    it('the tenants screen on a phone: cards, no sideways scroll, search and the limit action in reach', async () => {
      const { page } = await openPanel({ width: 390, height: 844 });
      await logIn(page, SUPERADMIN.email, SUPERADMIN.password);
      await page.getByTestId('list-cards').waitFor();
      await page.getByRole('searchbox', { name: 'Qidirish' }).fill('otabek');
      const card = page.getByTestId('tenant-Otabek Books');
      await waitForText(card.getByTestId('tenant-seats'), '1 / 3');
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
      const button = await card.getByRole('button', { name: 'Limitni o‘zgartirish' }).boundingBox();
      assert.ok(button && button.x >= 0 && button.x + button.width <= 390, 'the action is on screen');
    });

    it('the owner adds POS-02, sees its key once, and sees it active after activation', async () => {
      await owner.getByRole('button', { name: 'Kassa qo‘shish' }).click();
      const key = await textOf(owner.getByTestId('device-key'));
      assert.match(key, /^dk_[0-9a-f]{32}_/);
      assert.equal(
        await textOf(owner.getByTestId('activate-command')),
        `pos-activate ${key} --server ${origin}`,
      );
      assert.match(await textOf(owner.getByRole('dialog', { name: /POS-02/ })), /Kalit faqat hozir/);
      // Nobody pressed copy: the dialog asks before it drops the key.
      await owner.getByRole('button', { name: 'Tayyor' }).click();
      assert.equal(
        await textOf(owner.getByTestId('key-ask-close')),
        'Kalitni nusxaladingizmi? Oyna yopilgach, uni qayta ko‘rib bo‘lmaydi.OrtgaHa, yopish',
      );
      await owner.getByRole('button', { name: 'Ha, yopish' }).click();
      await owner.getByTestId('device-key').waitFor({ state: 'detached' });
      assert.ok(!(await owner.content()).includes(key), 'the key is gone once the dialog closes');
      await waitForText(owner.getByTestId('licence'), '3 ta kassadan 2 tasi ishlatilgan');

      const activated = await t.http.post('/devices/activate').send({ deviceKey: key }).expect(200);
      assert.equal(activated.body.device.name, 'POS-02');
      await owner.reload();
      await waitForText(owner.getByTestId('device-POS-02').getByText('Faol'), 'Faol');
      assert.equal(
        await textOf(owner.getByTestId('device-POS-01').locator('.mantine-Badge-root')),
        'Kutilmoqda',
      );
    });

    it('refuses a limit below the registers in use with the server message', async () => {
      await platform.reload();
      const row = platform.getByTestId('tenant-Otabek Books');
      await waitForText(row.getByTestId('tenant-seats'), '2 / 3');
      await row.getByRole('button', { name: 'Limitni o‘zgartirish' }).click();
      await platform.getByRole('textbox', { name: 'Kassalar limiti' }).fill('1');
      await platform.getByRole('button', { name: 'Saqlash' }).click();
      assert.equal(
        await textOf(platform.getByRole('dialog').getByTestId('error')),
        'Kassalar soni 2 ta, limitni undan kam qilib bo‘lmaydi.',
      );
    });

    it('logout ends the session on the server and drops the cookie', async () => {
      const cookie = await sessionCookie(ownerContext);
      assert.ok(cookie);
      await owner.getByRole('button', { name: 'Chiqish' }).click();
      await owner.getByRole('button', { name: 'Kirish', exact: true }).waitFor();
      assert.equal(await sessionCookie(ownerContext), undefined);
      const me = await t.http.get('/auth/me').set('cookie', `posapp_session=${cookie.value}`).expect(401);
      assert.equal(me.body.error.code, 'SESSION_EXPIRED');
    });

    it('bootstraps a new shop from the tenants screen and shows POS-01 key once', async () => {
      const { page } = await openPanel();
      await logIn(page, SUPERADMIN.email, SUPERADMIN.password);
      await page.getByRole('button', { name: 'Yangi do‘kon' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Kompaniya nomi' }).fill('Samarqand Market');
      await dialog.getByRole('textbox', { name: 'Do‘kon nomi' }).fill('Registon');
      await dialog.getByRole('textbox', { name: 'Egasining emaili' }).fill(`samarqand-${dialect}@shop.uz`);
      await dialog.locator('input[type="password"]').fill('owner-pass-2');
      await dialog.getByRole('button', { name: 'Yaratish' }).click();
      const key = await textOf(page.getByTestId('device-key'));
      assert.match(key, /^dk_/);
      await page.getByRole('dialog', { name: 'Kassa kaliti: Samarqand Market — POS-01' }).waitFor();
      await page.getByRole('button', { name: 'Nusxalash' }).first().click();
      await page.getByRole('button', { name: 'Tayyor' }).click();
      await waitForText(page.getByTestId('tenant-Samarqand Market').getByTestId('tenant-seats'), '1 / 1');
      await t.http.post('/devices/activate').send({ deviceKey: key }).expect(200);
    });

    it('sends a user whose session expired mid-use to the login screen with the reason', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Expiring Shop' });
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      await waitForText(page.getByTestId('licence'), '1 ta kassadan 1 tasi ishlatilgan');
      const { user_id } = await t.db.knex('login_emails').where({ email: tenant.ownerEmail }).first();
      await t.db
        .knex('sessions')
        .where({ user_id })
        .update({ expires_at: Date.now() - 1000 });
      // Mid-use: the next call answers 401 SESSION_EXPIRED and the panel goes back to the login screen.
      await page.getByRole('button', { name: 'Kassa qo‘shish' }).click();
      assert.equal(await textOf(page.getByTestId('notice')), 'Sessiya tugagan. Qaytadan kiring.');
      assert.equal(page.url(), `${origin}/admin/login`);
    });

    it('works in Russian: labels, the limit message, and the choice follows the owner to another browser', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Russian Shop', maxDevices: 1 });
      const { page } = await openPanel();
      await page.getByText('Рус', { exact: true }).click();
      await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
      await logIn(page, tenant.ownerEmail, 'wrong-password', 'Войти');
      assert.equal(await textOf(page.getByTestId('error')), 'Неверный email или пароль.');
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD, 'Войти');
      await waitForText(page.getByTestId('licence'), 'Используется касс: 1 из 1');
      assert.equal(await textOf(page.getByRole('heading', { name: 'Кассы' })), 'Кассы');
      await page.getByRole('button', { name: 'Добавить кассу' }).click();
      assert.equal(await textOf(page.getByTestId('error')), LIMIT_RU);
      await page.reload();
      await waitForText(page.getByTestId('licence'), 'Используется касс: 1 из 1');

      // Another browser (nothing in its storage) opens in Uzbek, and switches to the owner's Russian at login.
      const { page: elsewhere } = await openPanel();
      await logIn(elsewhere, tenant.ownerEmail, OWNER_PASSWORD, 'Kirish');
      await waitForText(elsewhere.getByTestId('licence'), 'Используется касс: 1 из 1');
      const owner = await t.db.knex('users').where({ tenant_id: tenant.tenantId, role: 'owner' }).first();
      assert.equal(owner.lang, 'ru');
    });

    it('refuses a register token in the cookie with a clear message', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Register Token Shop' });
      const activated = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(200);
      const context = await browser.newContext({ reducedMotion: 'reduce' });
      await context.addCookies([{ name: 'posapp_session', value: activated.body.deviceToken, url: origin }]);
      const page = await context.newPage();
      pages.push(page);
      await page.goto(`${origin}/admin/registers`);
      assert.match(await textOf(page.getByTestId('not-allowed')), /^Bu panel faqat do‘kon egalari/);
    });

    it('re-keys and revokes after a confirmation that warns about unsent sales', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Revoke Shop', maxDevices: 2 });
      await t.http.post('/devices/activate').send({ deviceKey: tenant.firstDeviceKey }).expect(200);
      const reportUnsent = (count: number) =>
        t.db
          .knex('devices')
          .where({ tenant_id: tenant.tenantId, id: tenant.firstDevice.id })
          .update({ unsent_events: count });
      await reportUnsent(3);
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      const row = page.getByTestId('device-POS-01');
      const status = row.locator('.mantine-Badge-root').first();
      await waitForText(status, 'Faol');

      await row.getByRole('button', { name: 'Kalitni yangilash' }).click();
      const rekey = page.getByRole('dialog', { name: 'POS-01 uchun yangi kalit berilsinmi?' });
      assert.match(await textOf(rekey.getByTestId('unsent-warning')), /yuborilmagan 3 ta hodisa/);
      await rekey.getByRole('button', { name: 'Kalitni yangilash' }).click();
      const key = await textOf(page.getByTestId('device-key'));
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Ha, yopish' }).click();
      await waitForText(status, 'Kutilmoqda');
      await t.http.post('/devices/activate').send({ deviceKey: key }).expect(200);

      await reportUnsent(2);
      await page.reload();
      await waitForText(status, 'Faol');
      await row.getByRole('button', { name: 'Kassani o‘chirish' }).click();
      const revoke = page.getByRole('dialog', { name: 'POS-01 kassasini o‘chirasizmi?' });
      assert.match(await textOf(revoke.getByTestId('unsent-warning')), /2 ta hodisa .* Ular yo‘qolmaydi/);
      await revoke.getByRole('button', { name: 'Kassani o‘chirish' }).click();
      await waitForText(status, 'O‘chirilgan');
      await waitForText(page.getByTestId('licence'), '2 ta kassadan 0 tasi ishlatilgan');
    });

    it('shows each register’s version, fiscal countdown and the changes it could not apply', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Fiscal Shop' });
      const device = await activateFirstDevice(t, tenant);
      // 19 h 30 min after the oldest unsent receipt: 4 h 30 min to the 24 h limit when sent.
      const status = deviceStatusEvent({ hoursAgo: 19.5, unsent: 4, unappliedCoupon: true });
      await push(t, device, [status.event]).expect(200);
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      const row = page.getByTestId('device-POS-01');
      await waitForText(row.getByText('0.1.0'), '0.1.0');
      assert.match(await textOf(row.getByText(/soat/)), /^4 soat \d+ daq\. qoldi$/);
      assert.equal(await textOf(row.getByTestId('unapplied')), '1');
    });

    it('counts down to the register’s own limit: a register set to 48 h has 28 h left after 20 h', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Two Day Shop' });
      const device = await activateFirstDevice(t, tenant);
      const status = deviceStatusEvent({
        hoursAgo: 19.5,
        unsent: 4,
        terminalId: 'UZ170703100478',
        blockAfterHours: 48,
      });
      await push(t, device, [status.event]).expect(200);
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      const row = page.getByTestId('device-POS-01');
      await waitForText(row.getByText('0.1.0'), '0.1.0');
      assert.match(await textOf(row.getByText(/soat/)), /^28 soat \d+ daq\. qoldi$/);
    });

    it('marks a register whose clock is more than two minutes off in red', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Clock Shop' });
      const device = await activateFirstDevice(t, tenant);
      // A push from a PC whose clock reads 30 h behind the server's.
      await t.http
        .post('/sync/push')
        .set(...bearer(device.token))
        .send({ events: [], sentAt: new Date(Date.now() - 30 * 3600_000).toISOString() })
        .expect(200);
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      const row = page.getByTestId('device-POS-01');
      await waitForText(row.getByTestId('clock-off'), '30 soat 0 daq. orqada');
    });

    it('fits a phone: the menu opens from the burger and nothing overflows sideways', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Phone Shop' });
      const { page } = await openPanel({ width: 390, height: 844 });
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      await page.getByTestId('licence').waitFor();
      await page.getByRole('button', { name: 'Menyu' }).click();
      await page.getByRole('link', { name: 'Kassalar' }).click();
      const overflow = await page.evaluate<number>(
        // A string: the test tsconfig has no DOM types.
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    });

    // Last on purpose: the failure limiter also counts per client IP, and every test here comes from 127.0.0.1.
    it('shows the rate-limit message after too many failed logins', async () => {
      const tenant = await bootstrapTenant(t, { tenantName: 'Guessed Shop' });
      for (let i = 0; i < t.deps.config.rateLimit.maxFailures; i++) {
        await t.http.post('/auth/login').send({ email: tenant.ownerEmail, password: `guess-${i}` });
      }
      const { page } = await openPanel();
      await logIn(page, tenant.ownerEmail, OWNER_PASSWORD);
      assert.equal(
        await textOf(page.getByTestId('error')),
        'Urinishlar juda ko‘p. Birozdan keyin qayta urinib ko‘ring.',
      );
    });
  });
}
