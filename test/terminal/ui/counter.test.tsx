import assert from 'node:assert/strict';
import { keys, registerPerTest, startSelling } from '../../helpers/ink.js';

describe('fast hands at the counter', () => {
  const r = registerPerTest();

  it('+ repeats the last line; a kg product scanned alone asks for its weight; code*weight works', async () => {
    const app = await startSelling(r);
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send('+', '+');
    await app.waitFor((f) => /Non patir\s+3 dona\s+5 000\s+15 000/.test(f));
    await app.send('00042\r');
    await app.waitFor('Og‘irligi (kg): Olma qizil');
    await app.send('1.250', keys.enter);
    await app.waitFor((f) => /Olma qizil\s+1,250 kg\s+15 000\s+18 750/.test(f));
    await app.send('00042*0.500\r');
    await app.waitFor((f) => /Olma qizil\s+1,750 kg\s+15 000\s+26 250/.test(f));
    await app.send('+');
    await app.waitFor('Olma qizil: og‘irligini kiriting');
    assert.match(app.frame(), /JAMI\s+41 250 so‘m/);
  });
});
