import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import { storeDayOf } from '../../src/common/time.js';
import {
  cliShop,
  ok,
  runPosappInProcess,
  startCliServer,
  type CliServer,
  type CliShop,
} from '../helpers/cli.js';

const OWNER = { email: 'owner@aziza.uz', password: 'owner-pass-1' };

/** Supervisors, approvals, quick keys and the audit report through `posapp`'s program (SQLite, as owner-commands). */
describe('loss-prevention commands through posapp [sqlite]', function () {
  this.timeout(120_000);

  let server: CliServer;
  let shop: CliShop;
  let deviceToken: string;
  const asOwner = (...args: string[]) => shop.asOwner(...args);
  const json = async (...args: string[]) => JSON.parse(ok(await asOwner('--json', ...args)).stdout);

  before(async function () {
    this.timeout(120_000);
    server = await startCliServer('sqlite', 'loss');
    shop = await cliShop(server, {
      tenantName: 'Aziza Market',
      storeName: 'Yunusobod',
      owner: OWNER,
      loginOwner: true,
      lang: 'en',
      posapp: runPosappInProcess,
    });
    deviceToken = await shop.deviceToken();
  });
  after(async () => {
    await server?.stop('SIGINT');
  });

  it('adds a supervisor, refuses a PIN someone active has, and takes a disabled person back', async () => {
    ok(await asOwner('users', 'add', '--role', 'cashier', '--name', 'Aziza', '--pin', '1234'));
    assert.match(
      ok(await asOwner('users', 'add', '--role', 'supervisor', '--name', 'Rustam', '--pin', '5678')).stdout,
      /User added: Rustam \(supervisor\)/,
    );
    const clash = await asOwner('users', 'add', '--role', 'cashier', '--name', 'Botir', '--pin', '5678');
    assert.equal(clash.code, 1);
    assert.match(clash.stderr, /Another person of this shop already has this PIN/);
    const uz = await runPosappInProcess([
      '--config-dir',
      shop.ownerDir,
      'users',
      'pin',
      'Aziza',
      '--pin',
      '5678',
    ]);
    assert.equal(uz.code, 1);
    assert.match(uz.stderr, /Bu PIN do‘konning boshqa xodimida bor/);

    ok(await asOwner('users', 'disable', 'Aziza'));
    ok(await asOwner('users', 'pin', 'Rustam', '--pin', '1234'));
    const back = await asOwner('users', 'enable', 'Aziza');
    assert.equal(back.code, 1);
    assert.match(back.stderr, /already has this PIN/);
    ok(await asOwner('users', 'pin', 'Aziza', '--pin', '4321'));
    assert.match(ok(await asOwner('users', 'enable', 'Aziza')).stdout, /Enabled: Aziza/);
    const { users } = await json('users', 'list');
    const roles = new Map(users.map((u: { name: string; role: string; active: boolean }) => [u.name, u]));
    assert.deepEqual(
      ['Aziza', 'Rustam'].map((name) => {
        const u = roles.get(name) as { role: string; active: boolean };
        return [u.role, u.active];
      }),
      [
        ['cashier', true],
        ['supervisor', true],
      ],
    );
  });

  it('sets the acts that need a supervisor and the quick keys by SKU', async () => {
    ok(await asOwner('products', 'add', '--sku', 'NON-1', '--name', 'Non patir', '--price', '5000'));
    ok(await asOwner('products', 'add', '--sku', 'PAKET-1', '--name', 'Paket', '--price', '200'));
    const set = ok(
      await asOwner('settings', 'set', '--approve', 'refund,cash-out', '--approve-cancel-above', '500000'),
    );
    assert.match(
      set.stdout,
      /Supervisor approval for\s*│\s*refund, cash-out, cancelling a sale above 500 000/,
    );
    let saved = (await json('settings')).settings;
    assert.deepEqual(saved.approvals, {
      refund: true,
      voidAfterPayment: false,
      cancelAbove: 50_000_000,
      discountAboveLimit: false,
      cashOut: true,
    });
    ok(await asOwner('settings', 'set', '--approve', 'none', '--no-approve-cancel-above'));
    saved = (await json('settings')).settings;
    assert.deepEqual(Object.values(saved.approvals), [false, false, null, false, false]);
    const bad = await asOwner('settings', 'set', '--approve', 'refund,everything');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--approve/);

    const keys = ok(await asOwner('settings', 'quick-keys', 'PAKET-1', 'NON-1')).stdout;
    assert.match(keys, /1\. Paket \(PAKET-1\)\n2\. Non patir \(NON-1\)/);
    const shown = await json('settings', 'quick-keys');
    assert.deepEqual(
      shown.map((p: { sku: string }) => p.sku),
      ['PAKET-1', 'NON-1'],
    );
    const missing = await asOwner('settings', 'quick-keys', 'NO-SUCH');
    assert.equal(missing.code, 1);
    ok(await asOwner('settings', 'quick-keys', '--clear'));
    assert.deepEqual((await json('settings')).settings.quickKeys, []);
  });

  it('sets how many days of sales registers keep, 7 to 3650', async () => {
    const set = ok(await asOwner('settings', 'set', '--register-keep-days', '30')).stdout;
    assert.match(set, /Sales kept on registers\s*│\s*30 days/);
    assert.equal((await json('settings')).settings.registerKeepDays, 30);
    for (const days of ['6', '3651', 'ninety']) {
      const bad = await asOwner('settings', 'set', '--register-keep-days', days);
      assert.equal(bad.code, 1, days);
      assert.match(bad.stderr, /--register-keep-days/);
    }
    assert.equal((await json('settings')).settings.registerKeepDays, 30);
  });

  it('lists what registers recorded, filtered, as a table and CSV; cashier rows of sales show the counts', async () => {
    // The people the first test adds, when this one runs alone.
    const known = new Set((await json('users', 'list')).users.map((u: { name: string }) => u.name));
    if (!known.has('Aziza'))
      ok(await asOwner('users', 'add', '--role', 'cashier', '--name', 'Aziza', '--pin', '4321'));
    if (!known.has('Rustam')) {
      ok(await asOwner('users', 'add', '--role', 'supervisor', '--name', 'Rustam', '--pin', '1234'));
    }
    const { users } = await json('users', 'list');
    const aziza = users.find((u: { name: string }) => u.name === 'Aziza').id as string;
    const rustam = users.find((u: { name: string }) => u.name === 'Rustam').id as string;
    // Seconds ago: the server refuses events from before the register's activation (beyond a few minutes).
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    const event = (kind: string, secondsAgo: number, data: Record<string, unknown>) => ({
      id: newId(),
      type: 'audit.recorded',
      occurredAt: at(secondsAgo),
      data: { kind, detail: {}, ...data },
    });
    const events = [
      event('line.voided', 30, {
        cashierId: aziza,
        amount: 500_000,
        reason: 'xato',
        detail: { 'line.name': 'Non' },
      }),
      event('sale.cancelled', 20, { cashierId: aziza, amount: 1_200_000, reason: 'mijoz ketdi' }),
      event('approval.given', 10, { cashierId: aziza, approvedBy: rustam, detail: { act: 'refund' } }),
      event('pin.failed', 5, { detail: { attempts: 3 } }),
    ];
    const pushed = await fetch(`${server.url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({ events }),
    });
    assert.equal(pushed.status, 200);

    // From yesterday (store days), so events of the last half hour are in whatever the hour.
    const since = ['--from', storeDayOf(Date.now() - 24 * 3600_000)];
    const table = ok(await asOwner('reports', 'audit', ...since)).stdout;
    assert.match(
      table,
      /POS-01\s*│\s*Aziza\s*│\s*line\.voided\s*│\s*5 000 so.m\s*│\s*xato\s*│\s*│\s*line\.name: Non/,
    );
    assert.match(table, /approval\.given\s*│\s*│\s*│\s*Rustam\s*│\s*act: refund/);
    const onlyAziza = await json(
      'reports',
      'audit',
      ...since,
      '--cashier',
      'Aziza',
      '--kind',
      'sale.cancelled',
    );
    assert.deepEqual(
      onlyAziza.events.map((e: { id: string }) => e.id),
      [events[1]!.id],
    );
    const byRegister = await json('reports', 'audit', ...since, '--register', 'POS-01');
    assert.equal(byRegister.events.length, 4);
    const csv = ok(await asOwner('reports', 'audit', ...since, '--kind', 'line.voided', '--csv'))
      .stdout.trim()
      .split('\n');
    assert.equal(csv[0], 'occurredAt,register,cashier,kind,amount,reason,approvedBy,detail');
    assert.deepEqual(csv.slice(1), [
      `${events[0]!.occurredAt},POS-01,Aziza,line.voided,5000.00,xato,,line.name: Non`,
    ]);
    const badKind = await asOwner('reports', 'audit', '--kind', 'everything');
    assert.equal(badKind.code, 1);

    const sales = ok(await asOwner('reports', 'sales', ...since, '--by', 'cashier')).stdout;
    assert.match(sales, /Voided lines\s*│\s*Cancelled sales\s*│\s*Refunds made/);
    assert.match(sales, /Aziza(\s*│[^│]+){5}│\s*1\s*│\s*1\s*│\s*0/);
  });
});
