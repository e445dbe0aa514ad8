import assert from 'node:assert/strict';
import { closeRegister, openRegister } from '../../../src/terminal/register/context.js';
import { keys, registerPerTest, type RunningApp, startApp, startSelling } from '../../helpers/ink.js';

/**
 * Every change of the open sale is written as it happens, so stopping the screen with nothing written at the end
 * (what a kill or a power cut does) and opening the store again must bring the sale back as the cashier left it.
 */
describe('the open sale survives a crash', () => {
  const r = registerPerTest();

  /** Drops the screen and the store handle without any cleanup, then opens the data dir again. */
  function crash(app: RunningApp) {
    app.unmount();
    closeRegister(r.ctx);
    r.ctx = openRegister(r.dataDir);
  }

  it('restores lines, discounts and tenders entered, with a line saying so', async () => {
    let app = await startSelling(r);
    await app.send(`3*${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f4);
    await app.waitFor('Chegirma: Non patir');
    await app.send('10%', keys.enter);
    await app.waitFor((f) => /JAMI\s+42 000 so‘m/.test(f));
    await app.send(keys.f12);
    await app.waitFor('To‘lanadi');
    await app.send('20000', keys.enter);
    await app.waitFor((f) => /Qoldi\s+22 000 so‘m/.test(f));

    crash(app);
    app = await startApp(r);
    await app.send(r.pin, keys.enter);
    await app.waitFor('Tugallanmagan chek tiklandi: 2 qator, 42 000 so');
    await app.waitFor((f) => /Qoldi\s+22 000 so‘m/.test(f) && f.includes('Naqd  20 000'));
    await app.send(keys.enter);
    await app.waitFor('TO‘LANDI — POS-01-000001');
    const sale = r.ctx.db.prepare('SELECT total FROM sales').get() as { total: number };
    assert.equal(sale.total, 4_200_000);
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM open_sale').pluck().get(), 0);

    // Paid: nothing comes back after the next crash.
    crash(app);
    app = await startApp(r);
    await app.send(r.pin, keys.enter);
    await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f));
    assert.ok(!app.frame().includes('tiklandi'));
  });

  it('keeps nothing once the sale is cancelled or parked', async () => {
    let app = await startSelling(r);
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
    crash(app);
    app = await startApp(r);
    await app.send(r.pin, keys.enter);
    await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f) && f.includes('Kechiktirilgan: 1'));
  });
});

describe('quitting with an open sale', () => {
  const r = registerPerTest();

  const audit = () =>
    // In the order written: two records may share a millisecond.
    r.ctx.db.prepare('SELECT action, data FROM audit_log ORDER BY rowid').all() as Array<{
      action: string;
      data: string;
    }>;

  it('Ctrl+C asks; 1 parks the sale, records the quit and closes', async () => {
    const app = await startSelling(r);
    await app.send(`2*${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(keys.ctrl('c'));
    await app.waitFor('Ochiq chek bor: 1 qator, 25 000 so');
    assert.equal(app.quits(), 0);
    await app.send('1');
    await app.waitFor(() => app.quits() === 1);
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM parked_sales').pluck().get(), 1);
    const quit = audit().find((a) => a.action === 'quit.with.open.sale');
    assert.deepEqual(JSON.parse(quit!.data), {
      choice: 'parked',
      lineCount: 1,
      amount: 2_500_000,
    });
  });

  it('Ctrl+Q then 2 cancels only with a reason; Esc goes back to the sale', async () => {
    const app = await startSelling(r);
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.ctrl('q'));
    await app.waitFor('Ochiq chek bor');
    await app.send(keys.escape);
    await app.waitFor((f) => /Non patir\s+1/.test(f) && !f.includes('Ochiq chek bor'));
    await app.send(keys.ctrl('q'));
    await app.waitFor('Ochiq chek bor');
    await app.send('2');
    await app.waitFor('Chekni bekor qilish sababi (keyin dastur yopiladi)');
    await app.send(keys.enter);
    await app.waitFor('Sababini yozing');
    assert.equal(app.quits(), 0);
    await app.send('mijoz pul olib kelmadi', keys.enter);
    await app.waitFor(() => app.quits() === 1);
    assert.deepEqual(
      audit().map((a) => a.action),
      ['sale.cancelled', 'quit.with.open.sale'],
    );
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM open_sale').pluck().get(), 0);
  });

  it('quits at once with an empty cart', async () => {
    const app = await startSelling(r);
    await app.send(keys.ctrl('c'));
    await app.waitFor(() => app.quits() === 1);
    assert.deepEqual(audit(), []);
  });
});
