import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Dialect } from '../../src/server/db/connection.js';
import { defaultPanelDir, panelBuilt } from '../../src/server/panel/routes.js';
import { testApp, type TestApp } from '../helpers/app.js';

/**
 * The browser suites test the panel, and run on one database: every endpoint the panel calls is tested on SQLite
 * and MySQL in test/server, and a second Chromium pass over the same screens doubled their minutes, not their reach.
 */
export const BROWSER_DIALECT: Dialect = 'sqlite';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * true: run; false: skip with a notice. Under CI=true a missing Chromium is an error, so CI cannot go green
 * without the browser tests.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  console.warn(`[tests] ${CHROMIUM} not found: the admin panel browser tests are skipped.`);
  return false;
}

/**
 * Headless, quiet (no updates, sync or background traffic). Playwright always starts Chromium with a fresh
 * temporary --user-data-dir of its own and deletes it on close (it refuses that flag in `args`).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Waits for the element, then gives its trimmed text. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor();
  return ((await locator.textContent()) ?? '').trim();
}

/** Waits until the element's text is exactly `expected` (it may first show an older value). */
export async function waitForText(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await textOf(locator);
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected text ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`);
}

/** Where a failed browser test leaves its screenshots (kept out of git). */
export const SCREENSHOT_DIR = 'test/admin/screenshots';

/** On a failed test, one full-page screenshot per open page into test/admin/screenshots/. */
export async function screenshotPages(pages: Page[], name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const slug = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  await Promise.all(
    pages
      .filter((page) => !page.isClosed())
      .map((page, index) =>
        page
          .screenshot({ path: `${SCREENSHOT_DIR}/${slug}-${index}.png`, fullPage: true })
          .then(() => console.warn(`      screenshot: ${SCREENSHOT_DIR}/${slug}-${index}.png`))
          .catch(() => undefined),
      ),
  );
}

export interface PanelSuite {
  /** The in-process server's app and database (set in the suite's `before`). */
  readonly t: TestApp;
  /** A fresh context per call is a separate person: own cookies and localStorage; optionally another time zone. */
  newPage(viewport?: { width: number; height: number }, timezoneId?: string): Promise<Page>;
  /** `owner`, logged in, on the screen behind the menu item `menu` (opened from the burger menu on a phone). */
  ownerOn(
    owner: { email: string; password: string },
    menu: string,
    viewport?: { width: number; height: number },
  ): Promise<Page>;
}

/**
 * The mocha hooks of a browser suite, called inside `describe`: the app in-process on `dialect` behind a real
 * port, one Chromium, and a screenshot of every page the suite opened when a test fails.
 */
export function panelSuite(dialect: Dialect, screenshotPrefix: string): PanelSuite {
  let t: TestApp | undefined;
  let server: Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  const pages: Page[] = [];

  before(async function () {
    if (!browserTestsEnabled()) return this.skip();
    if (!panelBuilt(defaultPanelDir())) throw new Error('dist/admin is not built: run `npm run build` first');
    t = await testApp(dialect);
    const app = t.app;
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshotPages(pages, `${screenshotPrefix}-${dialect}-${this.currentTest.title}`);
    }
  });

  after(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server!.close(resolve));
    await t?.close();
  });

  const newPage = async (viewport = { width: 1366, height: 768 }, timezoneId?: string): Promise<Page> => {
    const context = await browser!.newContext({
      viewport,
      reducedMotion: 'reduce',
      ...(timezoneId && { timezoneId }),
    });
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${origin}/admin/`);
    return page;
  };

  return {
    get t() {
      if (!t) throw new Error('the panel suite has not started');
      return t;
    },
    newPage,
    async ownerOn(owner, menu, viewport = { width: 1366, height: 768 }) {
      const page = await newPage(viewport);
      await page.getByRole('textbox', { name: 'Email' }).fill(owner.email);
      await page.locator('input[autocomplete="current-password"]').fill(owner.password);
      await page.getByRole('button', { name: 'Kirish', exact: true }).click();
      await page.getByTestId('licence').waitFor();
      if (viewport.width < 768) await page.getByRole('button', { name: 'Menyu' }).click();
      await page.getByRole('link', { name: menu }).click();
      await page.getByRole('heading', { name: menu }).waitFor();
      return page;
    },
  };
}
