import assert from 'node:assert/strict';
import type { Lang } from '../../../src/common/i18n/index.js';
import {
  emptyCart,
  reduceCart,
  type CartState,
  type ProductSnapshot,
} from '../../../src/terminal/sale/cart.js';
import { CartView } from '../../../src/terminal/ui/components/cart-view.js';
import { LastItemLine } from '../../../src/terminal/ui/components/last-item-line.js';
import { addedItem } from '../../../src/terminal/ui/state/sale-session.js';
import { UiContext } from '../../../src/terminal/ui/ui-context.js';
import { draw, keys, registerPerTest, startSelling } from '../../helpers/ink.js';
import { apples, bread } from '../sale/fixtures.js';

const policy = { role: 'cashier' as const, maxCashierDiscount: 1000 };

function cartOf(...items: Array<[ProductSnapshot, number]>): CartState {
  return items.reduce(
    (cart, [product, qty]) => reduceCart(cart, { type: 'addItem', product, qty }, policy).state,
    emptyCart,
  );
}

function drawCart(cart: CartState, size: { columns: number; rows: number }, lang: Lang = 'uz') {
  return draw(
    <UiContext.Provider value={{ lang, columns: size.columns, rows: size.rows, logError: () => {} }}>
      <CartView cart={cart} selected={0} rows={size.rows} />
    </UiContext.Provider>,
  );
}

/** The frame's rows without the padding Ink leaves at their ends. */
const lines = (frame: string) => frame.split('\n').map((row) => row.trimEnd());

/** 12 500 so‘m in the block font, as the cashier and the customer see it. */
const bigTwelveThousandFiveHundred = [
  '▀█  ▀▀█   █▀▀ █▀█ █▀█',
  ' █  █▀▀   ▀▀█ █ █ █ █',
  '▀▀▀ ▀▀▀   ▀▀▀ ▀▀▀ ▀▀▀ so‘m',
];

