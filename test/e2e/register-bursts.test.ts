import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ean13 } from '../../src/common/barcode.js';
import { Database } from '../../src/node/sqlite-driver.js';
import { generateCatalog } from '../../src/server/demo/catalog-generator.js';
import { catalogCsv } from '../../src/server/demo/seed.js';
import { cliShop, ok, ROOT, runCli, startCliServer, type CliServer } from '../helpers/cli.js';
import { testDialects } from '../helpers/db.js';
import { hasTmux, Tmux } from '../helpers/tmux.js';

/**
 * Keys typed at a busy counter while the register pulls a large catalog update: a scanner's bursts (a code and
 * Enter in one write, two codes in one write), typed while the PIN is checked, F-keys and Esc between scans, Esc
 * and a scan arriving together, a search typed right after F2. Everything is typed ahead, without waiting for the screen in between, as a
 * practised cashier and a scanner do; then the cart must hold exactly what was scanned, line by line.
 */

const PIN = '2580';
/** Enough for a pull of 30 pages of 1000: it runs for seconds, and every key below goes in while it does. */
const CATALOG = 30_000;

const ayron = { sku: 'BRS-AYRON', name: 'Ayron 0,5 l', barcode: ean13('460100000001'), price: 700_000 };
const somsa = { sku: 'BRS-SOMSA', name: 'Somsa', barcode: ean13('460100000002'), price: 400_000 };
const lavash = { sku: 'BRS-LAVASH', name: 'Lavash', barcode: ean13('460100000003'), price: 300_000 };
const bodom = {
  sku: 'BRS-BODOM',
  name: 'Zarafshon bodomi',
  barcode: ean13('460100000004'),
  price: 4_500_000,
};
const own = [ayron, somsa, lavash, bodom];

/** A scanner: the code and Enter. */
const scan = (product: { barcode: string }) => `${product.barcode}\r`;

