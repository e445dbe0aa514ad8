import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { fiscaliseDocument, fiscalBar, fiscalStatus } from '../../../src/terminal/fiscal/service.js';
import { closeRegister } from '../../../src/terminal/register/context.js';
import { checkout, scanIntoCart } from '../../../src/terminal/register/selling.js';
import { emptyCart } from '../../../src/terminal/sale/cart.js';
import { hoursAndMinutes } from '../../../src/common/fiscal-countdown.js';
import { fiscalSegment } from '../../../src/terminal/ui/components/status-bar.js';
import { fiscalRegister, type FiscalRegister } from '../../helpers/fiscal.js';
import { keys, startApp, type RunningApp } from '../../helpers/ink.js';

const HOUR = 3600_000;

describe('register UI: the fiscal module countdown in the status bar', () => {
  let r: FiscalRegister;
  let app: RunningApp | undefined;
  beforeEach(async () => {
    r = await fiscalRegister({ blockAfterHours: 24 });
  });
  afterEach(async () => {
    app?.unmount();
    app = undefined;
    closeRegister(r.ctx);
    await r.emulator.close();
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  /** One receipt the FM signed `hours` ago and has not sent to the tax server since; the FM then asked. */
  async function receiptWaiting(hours: number): Promise<void> {
    r.emulator.clock = Date.now() - hours * HOUR;
    const sale = checkout(r.ctx, {
      cart: scanIntoCart(r.ctx, emptyCart, r.barcodes.bread).state,
      tenders: [{ method: 'cash', tendered: 1_000_000 }],
      cashier: r.cashier,
    });
    await fiscaliseDocument(r.ctx, sale.saleId);
    r.emulator.clock = Date.now();
    await fiscalStatus(r.ctx);
  }

  async function selling(total = 'JAMI'): Promise<RunningApp> {
    const running = await startApp(r);
    await running.send(r.pin, keys.enter);
    await running.waitFor(total);
    return running;
  }

  it('shows that everything reached the tax server, with no warning', async () => {
    await fiscalStatus(r.ctx);
    app = await selling();
    const frame = await app.waitFor('FM: yuborilgan');
    assert.doesNotMatch(frame, /to‘xtaydi/);
  });

  it('past half the limit shows the time left and says what to do', async () => {
    await receiptWaiting(13);
    app = await selling();
    const frame = await app.waitFor('to‘xtaydi: internetga ulaning');
    const { hours } = hoursAndMinutes(fiscalBar(r.ctx)!.countdown.leftMs!);
    assert.match(frame, new RegExp(`FM ${hours}:\\d\\d`));
    assert.match(frame, new RegExp(`FM ${hours} soat \\d+ daq\\.da to‘xtaydi`));
  });

  it('past three quarters urges the cashier; after a new answer from the FM the bar redraws', async () => {
    app = await selling();
    await app.waitFor('FM: yuborilgan');
    await receiptWaiting(19);
    app.monitor.nudge();
    const frame = await app.waitFor('Shoshiling: FM');
    assert.match(frame, /FM [45]:\d\d/);
  });

  it('once the limit is reached shows the block and that sales are kept', async () => {
    await receiptWaiting(25);
    app = await selling();
    const frame = await app.waitFor('FM BLOKLANGAN');
    assert.match(frame, /FM bloklandi: cheklar soliqqa yetmagan/);
  });

  it('says a remotely locked FM is blocked, in the cashier’s language', async () => {
    r.emulator.locked = true;
    await fiscalStatus(r.ctx);
    r.ctx.lang = 'en';
    app = await selling('TOTAL');
    await app.waitFor('FM BLOCKED');
    assert.match(app.frame(), /FM locked by the OFD/);
  });

  it('colours the countdown green, yellow past half, red past three quarters and when blocked', () => {
    const at = (level: 'ok' | 'half' | 'threeQuarters' | 'blocked', leftMs: number | null) =>
      fiscalSegment('en', { countdown: { level, leftMs }, locked: false });
    assert.deepEqual(at('ok', null), { text: 'FM: all sent', color: 'green', blocked: false });
    assert.deepEqual(at('ok', 20 * HOUR + 5 * 60_000), { text: 'FM 20:05', color: 'green', blocked: false });
    assert.equal(at('half', 11 * HOUR).color, 'yellow');
    assert.equal(at('threeQuarters', 5 * HOUR).color, 'red');
    assert.deepEqual(at('blocked', 0), { text: 'FM BLOCKED', color: 'red', blocked: true });
  });
});
