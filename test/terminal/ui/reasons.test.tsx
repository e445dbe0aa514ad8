import assert from 'node:assert/strict';
import { keys, registerPerTest, startSelling } from '../../helpers/ink.js';

describe('preset reasons for void and cancel', () => {
  const r = registerPerTest();

  const reasons = () =>
    (
      r.ctx.db.prepare('SELECT action, data FROM audit_log ORDER BY rowid').all() as Array<{
        action: string;
        data: string;
      }>
    ).map((row) => [row.action, (JSON.parse(row.data) as { reason?: string }).reason]);

  it('one digit picks a listed reason; typed text is kept as written, digits included', async () => {
    const app = await startSelling(r);
    await app.send(`${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f8);
    await app.waitFor('1  Xato skanerlandi');
    assert.match(app.frame(), /4 {2}Tovar nuqsonli/);
    await app.send('1');
    await app.waitFor('Qator o‘chirildi: Non patir');

    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f8);
    await app.waitFor('Raqam — tayyor sabab');
    await app.send('qadoq 2 marta', keys.enter);
    await app.waitFor('Qator o‘chirildi: Non patir');

    await app.send(keys.f9);
    await app.waitFor('3  Mijoz ketib qoldi');
    await app.send('3');
    await app.waitFor('Chek bekor qilindi');
    assert.deepEqual(reasons(), [
      ['line.voided', 'Xato skanerlandi'],
      ['line.voided', 'qadoq 2 marta'],
      ['sale.cancelled', 'Mijoz ketib qoldi'],
    ]);
  });
});