function readStore<T>(dataDir: string, read: (db: InstanceType<typeof Database>) => T): T {
  const db = new Database(join(dataDir, 'pos.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const productCount = (dataDir: string) =>
  readStore(dataDir, (db) => db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const dialect of testDialects()) {
  describe(`register keys in bursts during a large pull: built pos in tmux, posapp server [${dialect}]`, function () {
    this.timeout(180_000);
    let server: CliServer;
    let dataDir: string;
    let tmux: Tmux;
    const ids: Record<string, string> = {};

    before(async function () {
      if (!hasTmux) {
        if (process.env.CI === 'true') throw new Error('tmux is required on CI for the register burst test');
        console.log('    (tmux not found: skipping the register burst test)');
        this.skip();
      }
      server = await startCliServer(dialect, 'bursts');
      const shop = await cliShop(server);
      const token = await shop.ownerToken();
      await server.api('/users', token, { role: 'cashier', name: 'Dilnoza', pin: PIN });
      for (const p of own) {
        const made = await server.api('/products', token, {
          sku: p.sku,
          name: p.name,
          barcodes: [p.barcode],
          price: p.price,
          unit: 'pcs',
          vatRate: 1200,
        });
        ids[p.sku] = (made.product as { id: string }).id;
      }
      dataDir = mkdtempSync(join(tmpdir(), 'posapp-bursts-'));
      ok(await shop.activate('POS-01', dataDir));
      ok(await runCli('pos', ['sync', '--data-dir', dataDir]));
      assert.equal(productCount(dataDir), own.length);

      tmux = new Tmux();
      tmux.start(`node ${join(ROOT, 'bin', 'pos.js')} --data-dir ${dataDir}`, 100, 30);
      await tmux.waitFor('Kassir PIN kodini kiriting');
      tmux.type(`${PIN}\r`);
      await tmux.waitFor('Smena ochish — Dilnoza');

      // The owner loads a large price list while the cashier opens the shift; opening it asks the register to
      // sync at once, so the pull of the whole update starts right under the cashier's first keys.
      const imported = await fetch(`${server.url}/products/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: catalogCsv(generateCatalog(CATALOG, 2027)),
      });
      const body = (await imported.json()) as { imported?: number };
      assert.equal(imported.status, 200, JSON.stringify(body).slice(0, 300));
      assert.equal(body.imported, CATALOG);
      tmux.type('0\r');
      await tmux.waitFor('JAMI');
    });

    after(async () => {
      tmux?.kill();
      await server?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('puts every scan of bursts mixed with F2, Esc and a search typed ahead into the cart, in order, while the pull runs', async () => {
      // The pull has applied its first page and has many more to go: the keys below arrive in the middle of it.
      const before = await until(() => {
        const n = productCount(dataDir);
        return n > own.length ? n : undefined;
      }, 'the pull to start');
      assert.ok(before < own.length + CATALOG, 'the pull ended before the first key: nothing was proven');

      // The cashier logs out and back in; two scans in one write (28 characters as a scanner sends them) come
      // while the PIN is still being checked, and belong to the sale.
      tmux.keys('C-l');
      tmux.type(`${PIN}\r`);
      tmux.type(scan(ayron) + scan(somsa));
      // The same code twelve times more, with the search opened and closed and Esc pressed between scans.
      for (let i = 0; i < 12; i++) {
        if (i % 4 === 0) tmux.keys('F2', 'Escape');
        if (i % 4 === 2) tmux.keys('Escape');
        tmux.type(scan(ayron));
        if (i % 4 === 1) tmux.keys('F2', 'Escape');
      }
      // Esc and a scan in one write, with the search open: Esc closes it, the scan is a scan.
      tmux.keys('F2');
      tmux.bytes(`\x1b${scan(lavash)}`);
      // A search typed right after F2, chosen with Enter.
      tmux.keys('F2');
      tmux.type('zaraf');
      tmux.keys('Enter');
      // A search typed and left with Esc: nothing of it stays in the code field, so the next scan reads.
      tmux.keys('F2');
      tmux.type('bod');
      tmux.keys('Escape');
      tmux.type(scan(somsa));
      const sentDuring = productCount(dataDir);
      assert.ok(sentDuring < own.length + CATALOG, 'the pull ended before the last key: nothing was proven');

      const screen = await tmux.waitFor(/JAMI\s+147 000 so‘m/);
      assert.match(screen, /1 Ayron 0,5 l\s+13 dona\s+7 000\s+91 000/);
      assert.match(screen, /2 Somsa\s+2 dona\s+4 000\s+8 000/);
      assert.match(screen, /3 Lavash\s+1 dona\s+3 000\s+3 000/);
      assert.match(screen, /4 Zarafshon bodomi\s+1 dona\s+45 000\s+45 000/);
      assert.doesNotMatch(screen, /^\s*5 /m);
      assert.doesNotMatch(screen, /topilmadi|Nomi bo‘yicha qidirish/);

      // The open sale kept in pos.sqlite is the same cart, line by line.
      const kept = readStore(
        dataDir,
        (db) => db.prepare('SELECT data FROM open_sale').get() as { data: string },
      );
      const cart = JSON.parse(kept.data).cart as { lines: { product: { productId: string }; qty: number }[] };
      assert.deepEqual(
        cart.lines.map((line) => [line.product.productId, line.qty]),
        [
          [ids[ayron.sku], 13_000],
          [ids[somsa.sku], 2_000],
          [ids[lavash.sku], 1_000],
          [ids[bodom.sku], 1_000],
        ],
      );
      console.log(
        `      keys sent while the register held ${before} → ${sentDuring} of ${own.length + CATALOG} products`,
      );
    });

    it('completes the pull, and F12 then Enter pays the sale exactly (the Enter reaches the pay dialog)', async () => {
      await until(
        () => (productCount(dataDir) === own.length + CATALOG ? true : undefined),
        'the pull to complete',
      );
      tmux.keys('F12');
      tmux.keys('Enter');
      await tmux.waitFor('TO‘LANDI — POS-01-000001');
      const lines = readStore(
        dataDir,
        (db) =>
          db
            .prepare(
              `SELECT l.product_id, l.qty FROM sale_lines l JOIN sales s ON s.id = l.sale_id
               WHERE s.receipt_no = 'POS-01-000001' ORDER BY l.line_no`,
            )
            .all() as { product_id: string; qty: number }[],
      );
      assert.deepEqual(
        lines.map((line) => [line.product_id, line.qty]),
        [
          [ids[ayron.sku], 13_000],
          [ids[somsa.sku], 2_000],
          [ids[lavash.sku], 1_000],
          [ids[bodom.sku], 1_000],
        ],
      );
      const sale = readStore(
        dataDir,
        (db) => db.prepare('SELECT total FROM sales').all() as { total: number }[],
      );
      assert.deepEqual(sale, [{ total: 14_700_000 }]);
      assert.equal(
        readStore(dataDir, (db) => db.prepare('SELECT count(*) AS n FROM open_sale').get() as { n: number })
          .n,
        0,
      );
    });
  });
}
