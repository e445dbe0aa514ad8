import assert from 'node:assert/strict';
import { hashSecret } from '../../../src/node/secret-hash.js';
import { applyChange } from '../../../src/terminal/store/queries/catalog.js';
import { createKeyRouter } from '../../../src/terminal/ui/key-router.js';
import { keys, registerPerTest, startApp, startSelling } from '../../helpers/ink.js';
import type { OfflineRegister } from '../../helpers/register.js';

/** The cashier's PIN hashed at the server's real cost (2^14): checking it takes a while, as at a real register. */
async function realPinCost(r: OfflineRegister): Promise<void> {
  applyChange(r.ctx.db, {
    entity: 'cashier',
    op: 'upsert',
    id: r.cashierId,
    data: { name: 'Dilnoza', pinHash: await hashSecret(r.pin, 14), active: true },
  });
}

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

  it('keeps the keys that come while nobody listens for the next handler, in order (the app’s router)', async () => {
    const router = createKeyRouter({ holdUnheard: true });
    const seen: string[] = [];
    router.feed('4321');
    router.feed('\r');
    await new Promise(setImmediate);
    router.subscribe((key) => seen.push(`${key.name}${key.text}`));
    for (let turns = 0; seen.length < 2 && turns < 100; turns++) await new Promise(setImmediate);
    assert.deepEqual(seen, ['text4321', 'enter']);
  });

  it('forgets the keys held for the next handler when told to (a PIN check that failed)', async () => {
    const router = createKeyRouter({ holdUnheard: true });
    const seen: string[] = [];
    router.feed('4780000000019\r');
    router.discardQueued();
    router.subscribe((key) => seen.push(`${key.name}${key.text}`));
    router.feed('7');
    for (let turns = 0; seen.length < 1 && turns < 100; turns++) await new Promise(setImmediate);
    await new Promise(setImmediate);
    assert.deepEqual(seen, ['text7']);
  });

  describe('in the running register', () => {
    const r = registerPerTest();

    it('the opening cash and a scan typed while the PIN is checked open the shift and go into the sale', async () => {
      await realPinCost(r);
      const app = await startApp(r);
      await app.send(`${r.pin}\r100000\r${r.barcodes.milk}\r`);
      await app.waitFor((f) => /Sut 1 l\s+1 dona\s+12 500\s+12 500/.test(f));
    });

    it('keys typed after a wrong PIN’s Enter do not go into the PIN field', async () => {
      await realPinCost(r);
      const app = await startApp(r);
      await app.send(`0000\r${r.barcodes.milk}\r`);
      await app.waitFor('PIN noto‘g‘ri');
      await app.send(r.pin, keys.enter);
      await app.waitFor('Smena ochish');
    });

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
