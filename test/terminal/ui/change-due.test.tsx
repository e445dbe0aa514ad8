import assert from 'node:assert/strict';
import { keys, registerPerTest, startSelling } from '../../helpers/ink.js';

describe('change due while cash is typed', () => {
  const r = registerPerTest();

  it('shows the change for the amount in the field before Enter completes the sale', async () => {
    const app = await startSelling(r);
    await app.send(`${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(keys.f12);
    await app.waitFor('To‘lanadi');
    await app.send('2');
    await app.waitFor((f) => /Qoldi\s+12 498 so‘m/.test(f));
    await app.send('0000');
    await app.waitFor((f) => /Qaytim\s+7 500 so‘m/.test(f) && /Qoldi\s+0 so‘m/.test(f));
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM sales').pluck().get(), 0);
    await app.send(keys.backspace);
    await app.waitFor((f) => /Qaytim\s+0 so‘m/.test(f) && /Qoldi\s+10 500 so‘m/.test(f));
    await app.send('0', keys.enter);
    await app.waitFor('TO‘LANDI — POS-01-000001');
    const sale = JSON.parse(r.ctx.db.prepare('SELECT data FROM sales').pluck().get() as string) as {
      change: number;
    };
    assert.equal(sale.change, 750_000);
  });
});
