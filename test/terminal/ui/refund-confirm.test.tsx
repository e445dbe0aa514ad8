import assert from 'node:assert/strict';
import { keys, registerPerTest, sellBreadForCash, startSelling } from '../../helpers/ink.js';

describe('refund confirmation at the register', () => {
  const r = registerPerTest();

  const refunds = () =>
    (r.ctx.db.prepare('SELECT data FROM refunds ORDER BY rowid').pluck().all() as string[]).map(
      (data) => JSON.parse(data) as { payments: { method: string; amount: number }[]; reason?: string },
    );

  /** 30 × Sut 1 l (375 000 so‘m): `card` on a Uzcard with a reference, the rest in cash. */
  async function sellOnCard(card: string) {
    const app = await startSelling(r);
    await app.send(`30*${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(keys.f12);
    await app.waitFor('To‘lanadi');
    await app.send(keys.tab);
    await app.waitFor('[uzcard]');
    await app.send(card, keys.enter);
    await app.waitFor('Terminal cheki №');
    await app.send('RRN1', keys.enter);
    await app.waitFor('#RRN1');
    await app.send(keys.tab, keys.tab, keys.enter);
    await app.waitFor('TO‘LANDI — POS-01-000001');
    await app.send(keys.enter);
    await app.send(keys.ctrl('r'));
    await app.waitFor('Qaytarish: chek raqami');
    await app.send('POS-01-000001', keys.enter);
    await app.waitFor('Qaytarish POS-01-000001');
    return app;
  }

  it('shows lines, amount, method and reason first; Tab moves the whole refund to cash', async () => {
    const app = await sellOnCard('300000');
    await app.send(' ');
    await app.waitFor('[30] 1. Sut 1 l');
    await app.send(keys.enter);
    await app.waitFor('Qaytarishni tasdiqlang: POS-01-000001');
    const frame = app.frame();
    assert.match(frame, /Sut 1 l\s+30 dona\s+375 000 so‘m/);
    assert.match(frame, /Qaytariladi\s+375 000 so‘m/);
    assert.match(frame, /Qaytarish usuli: Karta 300 000 so‘m \+ Naqd 75 000 so‘m/);
    assert.match(frame, /Kassada naqd: 175 000 so‘m/);
    assert.equal(refunds().length, 0);

    // No reason: nothing is written.
    await app.send(keys.enter);
    await app.waitFor('Sababini yozing');
    assert.equal(refunds().length, 0);

    // All in cash is more than the drawer holds: refused, and back to the card.
    await app.send(keys.tab);
    await app.waitFor('Qaytarish usuli: Naqd 375 000 so‘m');
    await app.send('karta yo‘q', keys.enter);
    await app.waitFor('Kassada buncha naqd yo‘q: 375 000 so‘m so‘ralgan');
    assert.equal(refunds().length, 0);
    await app.send(keys.tab);
    await app.waitFor('Qaytarish usuli: Karta 300 000 so‘m + Naqd 75 000 so‘m');
    await app.send(keys.enter);
    await app.waitFor('QAYTARILDI — POS-01-R000001');
    assert.deepEqual(
      refunds().map((d) => [d.payments.map((p) => [p.method, p.amount]), d.reason]),
      [
        [
          [
            ['card', 30_000_000],
            ['cash', 7_500_000],
          ],
          'karta yo‘q',
        ],
      ],
    );
  });

  it('pays a card sale back in cash when the cashier chooses it and the drawer holds it', async () => {
    const app = await sellOnCard('50000');
    // Half the milk: 187 500 so‘m; the drawer holds 100 000 + 325 000 cash.
    await app.send('15', keys.enter);
    await app.waitFor('Qaytarish usuli: Karta 50 000 so‘m + Naqd 137 500 so‘m');
    await app.send(keys.tab);
    await app.waitFor('Qaytarish usuli: Naqd 187 500 so‘m');
    await app.send('karta boshqa bankda', keys.enter);
    await app.waitFor('QAYTARILDI — POS-01-R000001');
    assert.deepEqual(
      refunds().map((d) => d.payments),
      [[{ method: 'cash', amount: 18_750_000 }]],
    );
  });

  it('finds a receipt by its last digits for a refund and a reprint', async () => {
    const app = await startSelling(r);
    await sellBreadForCash(app, r);
    await app.send(keys.ctrl('r'));
    await app.waitFor('Qaytarish: chek raqami');
    await app.send('7', keys.enter);
    // Not a sale of this register, and this register is offline: the store's server cannot be asked.
    await app.waitFor('Chek 7 bu kassada yo‘q va serverga ulanib bo‘lmadi');
    await app.send(keys.backspace, '1', keys.enter);
    await app.waitFor('Qaytarish POS-01-000001');
    await app.send(keys.escape);
    await app.waitFor('JAMI');
    await app.send(keys.ctrl('o'));
    await app.waitFor('Chek raqami');
    await app.send(keys.ctrl('u'), '1', keys.enter);
    await app.waitFor('Chek POS-01-000001');
  });
});
