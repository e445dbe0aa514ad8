import assert from 'node:assert/strict';
import { ean13 } from '../../../src/common/barcode.js';
import { AppError } from '../../../src/common/errors.js';
import {
  isScaleBarcode,
  parseScaleBarcode,
  parseScanInput,
  scaleLabelAction,
  type ScaleBarcodeLayout,
} from '../../../src/terminal/sale/scale-barcode.js';
import { cartTotals, emptyCart, reduceCart } from '../../../src/terminal/sale/cart.js';
import { apples } from './fixtures.js';

const weightLayout: ScaleBarcodeLayout = { prefixes: ['21', '22'], itemDigits: 5, value: 'weight' };
const priceLayout: ScaleBarcodeLayout = { prefixes: ['23'], itemDigits: 4, value: 'price' };

function isCode(code: string) {
  return (e: unknown) => e instanceof AppError && e.code === code;
}

describe('scale labels', () => {
  it('reads item code and weight in grams as thousandths of a kg', () => {
    const label = ean13('210004201250'); // item 00042, 1.250 kg
    assert.deepEqual(parseScaleBarcode(label, weightLayout), {
      barcode: label,
      itemCode: '00042',
      kind: 'weight',
      qty: 1250,
    });
  });

  it('reads a price label in whole so’m as minor units', () => {
    const label = ean13('230042054500'); // item 0042, 54 500 so‘m
    assert.deepEqual(parseScaleBarcode(label, priceLayout), {
      barcode: label,
      itemCode: '0042',
      kind: 'price',
      price: 5_450_000,
    });
  });

  it('refuses a label with a bad check digit', () => {
    const good = ean13('210004201250');
    const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    assert.throws(() => parseScaleBarcode(bad, weightLayout), isCode('BAD_SCALE_BARCODE'));
  });

  it('leaves ordinary barcodes and other prefixes alone', () => {
    assert.equal(parseScaleBarcode('4780000000015', weightLayout), null);
    assert.equal(parseScaleBarcode(ean13('230042054500'), weightLayout), null);
    assert.equal(parseScaleBarcode(ean13('210004201250'), null), null);
    assert.equal(isScaleBarcode('21000420125', weightLayout), false);
    assert.equal(isScaleBarcode(ean13('220004201250'), weightLayout), true);
  });
});

describe('scan input', () => {
  it('takes a bare code', () => {
    assert.deepEqual(parseScanInput(' 4780000000015 '), { code: '4780000000015', qty: null });
  });

  it('understands code*qty and qty*code, with weights', () => {
    assert.deepEqual(parseScanInput('4780000000015*3'), { code: '4780000000015', qty: 3000 });
    assert.deepEqual(parseScanInput('3*4780000000015'), { code: '4780000000015', qty: 3000 });
    assert.deepEqual(parseScanInput('1,250*PLU-7'), { code: 'PLU-7', qty: 1250 });
    assert.deepEqual(parseScanInput('PLU-7*0.5'), { code: 'PLU-7', qty: 500 });
    assert.deepEqual(parseScanInput('2*15'), { code: '15', qty: 2000 }, 'left is the quantity when unsure');
  });

  it('refuses zero, malformed quantities and junk', () => {
    assert.throws(() => parseScanInput('0*4780000000015'), isCode('INVALID_QUANTITY'));
    assert.throws(() => parseScanInput('*4780000000015'), isCode('INVALID_QUANTITY'));
    assert.throws(() => parseScanInput('1*2*3'), isCode('INVALID_QUANTITY'));
    assert.throws(() => parseScanInput('1.2345*4780000000015'), isCode('INVALID_QUANTITY'));
    assert.throws(() => parseScanInput('non bor'), isCode('UNKNOWN_BARCODE'));
  });
});

describe('scale labels in the cart', () => {
  const policy = { role: 'cashier', maxCashierDiscount: 0 } as const;

  it('sells a weight label by weight and a price label at its price, each on its own line', () => {
    const weight = parseScaleBarcode(ean13('210004201250'), weightLayout)!;
    const price = parseScaleBarcode(ean13('230042054500'), priceLayout)!;
    let state = emptyCart;
    for (const label of [weight, weight, price]) {
      state = reduceCart(state, scaleLabelAction(apples, label), policy).state;
    }
    const totals = cartTotals(state);
    assert.deepEqual(
      state.lines.map((l) => l.qty),
      [1250, 1250, 2946],
    );
    // 1.250 kg × 18 500 = 23 125 so‘m twice; the price label 54 500 so‘m is charged as printed.
    assert.deepEqual(
      totals.lines.map((l) => l.total),
      [2_312_500, 2_312_500, 5_450_000],
    );
  });
});
