import assert from 'node:assert/strict';
import { roundCashDown } from '../../../src/common/money-rule.js';
import { AppError } from '../../../src/common/errors.js';
import { saleCompletedData } from '../../../src/common/protocol/sync.js';
import {
  emptyCart,
  reduceCart,
  type CartState,
  type ProductSnapshot,
} from '../../../src/terminal/sale/cart.js';
import {
  completeSale,
  paymentStatus,
  saleRounding,
  settle,
  type Tender,
} from '../../../src/terminal/sale/payment.js';
import { apples, bread, cashierId, milk, shiftId } from './fixtures.js';

const meta = { receiptNo: 'POS-02-000123', shiftId, cashierId, cashRounding: 10_000 };

function cartOf(...items: [ProductSnapshot, number][]): CartState {
  let state = emptyCart;
  for (const [product, qty] of items) {
    state = reduceCart(
      state,
      { type: 'addItem', product, qty },
      { role: 'cashier', maxCashierDiscount: 0 },
    ).state;
  }
  return state;
}

function isCode(code: string) {
  return (e: unknown) => e instanceof AppError && e.code === code;
}

describe('payment', () => {
  it('takes cash and gives change', () => {
    // 2 × 3 000 + 12 900 = 18 900 so'm; 20 000 tendered → 1 100 change.
    const sale = completeSale(
      cartOf([bread, 2000], [milk, 1000]),
      [{ method: 'cash', tendered: 2_000_000 }],
      meta,
    );
    assert.equal(sale.total, 1_890_000);
    assert.deepEqual(sale.payments, [{ method: 'cash', amount: 2_000_000 }]);
    assert.equal(sale.change, 110_000);
    assert.equal(sale.receiptNo, 'POS-02-000123');
    assert.doesNotThrow(() => saleCompletedData.parse(sale));
  });

  it('splits card and cash; change comes only from cash', () => {
    const tenders: Tender[] = [
      { method: 'card', amount: 1_000_000, cardType: 'uzcard', reference: ' RRN-5521 ' },
      { method: 'cash', tendered: 1_000_000 },
    ];
    const sale = completeSale(cartOf([bread, 2000], [milk, 1000]), tenders, meta);
    assert.deepEqual(sale.payments, [
      { method: 'card', amount: 1_000_000, cardType: 'uzcard', reference: 'RRN-5521' },
      { method: 'cash', amount: 1_000_000 },
    ]);
    assert.equal(sale.change, 110_000);
    assert.equal(sale.total, 1_890_000);
  });

  it('takes QR payments by provider', () => {
    const sale = completeSale(
      cartOf([milk, 1000]),
      [{ method: 'qr', amount: 1_290_000, provider: 'payme', reference: 'P-77' }],
      meta,
    );
    assert.deepEqual(sale.payments, [
      { method: 'qr', amount: 1_290_000, cardType: 'payme', reference: 'P-77' },
    ]);
    assert.equal(sale.change, 0);
  });

  it('rounds an all-cash total down to 100 so’m, into the line as discount', () => {
    assert.equal(roundCashDown(1_234_900, 10_000), 1_230_000);
    assert.equal(roundCashDown(1_235_000, 10_000), 1_230_000);
    assert.equal(roundCashDown(1_232_500, 5_000), 1_230_000);
    assert.equal(roundCashDown(1_234_900, 0), 1_234_900);
    // 1.234 kg × 18 500 = 22 829 so'm → 22 800 so'm in cash; the 29 so'm are the line's discount.
    const cart = cartOf([apples, 1234]);
    const sale = completeSale(cart, [{ method: 'cash', tendered: 2_300_000 }], meta);
    assert.equal(sale.lines[0]!.gross, 2_282_900);
    assert.equal(sale.lines[0]!.discount, 2_900);
    assert.equal(sale.lines[0]!.total, 2_280_000);
    assert.equal(sale.total, 2_280_000);
    assert.equal(sale.rounding, 2_900);
    assert.equal(sale.change, 20_000);
    assert.equal(saleRounding(sale), -2_900);
  });

  it('rounds only the cash part of a card + cash sale, so change is whole coins', () => {
    const sale = completeSale(
      cartOf([apples, 1234]),
      [
        { method: 'card', amount: 1_000_000, cardType: 'humo' },
        { method: 'cash', tendered: 1_300_000 },
      ],
      meta,
    );
    // Cash part 12 829 so'm → 12 800; change 200 so'm, not 171.
    assert.equal(sale.total, 2_280_000);
    assert.equal(sale.change, 20_000);
    assert.equal(saleRounding(sale), -2_900);
  });

  it('charges a card the exact total when rounding is on', () => {
    const sale = completeSale(
      cartOf([apples, 1234]),
      [{ method: 'card', amount: 2_282_900, cardType: 'uzcard' }],
      meta,
    );
    assert.equal(sale.total, 2_282_900);
    assert.equal(saleRounding(sale), 0);
  });

  it('refuses an underpaid sale and says what is missing', () => {
    const cart = cartOf([bread, 2000], [milk, 1000]);
    assert.throws(
      () => completeSale(cart, [{ method: 'cash', tendered: 1_000_000 }], meta),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'UNDERPAID' &&
        e.params.remaining === "8 900 so'm" &&
        e.localized('uz') === "To‘lov yetarli emas: yana 8 900 so'm kerak.",
    );
    assert.throws(() => completeSale(cart, [], meta), isCode('UNDERPAID'));
    assert.deepEqual(
      paymentStatus(1_890_000, [{ method: 'card', amount: 890_000, cardType: 'visa' }], 10_000),
      {
        due: 1_890_000,
        rounding: 0,
        paid: 890_000,
        remaining: 1_000_000,
        change: 0,
      },
    );
  });

  it('never charges a card or QR more than the remainder', () => {
    assert.throws(
      () => settle(1_890_000, [{ method: 'card', amount: 2_000_000, cardType: 'visa' }], 0),
      isCode('OVERPAID'),
    );
    assert.throws(
      () =>
        settle(
          1_890_000,
          [
            { method: 'card', amount: 1_000_000, cardType: 'visa' },
            { method: 'qr', amount: 1_000_000, provider: 'click' },
          ],
          0,
        ),
      isCode('OVERPAID'),
    );
    assert.throws(
      () =>
        settle(
          1_890_000,
          [
            { method: 'card', amount: 1_890_000, cardType: 'visa' },
            { method: 'cash', tendered: 100_000 },
          ],
          0,
        ),
      isCode('INVALID_PAYMENT'),
    );
  });

  it('refuses zero amounts, unknown card types and an empty cart', () => {
    assert.throws(() => settle(100, [{ method: 'cash', tendered: 0 }], 0), isCode('INVALID_PAYMENT'));
    assert.throws(
      () => settle(100, [{ method: 'card', amount: 100, cardType: 'amex' as 'visa' }], 0),
      isCode('INVALID_PAYMENT'),
    );
    assert.throws(
      () => completeSale(emptyCart, [{ method: 'cash', tendered: 100 }], meta),
      isCode('EMPTY_CART'),
    );
  });
});
