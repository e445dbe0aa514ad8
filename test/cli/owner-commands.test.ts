import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../src/common/ids.js';
import {
  assertBuilt,
  createSuperadminCli,
  ok,
  runPosappInProcess,
  startServerProcess,
  type ServerProcess,
} from '../helpers/cli.js';
import { freshDb, type TestDb } from '../helpers/db.js';
import { freePort } from '../helpers/http.js';
import { deviceStatusEvent, saleEvent, shiftOpenedEvent } from '../helpers/sync.js';

const JWT_SECRET = 'owner-commands-test-secret-at-least-32-chars';
const SUPERADMIN = { email: 'root@posapp.uz', password: 'platform-pass-1' };
const OWNER = { email: 'owner@dilnoza.uz', password: 'owner-pass-1' };

/**
 * The owner's commands, run by `posapp`'s own program in this process (runPosappInProcess: same parser, commands
 * and output as the binary, which the licensing story runs) against a `posapp server` child process.
 * SQLite only: the commands are thin clients of endpoints whose MySQL behaviour the server tests already cover.
 */
describe('owner commands through posapp [sqlite]', function () {
  this.timeout(120_000);

  let scratch: string;
  let db: TestDb;
  let server: ServerProcess;
  let firstDeviceKey: string;
  const ownerDir = () => join(scratch, 'config-owner');
  const asOwner = (...args: string[]) =>
    runPosappInProcess(['--config-dir', ownerDir(), '--lang', 'en', ...args]);
  const json = async (...args: string[]) => JSON.parse(ok(await asOwner('--json', ...args)).stdout);
  const csvFile = () => join(scratch, 'prices.csv');
  let activatedToken: string | undefined;
  /** POS-01's token, activating it on first use, so each test that needs a register can run alone. */
  const registerToken = async (): Promise<string> => {
    if (activatedToken) return activatedToken;
    const activated = await fetch(`${server.url}/devices/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceKey: firstDeviceKey }),
    });
    assert.equal(activated.status, 200);
    activatedToken = ((await activated.json()) as { deviceToken: string }).deviceToken;
    return activatedToken;
  };

  before(async function () {
    this.timeout(120_000);
    assertBuilt();
    scratch = mkdtempSync(join(tmpdir(), 'posapp-owner-'));
    db = await freshDb('sqlite');
    const dataDir = join(scratch, 'server');
    server = await startServerProcess(
      ['--port', String(await freePort()), '--host', '127.0.0.1', '--db', db.url, '--data-dir', dataDir],
      { JWT_SECRET, LOG_LEVEL: 'warn' },
    );
    const rootDir = join(scratch, 'config-root');
    const asRoot = (...args: string[]) => runPosappInProcess(['--config-dir', rootDir, ...args]);
    ok(await createSuperadminCli(db.url, dataDir, SUPERADMIN));
    ok(
      await asRoot(
        'login',
        '--server',
        server.url,
        '--email',
        SUPERADMIN.email,
        '--password',
        SUPERADMIN.password,
      ),
    );
    const boot = JSON.parse(
      ok(
        await asRoot(
          '--json',
          'bootstrap',
          '--tenant',
          'Dilnoza Market',
          '--store',
          'Chilonzor',
          '--owner-email',
          OWNER.email,
          '--owner-password',
          OWNER.password,
        ),
      ).stdout,
    );
    firstDeviceKey = boot.deviceKey;
    ok(await asOwner('login', '--server', server.url, '--email', OWNER.email, '--password', OWNER.password));
  });
  after(async () => {
    await server?.stop('SIGINT');
    await db?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('adds, lists and edits products (price typed in so’m, shown formatted)', async () => {
    const added = ok(
      await asOwner(
        'products',
        'add',
        '--sku',
        'NON-1',
        '--name',
        'Non',
        '--price',
        '4 500',
        '--barcode',
        '4780000000014',
        '--vat',
        '12',
      ),
    );
    assert.match(added.stdout, /Saved: NON-1 — Non, 4 500 so‘m/);
    const body = await json(
      'products',
      'add',
      '--sku',
      'SUG-1',
      '--name',
      'Shakar',
      '--price',
      '14000.50',
      '--unit',
      'kg',
    );
    assert.equal(body.product.price, 1_400_050);
    assert.equal(body.product.unit, 'kg');

    const edited = ok(await asOwner('products', 'edit', body.product.id, '--price', '15000', '--inactive'));
    assert.match(edited.stdout, /SUG-1 — Shakar, 15 000 so‘m/);
    ok(await asOwner('products', 'edit', 'NON-1', '--unit', 'pcs', '--vat', '12'));
    const list = ok(await asOwner('products', 'list'));
    assert.match(
      list.stdout,
      /NON-1\s*│\s*Non\s*│\s*4780000000014\s*│\s*4 500 so‘m\s*│\s*pcs\s*│\s*12\s*│\s*yes/,
    );
    assert.match(list.stdout, /SUG-1\s*│\s*Shakar\s*│\s*│\s*15 000 so‘m\s*│\s*kg\s*│\s*\d+\s*│\s*no/);
    const searched = await json('products', 'list', '--search', 'Non', '--all-pages');
    assert.deepEqual(
      searched.products.map((p: { sku: string }) => p.sku),
      ['NON-1'],
    );
  });

  it('imports a CSV, reports bad lines by file line number with exit 1, and a second run leaves the products unchanged', async () => {
    writeFileSync(
      csvFile(),
      [
        'sku,name,barcode,price,unit,vatRate,mxik',
        'IMP-1,Choy,,15000,pcs,12,',
        'IMP-2,Un,,not-a-price,kg,,',
        'IMP-3,Guruch,,9000,kg,,',
        ',Nomsiz,,100,pcs,,',
        'IMP-4,Tuz,,3000,pcs,,',
        '',
      ].join('\n'),
    );
    const first = await asOwner('products', 'import', csvFile());
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /Line 3: price: not an amount in so‘m/);
    assert.match(first.stdout, /Line 5: SKU: /);
    assert.match(first.stdout, /Import: 3 new, 0 updated, 0 unchanged, 2 rejected\./);
    assert.match(first.stderr, /2 lines were rejected/);

    const second = await asOwner('--json', 'products', 'import', csvFile());
    assert.equal(second.code, 1);
    const result = JSON.parse(second.stdout);
    assert.equal(result.imported, 0);
    assert.equal(result.updated, 0);
    assert.equal(result.unchanged, 3);
    assert.deepEqual(
      result.rejected.map((r: { line: number }) => r.line),
      [3, 5],
    );
    const all = await json('products', 'list', '--all-pages');
    assert.equal(all.products.filter((p: { sku: string }) => p.sku.startsWith('IMP-')).length, 3);
  });

  it('adds a cashier and an admin, lists them and disables the admin', async () => {
    assert.match(
      ok(await asOwner('users', 'add', '--role', 'cashier', '--name', 'Aziza', '--pin', '1234')).stdout,
      /User added: Aziza \(cashier\)/,
    );
    ok(
      await asOwner(
        'users',
        'add',
        '--role',
        'admin',
        '--name',
        'Bobur',
        '--email',
        'bobur@dilnoza.uz',
        '--password',
        'admin-pass-1',
      ),
    );
    const list = ok(await asOwner('users', 'list'));
    assert.match(list.stdout, /Aziza\s*│\s*cashier/);
    assert.match(list.stdout, /Bobur\s*│\s*admin\s*│\s*bobur@dilnoza\.uz\s*│\s*yes/);
    assert.match(ok(await asOwner('users', 'disable', 'Bobur')).stdout, /Disabled: Bobur/);
    assert.match(ok(await asOwner('users', 'pin', 'aziza', '--pin', '4321')).stdout, /PIN changed for Aziza/);
    const users = await json('users', 'list');
    const bobur = users.users.find((u: { name: string }) => u.name === 'Bobur');
    assert.equal(bobur.active, false);
  });

  it('receives and adjusts stock; a sale beyond stock shows a negative level; reports as JSON and CSV', async () => {
    // What the product, import and people tests make, when this one runs alone.
    const skus = new Set(
      (await json('products', 'list', '--all-pages')).products.map((p: { sku: string }) => p.sku),
    );
    if (!skus.has('NON-1'))
      ok(await asOwner('products', 'add', '--sku', 'NON-1', '--name', 'Non', '--price', '4500'));
    if (!skus.has('IMP-1')) {
      const file = join(scratch, 'stock-products.csv');
      writeFileSync(
        file,
        [
          'sku,name,barcode,price,unit,vatRate,mxik',
          'IMP-1,Choy,,15000,pcs,12,',
          'IMP-3,Guruch,,9000,kg,,',
          'IMP-4,Tuz,,3000,pcs,,',
          '',
        ].join('\n'),
      );
      ok(await asOwner('products', 'import', file));
    }
    const people = (await json('users', 'list')).users as Array<{ name: string }>;
    if (!people.some((u) => u.name === 'Aziza')) {
      ok(await asOwner('users', 'add', '--role', 'cashier', '--name', 'Aziza', '--pin', '4321'));
    }
    assert.match(
      ok(await asOwner('stock', 'receive', 'NON-1', '10', '--note', 'Nonvoyxona #12')).stdout,
      /1 products/,
    );
    ok(await asOwner('stock', 'receive', 'NON-1:2', 'IMP-3:1.250'));
    const adjusted = ok(
      await asOwner('stock', 'adjust', 'NON-1', '--counted', '11', '--reason', 'stocktake'),
    );
    assert.match(adjusted.stdout, /NON-1: 12 → 11 \(-1\)/);

    // A register sells NON-1 and IMP-4 (never received) through the sync API.
    const deviceToken = await registerToken();
    const products = await json('products', 'list', '--all-pages');
    const idOf = (sku: string) => products.products.find((p: { sku: string }) => p.sku === sku).id as string;
    const cashier = (await json('users', 'list')).users.find((u: { name: string }) => u.name === 'Aziza');
    const shiftId = newId();
    const pushed = await fetch(`${server.url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({
        events: [
          shiftOpenedEvent(shiftId, cashier.id),
          saleEvent([idOf('NON-1'), idOf('IMP-4')], { shiftId, cashierId: cashier.id }),
        ],
      }),
    });
    const pushBody = (await pushed.json()) as { results: Array<{ status: string }> };
    assert.equal(pushed.status, 200, JSON.stringify(pushBody));
    assert.deepEqual(
      pushBody.results.map((r) => r.status),
      ['applied', 'applied'],
    );

    const levels = ok(await asOwner('stock', 'levels', '--low-below', '2'));
    assert.match(levels.stdout, /NON-1\s*│\s*Non\s*│\s*10\s*│\s*pcs\s*│\s*│/);
    assert.match(levels.stdout, /IMP-4\s*│\s*Tuz\s*│\s*-1\s*│\s*pcs\s*│\s*!! negative/);
    assert.match(levels.stdout, /IMP-3\s*│\s*Guruch\s*│\s*1\.250\s*│\s*kg\s*│\s*! low/);
    const negative = ok(await asOwner('stock', 'levels', '--only', 'negative')).stdout;
    assert.match(negative, /IMP-4\s*│\s*Tuz\s*│\s*-1/);
    assert.doesNotMatch(negative, /NON-1|IMP-3/);
    const low = ok(await asOwner('stock', 'levels', '--low-below', '2', '--only', 'low', '--csv')).stdout;
    assert.deepEqual(low.trim().split('\n'), [
      'sku,name,level,unit,negative,low',
      'IMP-1,Choy,0,pcs,false,true',
      'IMP-3,Guruch,1.250,kg,false,true',
    ]);

    const sales = await json('reports', 'sales', '--by', 'register');
    assert.equal(sales.groupBy, 'device');
    assert.equal(sales.totals.sales, 2_000_00);
    assert.equal(sales.payments.cash, 2_000_00);
    const csv = ok(await asOwner('reports', 'sales', '--by', 'product', '--csv'))
      .stdout.trim()
      .split('\n');
    assert.equal(csv[0], 'key,label,qty,count,sales,refunds,net,vat');
    assert.equal(csv.length, 3);
    assert.ok(
      csv.some((row) => /,1,1,1000\.00,0\.00,1000\.00,107\.14$/.test(row)),
      csv.join('\n'),
    );
    const table = ok(await asOwner('reports', 'sales'));
    assert.match(table.stdout, /Total\s*│\s*1\s*│\s*2 000 so‘m/);
    assert.match(table.stdout, /Payments: cash 2 000 so‘m, card 0 so‘m, QR 0 so‘m/);
  });

  /** POS-01 reports its fiscal module's oldest unsent receipt, as a register's sync does. */
  async function reportFiscalStatus(status: ReturnType<typeof deviceStatusEvent>): Promise<void> {
    const pushed = await fetch(`${server.url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await registerToken()}` },
      body: JSON.stringify({ events: [status.event] }),
    });
    assert.equal(pushed.status, 200);
  }

  it('lists registers with their version, fiscal countdown and unapplied changes', async () => {
    // The oldest receipt not yet at the tax server is 19 h 30 min old: about 4 h before the fiscal module stops sales.
    const status = deviceStatusEvent({ hoursAgo: 19.5, unappliedCoupon: true });
    await reportFiscalStatus(status);
    const list = ok(await asOwner('devices', 'list')).stdout;
    const row = list.split('\n').find((line) => line.includes('POS-01'))!;
    assert.match(row, /│\s*0\.1\.0\s*│\s*UZ170703100477: 4 h \d+ min left\s*│\s*1\s*│/);
    const listed = await json('devices', 'list');
    assert.equal(listed.devices[0].report.fiscal.oldestUnsentAt, status.oldestUnsentAt);
  });

  it("counts a register's fiscal countdown from its own limit (48 h), not a fixed day", async () => {
    // The same receipt on a register set with `pos fiscal set … --block-after 48`.
    await reportFiscalStatus(deviceStatusEvent({ hoursAgo: 19.5, blockAfterHours: 48 }));
    const row = ok(await asOwner('devices', 'list'))
      .stdout.split('\n')
      .find((line) => line.includes('POS-01'))!;
    assert.match(row, /UZ170703100477: 28 h \d+ min left/);
    const listed = await json('devices', 'list');
    assert.equal(listed.devices[0].report.fiscal.blockAfterHours, 48);
  });

  it('shows and changes the store settings; an odd rounding is refused and nothing changes', async () => {
    const shown = ok(await asOwner('settings')).stdout;
    assert.match(shown, /Cash total rounding\s*│\s*off/);
    assert.match(shown, /Cashier discount limit\s*│\s*10%/);
    const set = ok(
      await asOwner(
        'settings',
        'set',
        '--cash-rounding',
        '100',
        '--max-discount',
        '5',
        '--receipt-header',
        'Rahmat!',
        '--scale-prefixes',
        '21,22',
        '--scale-value',
        'price',
      ),
    );
    assert.match(set.stdout, /Settings saved/);
    assert.match(set.stdout, /Cash total rounding\s*│\s*100 so‘m/);
    const saved = (await json('settings', 'show')).settings;
    assert.equal(saved.cashRounding, 10_000);
    assert.equal(saved.maxCashierDiscount, 500);
    assert.equal(saved.receiptHeader, 'Rahmat!');
    assert.deepEqual(saved.scaleBarcode, { prefixes: ['21', '22'], itemDigits: 5, value: 'price' });

    const odd = await asOwner('settings', 'set', '--cash-rounding', '20');
    assert.equal(odd.code, 1);
    assert.match(odd.stderr, /--cash-rounding — 0, 50 or 100 so‘m/);
    const nothing = await asOwner('settings', 'set');
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /at least one setting/);
    ok(await asOwner('settings', 'set', '--no-scale', '--no-receipt-header'));
    const after = (await json('settings')).settings;
    assert.equal(after.cashRounding, 10_000);
    assert.equal(after.scaleBarcode, null);
    assert.equal(after.receiptHeader, null);
  });

  it('rejects a bad option with exit 1 and a message naming the flag', async () => {
    const bad = await asOwner('products', 'add', '--sku', 'X-1', '--name', 'X', '--price', 'twelve');
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /--price — so‘m, e.g\. 12500 or 12500\.50/);
    const badQty = await asOwner('stock', 'receive', 'NON-1', 'many');
    assert.equal(badQty.code, 1);
    assert.match(badQty.stderr, /NON-1:many/);
  });
});
