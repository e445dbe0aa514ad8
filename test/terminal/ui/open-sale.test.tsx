import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { closeRegister, openRegister } from '../../../src/terminal/register/context.js';
import { keys, startApp, startSelling, type RunningApp } from '../../helpers/ink.js';
import { offlineRegister, type OfflineRegister } from '../../helpers/register.js';

/**
 * Every change of the open sale is written as it happens, so stopping the screen with nothing written at the end
 * (what a kill or a power cut does) and opening the store again must bring the sale back as the cashier left it.
 */
describe('the open sale survives a crash', () => {
  let r: OfflineRegister;
  let app: RunningApp | undefined;
  beforeEach(async () => {
    r = await offlineRegister();
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
    closeRegister(r.ctx);
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  /** Drops the screen and the store handle without any cleanup, then opens the data dir again. */
  function crash() {
    app?.unmount();
    app = undefined;
    closeRegister(r.ctx);
    r.ctx = openRegister(r.dataDir);
  }

  it('restores lines, discounts and tenders entered, with a line saying so', async () => {
    app = await startSelling(r);
    await app.send(`3*${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f4);
    await app.waitFor('Chegirma: Non patir');
    await app.send('10%', keys.enter);
    await app.waitFor((f) => /JAMI\s+42 000 so'm/.test(f));
    await app.send(keys.f12);
    await app.waitFor('To‘lanadi');
    await app.send('20000', keys.enter);
    await app.waitFor((f) => /Qoldi\s+22 000 so'm/.test(f));

    crash();
    app = await startApp(r);
    await app.send(r.pin, keys.enter);
    await app.waitFor('Tugallanmagan chek tiklandi: 2 qator, 42 000 so');
    await app.waitFor((f) => /Qoldi\s+22 000 so'm/.test(f) && f.includes('Naqd  20 000'));
    await app.send(keys.enter);
    await app.waitFor('TO‘LANDI — POS-01-000001');
    const sale = r.ctx.db.prepare('SELECT total FROM sales').get() as { total: number };
    assert.equal(sale.total, 4_200_000);
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM open_sale').pluck().get(), 0);

    // Paid: nothing comes back after the next crash.
    crash();
    app = await startApp(r);
    await app.send(r.pin, keys.enter);
    await app.waitFor((f) => /JAMI\s+0 so'm/.test(f));
    assert.ok(!app.frame().includes('tiklandi'));
  });

  it('keeps nothing once the sale is cancelled or parked', async () => {
    app = await startSelling(r);
    await app.send(`${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(keys.f6);
    await app.waitFor('Chek kechiktirildi');
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f9);
    await app.waitFor('Chekni bekor qilish sababi');
    await app.send('mijoz ketdi', keys.enter);
    await app.waitFor('Chek bekor qilindi');
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM open_sale').pluck().get(), 0);
    crash();
    app = await startApp(r);
    await app.send(r.pin, keys.enter);
    await app.waitFor((f) => /JAMI\s+0 so'm/.test(f) && f.includes('Kechiktirilgan: 1'));
  });
});
