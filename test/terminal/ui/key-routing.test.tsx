import assert from 'node:assert/strict';
import { createKeyRouter } from '../../../src/terminal/ui/key-router.js';
import { keys, registerPerTest, startSelling } from '../../helpers/ink.js';

describe('keys typed faster than the screen changes', () => {
  it('hands each key, in order, to the handlers subscribed when its turn comes', async () => {
    const router = createKeyRouter();
    const seen: string[] = [];
    let unsubscribeScreen = () => {};
    const dialog = (key: { name: string; text: string }) => seen.push(`dialog:${key.name}${key.text}`);
    const screen = (key: { name: string; text: string }) => {
      seen.push(`screen:${key.name}${key.text}`);
      if (key.name === 'f12') {
        // What opening a dialog does: the screen lets go, the dialog takes the keys.
        unsubscribeScreen();
        router.subscribe(dialog);
      }
    };
    unsubscribeScreen = router.subscribe(screen);
    router.feed('12');
    router.feed('\x1b[24~');
    router.feed('500\r');
    for (let turns = 0; seen.length < 4 && turns < 100; turns++) await new Promise(setImmediate);
    assert.deepEqual(seen, ['screen:text12', 'screen:f12', 'dialog:text500', 'dialog:enter']);
  });

  describe('in the running register', () => {
    const r = registerPerTest();

    it('F12 and Enter in one chunk pay the sale (the Enter is not lost)', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(`${keys.f12}\r`);
      await app.waitFor('TO‘LANDI — POS-01-000001');
    });

    it('F2 then letters typed at once go to the search box, not to the code field', async () => {
      const app = await startSelling(r);
      await app.send(`${keys.f2}sut`);
      await app.waitFor((f) => f.includes('Sut 1 l') && f.includes('sut'));
      await app.send(keys.enter);
      await app.waitFor((f) => /Sut 1 l\s+1 dona\s+12 500\s+12 500/.test(f));
      assert.doesNotMatch(app.frame(), /Kod: \S/);
    });

    it('Esc and a scan arriving together close the search and put the scan in the cart', async () => {
      const app = await startSelling(r);
      await app.send(keys.f2);
      await app.waitFor('Nomi bo‘yicha qidirish');
      await app.send(`\x1b${r.barcodes.bread}\r`);
      await app.waitFor((f) => /Non patir\s+1 dona\s+5 000\s+5 000/.test(f));
      assert.ok(!app.frame().includes('Nomi bo‘yicha qidirish'));
    });

    it('twelve scans mixed with F2 and Esc, all in one burst, give quantity 12', async () => {
      const app = await startSelling(r);
      const scan = `${r.barcodes.milk}\r`;
      let burst = '';
      for (let i = 0; i < 12; i++) burst += i % 3 === 1 ? `${keys.f2}\x1b${scan}` : scan;
      await app.send(burst);
      await app.waitFor((f) => /Sut 1 l\s+12 dona\s+12 500\s+150 000/.test(f));
    });
  });
});