describe('the sale screen at a busy counter', () => {
  describe('the total in large characters', () => {
    it('draws 12 500 so‘m three rows high, right-aligned, above the plain total, within 80 columns', async () => {
      // 3 breads (9 000) and 0.200 kg at 17 500 a kg (3 500).
      const cart = cartOf([bread, 3000], [{ ...apples, unitPrice: 1_750_000 }, 200]);
      const view = await drawCart(cart, { columns: 80, rows: 17 });
      const rows = lines(view.frame());
      assert.equal(rows.length, 17);
      const at = rows.findIndex((row) => row.endsWith(bigTwelveThousandFiveHundred[0]!));
      assert.ok(at > 0, `big total not drawn:\n${view.frame()}`);
      const left = [...rows[at + 2]!].length - [...bigTwelveThousandFiveHundred[2]!].length;
      assert.deepEqual(
        rows.slice(at, at + 3).map((row) => [...row].slice(left).join('').trimEnd()),
        bigTwelveThousandFiveHundred,
      );
      // Right-aligned: the so‘m sign ends at the last column.
      assert.equal([...rows[at + 2]!].length, 80);
      assert.match(rows[at + 3]!, /^JAMI\s+12 500 so‘m$/);
      for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`);
    });

    it('fits the largest sale total (100 billion so‘m) in 80 columns', async () => {
      const cart = cartOf([{ ...bread, unitPrice: 10_000_000_000_000 }, 1000]);
      const view = await drawCart(cart, { columns: 80, rows: 17 });
      const rows = lines(view.frame());
      const at = rows.findIndex((row) => row.endsWith('so‘m') && row.includes('▀▀▀'));
      assert.ok(at > 0, `big total not drawn:\n${view.frame()}`);
      // 1 then eleven zeros in four groups: the top row of `100 000 000 000`.
      assert.equal(rows[at - 2]!.trim(), '▀█  █▀█ █▀█   █▀█ █▀█ █▀█   █▀█ █▀█ █▀█   █▀█ █▀█ █▀█');
      assert.match(rows[at + 1]!, /^JAMI\s+100 000 000 000 so‘m$/);
      for (const row of rows) assert.ok([...row].length <= 80, `wider than 80: ${row}`);
    });

    it('falls back to the plain total line on a terminal too narrow or too short for it', async () => {
      const cart = cartOf([{ ...bread, unitPrice: 10_000_000_000_000 }, 1000]);
      const narrow = await drawCart(cart, { columns: 50, rows: 17 });
      assert.ok(!narrow.frame().includes('█'), narrow.frame());
      assert.match(narrow.frame(), /JAMI\s+100 000 000 000 so‘m/);
      narrow.unmount();
      // Four cart rows come before the big figure.
      const short = await drawCart(cartOf([bread, 1000]), { columns: 80, rows: 9 });
      assert.ok(!short.frame().includes('█'), short.frame());
      assert.match(short.frame(), /JAMI\s+3 000 so‘m/);
    });
  });

  describe('units on the cart lines and the last item', () => {
    const cases: Array<[Lang, string, string]> = [
      ['uz', 'dona', 'kg'],
      ['ru', 'шт', 'кг'],
      ['en', 'pcs', 'kg'],
    ];
    for (const [lang, pcs, kg] of cases)
      it(`writes pieces as “${pcs}” and kilograms as “${kg}” in ${lang}`, async () => {
        const view = await drawCart(cartOf([bread, 2000], [apples, 1250]), { columns: 80, rows: 17 }, lang);
        const frame = view.frame();
        assert.match(frame, new RegExp(`Non\\s+2 ${pcs}\\s+3 000\\s+6 000`));
        assert.match(frame, new RegExp(`Olma\\s+1,250 ${kg}\\s+18 500\\s+23 125`));
        view.unmount();
        const before = cartOf([bread, 2000]);
        const item = addedItem(before, cartOf([bread, 2000], [apples, 1250]), apples.productId);
        const last = await draw(
          <UiContext.Provider value={{ lang, columns: 80, rows: 24, logError: () => {} }}>
            <LastItemLine item={item} />
          </UiContext.Provider>,
        );
        assert.match(last.frame(), new RegExp(`: Olma\\s+1,250 ${kg} × 18 500 = 23 125 so‘m$`));
      });
  });

  describe('the last scanned item', () => {
    const r = registerPerTest();

    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 100, rows: 30 },
    ])
      it(`shows name, quantity, unit and price until the next scan, and clears with the sale (${size.columns}×${size.rows})`, async () => {
        const app = await startSelling(r, size);
        await app.send(`${r.barcodes.bread}\r`);
        await app.waitFor((f) => /Oxirgi: Non patir\s+1 dona × 5 000 = 5 000 so‘m/.test(f));
        await app.send(`3*${r.barcodes.bread}\r`);
        // The scan added three: the line holds four.
        await app.waitFor((f) => /Oxirgi: Non patir\s+3 dona × 5 000 = 15 000 so‘m/.test(f));
        assert.match(app.frame(), /Non patir\s+4 dona\s+5 000\s+20 000/);
        await app.send('00042*0.500\r');
        await app.waitFor((f) => /Oxirgi: Olma qizil\s+0,500 kg × 15 000 = 7 500 so‘m/.test(f));
        const frame = app.frame();
        assert.ok(!frame.includes('Oxirgi: Non patir'), 'only the last scan is shown');
        const rows = frame.split('\n');
        assert.ok(rows.length <= size.rows, `taller than the screen:\n${frame}`);
        for (const row of rows) assert.ok([...row].length <= size.columns, `wider than the screen: ${row}`);
        // 27 500 so‘m in large characters, right-aligned.
        const at = rows.findIndex((row) => row.trimEnd().endsWith('▀▀█ ▀▀█   █▀▀ █▀█ █▀█'));
        assert.ok(at > 0, frame);
        assert.ok(rows[at + 1]!.trimEnd().endsWith('█▀▀   █   ▀▀█ █ █ █ █'), frame);
        assert.ok(rows[at + 2]!.endsWith(' ▀▀▀   ▀   ▀▀▀ ▀▀▀ ▀▀▀ so‘m'), frame);
        assert.equal([...rows[at + 2]!.trimEnd()].length, size.columns);
        assert.match(frame, /JAMI\s+27 500 so‘m/);
        await app.send(keys.f12);
        await app.waitFor('To‘lanadi');
        await app.send('30000', keys.enter);
        await app.waitFor('TO‘LANDI — POS-01-000001');
        await app.send(keys.enter);
        await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f));
        assert.ok(!app.frame().includes('Oxirgi:'), `the last item left with the sale:\n${app.frame()}`);
      });

    it('a voided last item is not shown as if it were still sold', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Oxirgi: Sut 1 l');
      await app.send(keys.f8);
      await app.waitFor('1  Xato skanerlandi');
      await app.send('1');
      await app.waitFor('Qator o‘chirildi: Sut 1 l');
      assert.ok(!app.frame().includes('Oxirgi:'), app.frame());
    });
  });
});
