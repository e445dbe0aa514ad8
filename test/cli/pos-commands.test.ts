import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Database } from '../../src/node/sqlite-driver.js';
import { closeRegister } from '../../src/terminal/register/context.js';
import { openStore, storePath } from '../../src/terminal/store/connection.js';
import { keepUnapplied, setUpdateRequired } from '../../src/terminal/store/queries/drift.js';
import { assertBuilt, runCli } from '../helpers/cli.js';
import { offlineRegister, type OfflineRegister } from '../helpers/register.js';

describe('pos headless commands (offline register)', function () {
  let r: OfflineRegister;
  const pos = (...args: string[]) => runCli('pos', ['--data-dir', r.dataDir, ...args]);

  before(async () => {
    assertBuilt();
    r = await offlineRegister({ cashRounding: 10_000 });
    // The commands open the store themselves; the helper's connection is not needed.
    closeRegister(r.ctx);
  });
  after(() => {
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('refuses to sell before a cashier logs in, and a wrong PIN', async () => {
    const sell = await pos('sell', '--item', r.barcodes.milk);
    assert.equal(sell.code, 1);
    assert.match(sell.stderr, /PIN/);
    const wrong = await pos('login', '--pin', '0000');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /PIN noto‘g‘ri/);
  });

  it('sells with cash and change after login and opening the shift, rounding cash to 100 so‘m', async () => {
    assert.equal((await pos('login', '--pin', r.pin)).code, 0);
    const noShift = await pos('sell', '--item', r.barcodes.milk);
    assert.equal(noShift.code, 1);
    assert.match(noShift.stderr, /Smena ochilmagan/);
    const open = await pos('shift', 'open', '--cash', '100000');
    assert.equal(open.code, 0, open.stderr);
    // 12 500 + 1.25 kg × 15 000 = 31 250 → 31 200 in cash (rounded down to 100 so'm, never up)
    const sold = await pos('sell', '--item', r.barcodes.milk, '--item', '1.25*00042', '--pay', 'cash:50000');
    assert.equal(sold.code, 0, sold.stderr);
    assert.match(sold.stdout, /POS-01-000001/);
    assert.match(sold.stdout, /31 200 so'm/);
    assert.match(sold.stdout, /18 800 so'm/, 'change');
    const db = new Database(storePath(r.dataDir), { readonly: true });
    try {
      const sale = db.prepare('SELECT total, data FROM sales WHERE receipt_no = ?').get('POS-01-000001') as {
        total: number;
        data: string;
      };
      assert.equal(sale.total, 3_120_000);
      assert.equal(JSON.parse(sale.data).change, 1_880_000);
      const event = db.prepare("SELECT status FROM outbox WHERE type = 'sale.completed'").get() as {
        status: string;
      };
      assert.equal(event.status, 'pending');
    } finally {
      db.close();
    }
  });

  it('splits card and cash, refuses underpayment, and prints JSON for scripts', async () => {
    const under = await pos('sell', '--item', `2*${r.barcodes.bread}`, '--pay', 'cash:5000');
    assert.equal(under.code, 1);
    assert.match(under.stderr, /To‘lov yetarli emas/);
    const split = await pos(
      '--json',
      'sell',
      '--item',
      `2*${r.barcodes.bread}`,
      '--pay',
      'card:6000:humo:T-12',
      '--pay',
      'cash',
    );
    assert.equal(split.code, 0, split.stderr);
    const body = JSON.parse(split.stdout);
    assert.equal(body.sale.receiptNo, 'POS-01-000002');
    assert.deepEqual(body.sale.payments, [
      { method: 'card', amount: 600_000, cardType: 'humo', reference: 'T-12' },
      { method: 'cash', amount: 400_000 },
    ]);
    // QR (or card) without an amount pays the exact total, whatever the cash rounding: 12 500 so'm.
    const qr = await pos('--json', 'sell', '--item', r.barcodes.milk, '--pay', 'qr');
    assert.equal(qr.code, 0, qr.stderr);
    const qrSale = JSON.parse(qr.stdout).sale;
    assert.equal(qrSale.total, 1_250_000);
    assert.deepEqual(qrSale.payments, [{ method: 'qr', amount: 1_250_000, cardType: 'click' }]);
  });

  it('refunds an item of an earlier sale, moves cash, reports X, closes with Z', async () => {
    const refund = await pos(
      'refund',
      'POS-01-000001',
      '--item',
      r.barcodes.milk,
      '--reason',
      'muddati o‘tgan',
    );
    assert.equal(refund.code, 0, refund.stderr);
    assert.match(refund.stdout, /POS-01-R000001/);
    const over = await pos('refund', 'POS-01-000001', '--item', r.barcodes.milk);
    assert.equal(over.code, 1);
    // Half a kilo of the 1.25 kg of apples: 18 750 × 0.5 / 1.25 = 7 500 so'm; bread goes back in whole pieces.
    const weighed = await pos('refund', 'POS-01-000001', '--item', '0.5*00042');
    assert.equal(weighed.code, 0, weighed.stderr);
    assert.match(weighed.stdout, /0,500 kg x 15 000\s+= 7 500/);
    const half = await pos('refund', 'POS-01-000002', '--item', `0.5*${r.barcodes.bread}`);
    assert.equal(half.code, 1);
    assert.match(half.stderr, /Miqdor noto‘g‘ri: 0\.500/);
    const out = await pos('cash', 'out', '20000', '--reason', 'inkassatsiya');
    assert.equal(out.code, 0, out.stderr);
    const x = await pos('--json', 'shift', 'report');
    assert.equal(JSON.parse(x.stdout).report.kind, 'X');
    const z = await pos('shift', 'close', '--counted', '100000');
    assert.equal(z.code, 0, z.stderr);
    assert.match(z.stdout, /Z-HISOBOT/);
    // 100 000 opening + 31 200 cash sale + 4 000 cash of the split − 12 400 and 7 400 cash refunds (each
    // line's share of the sale's 50 so'm rounding stays with it, and cash goes back rounded down) − 20 000 out
    assert.match(z.stdout, /Kutilgan naqd\s+95 400 so'm/);
    assert.match(z.stdout, /Farq\s+4 600 so'm/);
  });

  it('shows the register status with events waiting', async () => {
    const status = await pos('--json', 'status');
    assert.equal(status.code, 0, status.stderr);
    const body = JSON.parse(status.stdout);
    assert.equal(body.device.name, 'POS-01');
    assert.equal(body.eventsWaiting, 8);
    assert.equal(body.connection, 'offline');
    assert.equal(body.lastSyncAt, null);
  });

  it('lists pulled changes it could not apply and a server’s demand to update', async () => {
    const store = openStore(r.dataDir);
    try {
      keepUnapplied(store, {
        entity: 'coupon',
        id: 'SPRING-10',
        reason: 'unknown entity coupon',
        version: 42,
        change: { entity: 'coupon', op: 'upsert', id: 'SPRING-10', data: {} },
      });
      setUpdateRequired(store, '9.0.0');
    } finally {
      store.close();
    }
    const body = JSON.parse((await pos('--json', 'status')).stdout);
    assert.equal(body.unappliedCount, 1);
    assert.deepEqual(
      body.unappliedChanges.map((c: Record<string, unknown>) => [c.entity, c.id, c.reason, c.version]),
      [['coupon', 'SPRING-10', 'unknown entity coupon', 42]],
    );
    assert.equal(body.updateRequired, '9.0.0');
    const human = await pos('--lang', 'en', 'status');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /Unapplied changes\s*│\s*1/);
    assert.match(human.stdout, /coupon SPRING-10 \(v42\): unknown entity coupon/);
    assert.match(human.stdout, /Update this register: the server needs version 9\.0\.0 or newer/);
  });

  it('says clearly when the server cannot be reached, and keeps every event', async () => {
    const res = await pos('sync');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /Serverga ulanib bo‘lmadi/);
    const status = JSON.parse((await pos('--json', 'status')).stdout);
    assert.equal(status.eventsWaiting, 8);
  });

  describe('receipt printer', () => {
    let server: Server;
    let received: Buffer[];
    before(async () => {
      received = [];
      server = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('prints a reprint to a TCP printer in ESC/POS with the drawer kick for cash', async () => {
      const port = (server.address() as AddressInfo).port;
      assert.equal((await pos('printer', 'set', `tcp://127.0.0.1:${port}`, '--paper', '58')).code, 0);
      const res = await pos('receipt', 'POS-01-000001', '--print');
      assert.equal(res.code, 0, res.stderr);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const bytes = Buffer.concat(received);
      assert.deepEqual([...bytes.subarray(0, 2)], [0x1b, 0x40], 'initialise');
      assert.ok(bytes.includes(Buffer.from([0x1b, 0x74, 17])), 'code page CP866');
      assert.ok(bytes.includes(Buffer.from('POS-01-000001')), 'receipt number');
      assert.ok(bytes.includes(Buffer.from([0x1d, 0x56])), 'cut');
      assert.ok(bytes.includes(Buffer.from([0x1b, 0x70, 0x00])), 'drawer kick on pin 2');
    });

    it('keeps the sale and says so when the printer is unreachable', async () => {
      for (const args of [
        ['printer', 'set', 'tcp://127.0.0.1:9'],
        ['login', '--pin', r.pin],
        ['shift', 'open'],
      ]) {
        const step = await pos(...args);
        assert.equal(step.code, 0, `${args.join(' ')}: ${step.stderr}`);
      }
      const res = await pos('sell', '--item', r.barcodes.bread, '--pay', 'cash', '--print');
      assert.equal(res.code, 1);
      assert.match(res.stdout, /POS-01-000004/);
      assert.match(res.stderr, /Chek chop etilmadi.*Sotuv saqlangan/);
      const db = new Database(storePath(r.dataDir), { readonly: true });
      try {
        assert.ok(db.prepare('SELECT 1 FROM sales WHERE receipt_no = ?').get('POS-01-000004'));
      } finally {
        db.close();
      }
    });
  });
});
