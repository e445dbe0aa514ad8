import assert from 'node:assert/strict';
import { newId } from '../../../src/common/ids.js';
import { settingsOf } from '../../../src/terminal/register/context.js';
import { applyChange } from '../../../src/terminal/store/queries/catalog.js';
import { keys, registerPerTest, startSelling } from '../../helpers/ink.js';

/** xterm's F10 (the helper's key table stops at F9 and F12). */
const F10 = '\x1b[21~';

describe('quick keys at the register', () => {
  const r = registerPerTest();

  /** The grid as the settings pull brings it. */
  function pullGrid(ids: string[]) {
    applyChange(r.ctx.db, {
      entity: 'settings',
      op: 'upsert',
      id: 'store',
      data: { ...settingsOf(r.ctx), quickKeys: ids },
    });
  }

  it('F10 opens the grid and one more key adds the product; a kg product asks its weight', async () => {
    // Eleven cells: the eleventh is on `q`; a product no longer sold leaves its cell empty.
    const gone = newId();
    pullGrid([
      r.products.bread,
      r.products.apples,
      gone,
      ...Array.from({ length: 7 }, newId),
      r.products.milk,
    ]);
    const app = await startSelling(r);
    await app.send(F10);
    await app.waitFor('Tezkor tugmalar: tovar tugmasini bosing');
    const grid = app.frame();
    assert.match(grid, /1 {2}Non patir {2}5 000 so‘m/);
    assert.match(grid, /2 {2}Olma qizil {2}15 000 so‘m/);
    assert.match(grid, /3 {2}—/);
    assert.match(grid, /q {2}Sut 1 l {2}12 500 so‘m/);
    await app.send('3');
    assert.ok(app.frame().includes('Tezkor tugmalar: tovar'));
    await app.send('1');
    await app.waitFor((f) => /Non patir\s+1 dona\s+5 000\s+5 000/.test(f));

    await app.send(keys.ctrl('g'));
    await app.waitFor('Tezkor tugmalar: tovar');
    await app.send('q');
    await app.waitFor((f) => /Sut 1 l\s+1 dona\s+12 500\s+12 500/.test(f));

    await app.send(F10);
    await app.waitFor('Tezkor tugmalar: tovar');
    await app.send('2');
    await app.waitFor('Og‘irligi (kg): Olma qizil');
    await app.send('0.400', keys.enter);
    await app.waitFor((f) => /Olma qizil\s+0,400 kg\s+15 000\s+6 000/.test(f));
    assert.match(app.frame(), /JAMI\s+23 500 so‘m/);
  });

  it('says where the grid is set when the store has none', async () => {
    const app = await startSelling(r);
    await app.send(F10);
    await app.waitFor('Tezkor tugmalar yo‘q: ularni egasi panelning Sozlamalar');
  });
});
