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

/**
 * Debian's Chromium; playwright-core downloads no browser of its own. Its headless shell
 * (`apt-get install chromium-headless-shell`, Chromium's lighter headless mode, as Playwright itself runs headless)
 * draws the same pages for about a quarter less CPU than the full browser (`apt-get install chromium`), which
 * serves where the shell is not installed.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';

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
 * A new browser context is a separate person, but starting one costs a renderer process (seconds of CPU on a small
 * machine). A page a passed test is done with is handed on to the next test instead, emptied to what a new person
 * has: no cookies, no storage, no intercepted requests, the requested window size, the panel loaded afresh. A page
 * opened with `keep` belongs to the suite (a story across tests) and is never handed on.
 */
export class PagePool {
  private inUse: Page[] = [];
  private readonly idle: Page[] = [];
  private readonly kept: Page[] = [];
  private readonly timezoneOf = new WeakMap<Page, string | undefined>();

  constructor(
    private readonly browser: () => Browser,
    private readonly origin: () => string,
  ) {}

  async open(
    viewport = { width: 1366, height: 768 },
    options: { timezoneId?: string; keep?: boolean } = {},
  ): Promise<Page> {
    const { timezoneId, keep = false } = options;
    const reused = keep ? -1 : this.idle.findIndex((page) => this.timezoneOf.get(page) === timezoneId);
    let page: Page;
    if (reused >= 0) {
      page = this.idle.splice(reused, 1)[0]!;
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.context().clearCookies();
      if (page.url().startsWith(this.origin())) {
        await page.evaluate('localStorage.clear(); sessionStorage.clear()');
      }
      await page.setViewportSize(viewport);
    } else {
      const context = await this.browser().newContext({
        reducedMotion: 'reduce',
        viewport,
        ...(timezoneId && { timezoneId }),
      });
      page = await context.newPage();
      this.timezoneOf.set(page, timezoneId);
    }
    (keep ? this.kept : this.inUse).push(page);
    await page.goto(`${this.origin()}/admin/`);
    return page;
  }

  /** The pages a failed test's screenshots should show. */
  get current(): Page[] {
    return [...this.inUse, ...this.kept];
  }

  /** After each test: a passed test's pages wait for the next one; a failed test's are closed. */
  async release(failed: boolean): Promise<void> {
    for (const page of this.inUse) {
      if (failed || page.isClosed())
        await page
          .context()
          .close()
          .catch(() => undefined);
      else this.idle.push(page);
    }
    this.inUse = [];
  }
}

/**
 * The mocha hooks of a browser suite, called inside `describe`: the app in-process on `dialect` behind a real
 * port, one Chromium, pages from a `PagePool`, and a screenshot of the test's pages when it fails.
 */
export function panelSuite(dialect: Dialect, screenshotPrefix: string): PanelSuite {
  let t: TestApp | undefined;
  let server: Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  const pool = new PagePool(
    () => browser!,
    () => origin,
  );

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
    const failed = this.currentTest?.state === 'failed';
    if (failed)
      await screenshotPages(pool.current, `${screenshotPrefix}-${dialect}-${this.currentTest!.title}`);
    await pool.release(failed);
  });

  after(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server!.close(resolve));
    await t?.close();
  });

  const newPage = (viewport?: { width: number; height: number }, timezoneId?: string): Promise<Page> =>
    pool.open(viewport, { timezoneId });

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
