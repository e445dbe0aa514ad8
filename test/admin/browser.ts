import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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

/** On a failed test, one full-page screenshot per open page into test-results/. */
export async function screenshotPages(pages: Page[], name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const slug = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  await Promise.all(
    pages
      .filter((page) => !page.isClosed())
      .map((page, index) =>
        page
          .screenshot({ path: `test-results/${slug}-${index}.png`, fullPage: true })
          .then(() => console.warn(`      screenshot: test-results/${slug}-${index}.png`))
          .catch(() => undefined),
      ),
  );
}
