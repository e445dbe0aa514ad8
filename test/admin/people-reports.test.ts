import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { defaultPanelDir, panelBuilt } from '../../src/server/panel/routes.js';
import { nextEan13 } from '../helpers/catalog.js';
import {
  assertBuilt,
  createSuperadminCli,
  ok,
  runCli,
  startServerProcess,
  type ServerProcess,
} from '../helpers/cli.js';
import { freshDb, type TestDb } from '../helpers/db.js';
import { freePort } from '../helpers/http.js';
import {
  BROWSER_DIALECT,
  browserTestsEnabled,
  launchChromium,
  screenshotPages,
  textOf,
  waitForText,
} from './browser.js';

const JWT_SECRET = 'panel-people-reports-secret-at-least-32-chars';
const SUPERADMIN = { email: 'root@posapp.uz', password: 'platform-pass-1' };
const OWNER = { email: 'owner@otabek.uz', password: 'owner-pass-1' };

/**
 * The owner's panel against a real `posapp server` child process, and a register driven by the headless
 * `pos` commands against the same server: what the panel shows is what the register sold and synced.
 */
for (const dialect of [BROWSER_DIALECT]) {
  describe(`admin panel People and Reports against posapp server [${dialect}]`, function () {
    // The before hook starts a server process, activates and sells on a register through the CLI, then Chromium.
    this.timeout(180_000);
    let scratch: string;
    let db: TestDb;
    let server: ServerProcess;
    let browser: Browser;
    let owner: Page;
    const pages: Page[] = [];
    const register = () => join(scratch, 'register');
    const pos = (...args: string[]) => runCli('pos', ['--data-dir', register(), ...args]);
    let deviceKey: string;
    let milk: string;

    async function api(path: string, token: string | null, body?: unknown): Promise<Record<string, unknown>> {
      const res = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      assert.ok(res.ok, `${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    }

    before(async function () {
      if (!browserTestsEnabled()) return this.skip();
      assertBuilt();
      if (!panelBuilt(defaultPanelDir()))
        throw new Error('dist/admin is not built: run `npm run build` first');
      scratch = mkdtempSync(join(tmpdir(), 'posapp-panel-'));
      db = await freshDb(dialect);
      const serverDir = join(scratch, 'server');
      ok(await createSuperadminCli(db.url, serverDir, SUPERADMIN));
      server = await startServerProcess(
        ['--port', String(await freePort()), '--host', '127.0.0.1', '--db', db.url, '--data-dir', serverDir],
        { JWT_SECRET, LOG_LEVEL: 'warn' },
      );
      const root = (await api('/auth/login', null, SUPERADMIN)).token as string;
      const shop = await api('/bootstrap', root, {
        tenantName: 'Otabek Books',
        storeName: 'Main store',
        ownerEmail: OWNER.email,
        ownerPassword: OWNER.password,
        maxDevices: 1,
      });
      deviceKey = shop.deviceKey as string;
      const ownerToken = (await api('/auth/login', null, OWNER)).token as string;
      await api('/users', ownerToken, { role: 'cashier', name: 'Dilnoza', pin: '4321' });
      milk = nextEan13();
      await api('/products', ownerToken, {
        sku: 'SUT-1',
        name: 'Sut 1 l',
        barcodes: [milk],
        price: 1_250_000,
        mxik: '10711001001000000',
      });
      // The register sells 2 × 12 500 = 25 000 so‘m by card in a shift it closes, and syncs.
      ok(await runCli('pos-activate', [deviceKey, '--server', server.url, '--data-dir', register()]));
      ok(await pos('sync'));
      ok(await pos('login', '--pin', '4321'));
      ok(await pos('shift', 'open', '--cash', '100000'));
      assert.match(
        ok(await pos('sell', '--item', `2*${milk}`, '--pay', 'card:25000:humo:T-1')).stdout,
        /25 000 so‘m/,
      );
      ok(await pos('shift', 'close', '--counted', '99000'));
      ok(await pos('sync'));
      browser = await launchChromium();
      owner = await openPanel();
      await owner.getByRole('textbox', { name: 'Email' }).fill(OWNER.email);
      await owner.locator('input[autocomplete="current-password"]').fill(OWNER.password);
      await owner.getByRole('button', { name: 'Kirish', exact: true }).click();
      await owner.getByTestId('licence').waitFor();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        await screenshotPages(pages, `panel-${dialect}-${this.currentTest.title}`);
      }
    });

    after(async () => {
      await browser?.close();
      const code = server ? await server.stop() : 0;
      await db?.destroy();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      assert.equal(code, 0, server?.output());
    });

    async function openPanel(viewport = { width: 1366, height: 768 }): Promise<Page> {
      // The owner's browser keeps the shop's time, so the calendar's today is the store's today.
      const context = await browser.newContext({
        reducedMotion: 'reduce',
        viewport,
        acceptDownloads: true,
        timezoneId: 'Asia/Tashkent',
      });
      const page = await context.newPage();
      pages.push(page);
      await page.goto(`${server.url}/admin/`);
      return page;
    }

    async function noSidewaysScroll(page: Page): Promise<void> {
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
    }

    // They share the shop and the register's sale made in `before`; each one also runs alone (--grep).
    it('a report after a headless `pos sell` shows the sale’s total and payment method', async () => {
      await owner.getByRole('link', { name: 'Hisobotlar' }).click();
      await waitForText(owner.getByTestId('total-net'), '25 000 so‘m');
      assert.equal(await textOf(owner.getByTestId('total-count')), '1');
      assert.equal(await textOf(owner.getByTestId('pay-card')), '25 000 so‘m');
      assert.equal(await textOf(owner.getByTestId('pay-cash')), '0 so‘m');
      const totals = owner.getByTestId('sales-totals');
      assert.equal(await textOf(totals.getByTestId('cell-net')), '25 000 so‘m');
      // The chart of the days is drawn (one bar for today).
      await owner.locator('.recharts-bar-rectangle').first().waitFor();

      await owner.getByRole('combobox', { name: 'Guruhlash' }).click();
      await owner.getByRole('option', { name: 'Kassirlar' }).click();
      await waitForText(owner.getByTestId('sales-row-Dilnoza').getByTestId('cell-net'), '25 000 so‘m');

      const [download] = await Promise.all([
        owner.waitForEvent('download'),
        owner.getByRole('button', { name: 'CSV yuklab olish' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^sales-cashier-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      assert.equal(
        csv[0],
        'Kassir,Cheklar,Sotuv (so‘m),Qaytarish (so‘m),Sof tushum (so‘m),QQS (so‘m),Bekor qatorlar,Bekor cheklar,Qaytarishlar soni',
      );
      assert.match(csv[1]!, /^Dilnoza,1,25000\.00,0\.00,25000\.00,/);
      assert.match(csv[2]!, /^Jami,1,25000\.00,0\.00,25000\.00,/);

      // Yesterday had no sales; then today picked in the calendar (one day: the same day clicked twice).
      const shown = (day: Date) => {
        const [y, m, d] = new Date(day.getTime() + 5 * 3600_000).toISOString().slice(0, 10).split('-');
        return `${d}.${m}.${y} – ${d}.${m}.${y}`;
      };
      const range = owner.getByTestId('report-range');
      await range.click();
      await owner.getByRole('button', { name: 'Kecha' }).click();
      await waitForText(range, shown(new Date(Date.now() - 24 * 3600_000)));
      await waitForText(owner.getByTestId('total-net'), '0 so‘m');
      await range.click();
      await owner.locator('button[data-today]').click();
      await owner.locator('button[data-today]').click();
      await waitForText(owner.getByTestId('total-net'), '25 000 so‘m');
      await waitForText(range, shown(new Date()));

      await owner.getByRole('tab', { name: 'Smenalar (Z-hisobot)' }).click();
      const shift = owner.getByTestId('shifts-table').locator('tbody tr').first();
      await waitForText(shift.getByTestId('cell-device'), 'POS-01');
      assert.equal(await textOf(shift.getByTestId('cell-cashier')), 'Dilnoza');
      assert.equal(await textOf(shift.getByTestId('cell-openingCash')), '100 000 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-sales')), '25 000 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-card')), '25 000 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-qr')), '0 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-cashSales')), '0 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-expected')), '100 000 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-counted')), '99 000 so‘m');
      assert.equal(await textOf(shift.getByTestId('cell-difference')), '-1 000 so‘m');
    });

    it('the Reports and People screens fit a phone', async () => {
      const phone = await openPanel({ width: 390, height: 844 });
      await phone.getByRole('textbox', { name: 'Email' }).fill(OWNER.email);
      await phone.locator('input[autocomplete="current-password"]').fill(OWNER.password);
      await phone.getByRole('button', { name: 'Kirish', exact: true }).click();
      await phone.getByTestId('licence').waitFor();
      await phone.goto(`${server.url}/admin/reports`);
      await waitForText(phone.getByTestId('total-net'), '25 000 so‘m');
      await noSidewaysScroll(phone);
      await phone.getByRole('tab', { name: 'Smenalar (Z-hisobot)' }).click();
      await phone.getByTestId('shifts-table').waitFor();
      await noSidewaysScroll(phone);
      await phone.getByRole('button', { name: 'Menyu' }).click();
      await phone.getByRole('link', { name: 'Xodimlar' }).click();
      await phone.getByTestId('person-Dilnoza').waitFor();
      await noSidewaysScroll(phone);
    });

    it('the owner adds a cashier, resets the PIN, disables them', async () => {
      await owner.getByRole('link', { name: 'Xodimlar' }).click();
      await owner.getByRole('button', { name: 'Xodim qo‘shish' }).click();
      const dialog = owner.getByRole('dialog', { name: 'Yangi xodim' });
      await dialog.getByRole('button', { name: 'Qo‘shish' }).click();
      await dialog.getByText('Ismni kiriting').waitFor();
      await dialog.getByText('PIN 4–8 ta raqamdan iborat bo‘lsin').waitFor();

      // An admin with the owner's email: the server's refusal, in Uzbek, next to the email field.
      await dialog.getByText('Administrator').click();
      await dialog.getByRole('textbox', { name: 'Ismi' }).fill('Aziz');
      await dialog.getByRole('textbox', { name: 'Email' }).fill(OWNER.email);
      await dialog.locator('input[type="password"]').fill('admin-pass-1');
      await dialog.getByRole('button', { name: 'Qo‘shish' }).click();
      assert.match(await textOf(dialog.locator('.mantine-TextInput-error')), /email/i);

      await dialog.getByText('Kassir', { exact: true }).click();
      await dialog.locator('input[type="password"]').fill('12');
      await dialog.getByRole('button', { name: 'Qo‘shish' }).click();
      await dialog.getByText('PIN 4–8 ta raqamdan iborat bo‘lsin').waitFor();
      await dialog.locator('input[type="password"]').fill('5678');
      await dialog.getByRole('button', { name: 'Qo‘shish' }).click();
      await dialog.waitFor({ state: 'detached' });
      const row = owner.getByTestId('person-Aziz');
      await waitForText(row.getByTestId('person-status'), 'Faol');
      assert.match(await textOf(row), /Kassir/);

      // The register learns the new cashier with its next sync.
      ok(await pos('logout'));
      ok(await pos('sync'));
      ok(await pos('login', '--pin', '5678'));
      ok(await pos('logout'));

      await row.getByRole('button', { name: 'PIN o‘rnatish' }).click();
      const pin = owner.getByRole('dialog', { name: 'Aziz uchun yangi PIN' });
      await pin.locator('input[type="password"]').fill('8765');
      await pin.getByRole('button', { name: 'Saqlash' }).click();
      await owner.getByText('Aziz: PIN o‘zgartirildi.').waitFor();
      ok(await pos('sync'));
      assert.equal((await pos('login', '--pin', '5678')).code, 1, 'the old PIN stops working');
      ok(await pos('login', '--pin', '8765'));
      ok(await pos('logout'));

      await row.getByRole('button', { name: 'O‘chirish' }).click();
      const confirm = owner.getByRole('dialog', { name: 'Aziz o‘chirilsinmi?' });
      assert.match(await textOf(confirm), /PINini qabul qilmaydi/);
      await confirm.getByRole('button', { name: 'O‘chirish' }).click();
      await waitForText(row.getByTestId('person-status'), 'O‘chirilgan');
      // A disabled cashier can only be enabled again (their PIN is checked against the shop's active people).
      assert.deepEqual(await row.getByRole('button').allTextContents(), ['Yoqish']);
      ok(await pos('sync'));
      assert.equal((await pos('login', '--pin', '8765')).code, 1, 'a disabled cashier cannot log in');
      await noSidewaysScroll(owner);
    });

    it('the owner adds an admin, who logs in and reads the reports', async () => {
      await owner.getByRole('link', { name: 'Xodimlar' }).click();
      await owner.getByRole('button', { name: 'Xodim qo‘shish' }).click();
      const dialog = owner.getByRole('dialog', { name: 'Yangi xodim' });
      await dialog.getByText('Administrator').click();
      await dialog.getByRole('textbox', { name: 'Ismi' }).fill('Aziza');
      await dialog.getByRole('textbox', { name: 'Email' }).fill('Aziza@Otabek.uz');
      await dialog.locator('input[type="password"]').fill('short');
      await dialog.getByRole('button', { name: 'Qo‘shish' }).click();
      await dialog.getByText('Parol kamida 8 ta belgi bo‘lsin').waitFor();
      await dialog.locator('input[type="password"]').fill('admin-pass-1');
      await dialog.getByRole('button', { name: 'Qo‘shish' }).click();
      const row = owner.getByTestId('person-Aziza');
      await waitForText(row.getByTestId('person-status'), 'Faol');
      assert.match(await textOf(row), /Administrator.*aziza@otabek\.uz/);

      const admin = await openPanel();
      await admin.getByRole('textbox', { name: 'Email' }).fill('aziza@otabek.uz');
      await admin.locator('input[autocomplete="current-password"]').fill('admin-pass-1');
      await admin.getByRole('button', { name: 'Kirish', exact: true }).click();
      await admin.getByRole('link', { name: 'Hisobotlar' }).click();
      await waitForText(admin.getByTestId('total-net'), '25 000 so‘m');
    });
  });
}
