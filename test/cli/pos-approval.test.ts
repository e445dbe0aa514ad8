import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { newId } from '../../src/common/ids.js';
import { hashSecret } from '../../src/node/secret-hash.js';
import { Database } from '../../src/node/sqlite-driver.js';
import { closeRegister, openRegister, settingsOf } from '../../src/terminal/register/context.js';
import { applyChange } from '../../src/terminal/store/queries/catalog.js';
import { storePath } from '../../src/terminal/store/connection.js';
import { assertBuilt, ok, runCli } from '../helpers/cli.js';
import { offlineRegister, type OfflineRegister } from '../helpers/register.js';

const SUPERVISOR_PIN = '7777';
/** util-linux `script` runs a command on a pseudo-terminal, as a cashier's shell would. */
const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs `pos …` on a pseudo-terminal and types `typed` + Enter once the prompt shows; the whole screen output. */
function posOnTerminal(dataDir: string, args: string[], prompt: string, typed: string) {
  const command = ['node', 'bin/pos.js', '--data-dir', dataDir, ...args]
    .map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  return new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (!answered && screen.includes(prompt)) {
        answered = true;
        child.stdin.write(`${typed}\r`);
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen }));
  });
}

/** `pos refund` and `pos cash out` in a store that wants a supervisor for both (Zafar; Dilnoza is the cashier). */
describe('pos refund and pos cash out honour the store’s approvals (offline register)', function () {
  let r: OfflineRegister;
  let supervisorId: string;
  const pos = (...args: string[]) => runCli('pos', ['--data-dir', r.dataDir, ...args]);

  const audit = (action: string): Array<Record<string, unknown>> => {
    const db = new Database(storePath(r.dataDir), { readonly: true });
    try {
      return (
        db
          .prepare('SELECT cashier_id, data FROM audit_log WHERE action = ? ORDER BY rowid')
          .all(action) as Array<{
          cashier_id: string | null;
          data: string;
        }>
      ).map((row) => ({ cashierId: row.cashier_id, ...(JSON.parse(row.data) as Record<string, unknown>) }));
    } finally {
      db.close();
    }
  };
  const count = (sql: string) => {
    const db = new Database(storePath(r.dataDir), { readonly: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  };

  before(async () => {
    assertBuilt();
    r = await offlineRegister();
    supervisorId = newId();
    applyChange(r.ctx.db, {
      entity: 'cashier',
      op: 'upsert',
      id: supervisorId,
      data: {
        name: 'Zafar',
        pinHash: await hashSecret(SUPERVISOR_PIN, 10),
        active: true,
        role: 'supervisor',
      },
    });
    applyChange(r.ctx.db, {
      entity: 'settings',
      op: 'upsert',
      id: 'store',
      data: {
        ...settingsOf(r.ctx),
        approvals: {
          refund: true,
          voidAfterPayment: false,
          cancelAbove: null,
          discountAboveLimit: false,
          cashOut: true,
        },
      },
    });
    closeRegister(r.ctx);
    ok(await pos('login', '--pin', r.pin));
    ok(await pos('shift', 'open', '--cash', '100000'));
    ok(await pos('sell', '--item', `2*${r.barcodes.milk}`, '--pay', 'cash:25000'));
  });
  after(() => {
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('refuses a refund without --supervisor-pin in the words of the register’s screen, writing nothing', async () => {
    const refused = await pos('refund', 'POS-01-000001', '--item', `1*${r.barcodes.milk}`);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Nazoratchi tasdig‘i kerak: qaytarish · 12 500 so‘m/);
    assert.match(refused.stderr, /--supervisor-pin/);
    const en = await pos('--lang', 'en', 'refund', 'POS-01-000001');
    assert.equal(en.code, 1);
    assert.match(en.stderr, /Supervisor approval needed: refund · 25 000 so‘m/);
    assert.equal(count('SELECT COUNT(*) FROM refunds'), 0);
    assert.deepEqual(audit('approval.given'), []);
  });

  it('refuses a cashier’s PIN as the UI does, and records the failed PIN for the owner', async () => {
    const cashierPin = await pos('refund', 'POS-01-000001', '--supervisor-pin', r.pin);
    assert.equal(cashierPin.code, 1);
    assert.match(cashierPin.stderr, /Bu nazoratchining PIN kodi emas: amal tasdiqlanmadi\./);
    assert.equal(count('SELECT COUNT(*) FROM refunds'), 0);
    assert.deepEqual(audit('pin.failed'), [
      { cashierId: r.cashierId, attempts: 1, locked: false, act: 'refund' },
    ]);
  });

  it('refunds with a supervisor’s PIN and records who approved it, with the refund', async () => {
    const done = await pos(
      'refund',
      'POS-01-000001',
      '--item',
      `1*${r.barcodes.milk}`,
      '--reason',
      'muddati o‘tgan',
      '--supervisor-pin',
      SUPERVISOR_PIN,
    );
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /Qaytarildi: POS-01-R000001 — 12 500 so‘m/);
    assert.match(done.stdout, /Tasdiqladi: Zafar/);
    assert.equal(count('SELECT COUNT(*) FROM refunds'), 1);
    assert.deepEqual(audit('approval.given'), [
      { cashierId: r.cashierId, approvedBy: supervisorId, act: 'refund', amount: 1_250_000 },
    ]);
  });

  it('asks for a supervisor on a cash out but not on a cash in', async () => {
    ok(await pos('cash', 'in', '5000', '--reason', 'mayda pul'));
    const refused = await pos('cash', 'out', '20000', '--reason', 'inkassatsiya');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Nazoratchi tasdig‘i kerak: kassadan pul olish · 20 000 so‘m/);
    assert.equal(count('SELECT COUNT(*) FROM cash_movements WHERE amount < 0'), 0);
    const done = await pos(
      '--json',
      'cash',
      'out',
      '20000',
      '--reason',
      'inkassatsiya',
      '--supervisor-pin',
      SUPERVISOR_PIN,
    );
    assert.equal(done.code, 0, done.stderr);
    assert.deepEqual(JSON.parse(done.stdout), {
      amount: -2_000_000,
      reason: 'inkassatsiya',
      approvedBy: 'Zafar',
    });
    assert.deepEqual(audit('approval.given').at(-1), {
      cashierId: r.cashierId,
      approvedBy: supervisorId,
      act: 'cashOut',
      amount: 2_000_000,
      reason: 'inkassatsiya',
    });
  });

  it('five wrong supervisor PINs in a row lock them for a minute, as on the PIN screen, all recorded', async () => {
    const failuresBefore = audit('pin.failed').length;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await pos(
        'cash',
        'out',
        '1000',
        '--reason',
        'taksi',
        '--supervisor-pin',
        `000${attempt}`,
      );
      assert.equal(wrong.code, 1);
      assert.match(
        wrong.stderr,
        attempt < 5
          ? /Bu nazoratchining PIN kodi emas/
          : /Juda ko‘p noto‘g‘ri PIN\. (5\d|60) soniyadan keyin urinib ko‘ring\./,
      );
    }
    assert.deepEqual(
      audit('pin.failed')
        .slice(failuresBefore)
        .map((entry) => [entry.attempts, entry.locked]),
      [
        [1, false],
        [2, false],
        [3, false],
        [4, false],
        [5, true],
      ],
    );
    // While locked even the right PIN is not looked at, and no attempt is counted.
    const locked = await pos('cash', 'out', '1000', '--reason', 'taksi', '--supervisor-pin', SUPERVISOR_PIN);
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, /Juda ko‘p noto‘g‘ri PIN/);
    assert.equal(audit('pin.failed').length, failuresBefore + 5);
    assert.equal(count("SELECT COUNT(*) FROM cash_movements WHERE reason = 'taksi'"), 0);

    // A minute later (the lock's entry moved back in time): the supervisor's PIN works again.
    const db = new Database(storePath(r.dataDir));
    try {
      db.prepare(
        "UPDATE audit_log SET at = ? WHERE rowid = (SELECT MAX(rowid) FROM audit_log WHERE action = 'pin.failed')",
      ).run(new Date(Date.now() - 61_000).toISOString());
    } finally {
      db.close();
    }
    ok(await pos('cash', 'out', '1000', '--reason', 'taksi', '--supervisor-pin', SUPERVISOR_PIN));
  });

  it('asks for the supervisor’s PIN with a hidden prompt when run on a terminal', async function () {
    if (!hasScript) return this.skip();
    const { code, screen } = await posOnTerminal(
      r.dataDir,
      ['cash', 'out', '1000', '--reason', 'pochta'],
      'Nazoratchi PIN:',
      SUPERVISOR_PIN,
    );
    assert.equal(code, 0, screen);
    assert.doesNotMatch(screen, new RegExp(SUPERVISOR_PIN), 'the PIN is never shown');
    assert.match(screen, /Tasdiqladi: Zafar/);
    assert.deepEqual(audit('approval.given').at(-1), {
      cashierId: r.cashierId,
      approvedBy: supervisorId,
      act: 'cashOut',
      amount: 100_000,
      reason: 'pochta',
    });
  });

  it('asks nobody once the store stops wanting a supervisor', async () => {
    const ctx = openRegister(r.dataDir);
    try {
      applyChange(ctx.db, {
        entity: 'settings',
        op: 'upsert',
        id: 'store',
        data: { ...settingsOf(ctx), approvals: undefined },
      });
    } finally {
      closeRegister(ctx);
    }
    const done = await pos('refund', 'POS-01-000001');
    assert.equal(done.code, 0, done.stderr);
    assert.doesNotMatch(done.stdout, /Tasdiqladi/);
    assert.equal(audit('approval.given').length, 4);
  });
});
