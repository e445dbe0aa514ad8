import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import type { SaleCompletedData, SaleRefundedData } from '../../../src/common/protocol/sync.js';
import { computeRefund, refundableLines } from '../../../src/terminal/sale/refund.js';
import { apples, bread, cashierId, milk, shiftId } from './fixtures.js';

const saleId = '0193a5b0-0000-7000-8000-0000000000e1';
const lines: SaleCompletedData['lines'] = [
  {
    productId: bread.productId,
    name: 'Non',
    qty: 3000,
    unitPrice: 300_000,
    discount: 50_000,
    total: 850_000,
    vatRate: 1200,
  },
  {
    productId: milk.productId,
    name: 'Sut 1 l',
    qty: 1000,
    unitPrice: 1_290_000,
    discount: 0,
    total: 1_290_000,
    vatRate: 0,
  },
  {
    productId: apples.productId,
    name: 'Olma',
    qty: 1234,
    unitPrice: 1_850_000,
    discount: 0,
    total: 2_282_900,
    vatRate: 1200,
  },
];
/** 4 422 900 paid 30 000 so'm by card and 15 000 in cash, 771 change. */
const splitSale: SaleCompletedData = {
  receiptNo: 'POS-02-000123',
  shiftId,
  cashierId,
  lines,
  discount: 50_000,
  total: 4_422_900,
  payments: [
    { method: 'card', amount: 3_000_000, cardType: 'uzcard', reference: 'RRN-1' },
    { method: 'cash', amount: 1_500_000 },
  ],
  change: 77_100,
};
/** The same paid all in cash: rounded to 44 200 so'm. */
const cashSale: SaleCompletedData = {
  ...splitSale,
  total: 4_420_000,
  payments: [{ method: 'cash', amount: 4_500_000 }],
  change: 80_000,
};

let refundSeq = 0;
function meta() {
  refundSeq += 1;
  return { refundNo: `POS-02-R${String(refundSeq).padStart(6, '0')}`, saleId, shiftId, cashierId };
}

function isCode(code: string) {
  return (e: unknown) => e instanceof AppError && e.code === code;
}

describe('refund', () => {
  it('refunds part of a line pro rata to what was paid, and the pieces add up to the line', () => {
    const done: SaleRefundedData[] = [];
    for (const expected of [283_333, 283_334, 283_333]) {
      const refund = computeRefund(splitSale, done, { lines: [{ lineIndex: 0, qty: 1000 }] }, meta());
      assert.equal(refund.lines.length, 1);
      assert.equal(refund.lines[0]!.total, expected);
      assert.equal(refund.lines[0]!.gross! - refund.lines[0]!.discount!, expected);
      assert.equal(refund.lines[0]!.vatRate, 1200);
      done.push(refund);
    }
    assert.deepEqual(
      done.map((r) => [r.lines[0]!.gross, r.lines[0]!.discount]),
      [
        [300_000, 16_667],
        [300_000, 16_666],
        [300_000, 16_667],
      ],
    );
    assert.equal(
      done.reduce((a, r) => a + r.lines[0]!.total, 0),
      850_000,
    );
    assert.deepEqual(
      refundableLines(splitSale, done).map((l) => l.left),
      [0, 1000, 1234],
    );
  });

  it('refunds a whole sale stored before the money rule: exactly what was paid, rounding included', () => {
    const refund = computeRefund(cashSale, [], { whole: true }, { ...meta(), reason: 'spoiled' });
    assert.deepEqual(
      refund.lines.map((l) => [l.productId, l.qty]),
      [
        [bread.productId, 3000],
        [milk.productId, 1000],
        [apples.productId, 1234],
      ],
    );
    assert.equal(
      refund.lines.reduce((a, l) => a + l.total, 0),
      4_420_000,
    );
    assert.equal(refund.total, 4_420_000);
    assert.deepEqual(refund.payments, [{ method: 'cash', amount: 4_420_000 }]);
    assert.equal(refund.reason, 'spoiled');
    assert.equal(refund.saleId, saleId);
  });

  it('gives back the rest of a partly refunded sale so that all refunds sum to the sale total', () => {
    const first = computeRefund(cashSale, [], { lines: [{ lineIndex: 0, qty: 1000 }] }, meta());
    const rest = computeRefund(cashSale, [first], { whole: true }, meta());
    assert.equal(rest.lines[0]!.qty, 2000);
    assert.equal(first.total + rest.total, 4_420_000);
  });

  it('rounds a cash refund down to the store’s coin, writing the rest into the lines as discount', () => {
    const refund = computeRefund(splitSale, [], { lines: [{ lineIndex: 0, qty: 1000 }] }, meta(), 10_000);
    // 2 833,33 so'm back: card first (it paid 30 000 so'm), so nothing is rounded.
    assert.equal(refund.total, 283_333);
    const cash = computeRefund(cashSale, [], { lines: [{ lineIndex: 2, qty: 1000 }] }, meta(), 10_000);
    assert.equal(cash.payments.length, 1);
    assert.equal(cash.payments[0]!.method, 'cash');
    assert.equal(cash.payments[0]!.amount % 10_000, 0);
    assert.equal(cash.total, cash.payments[0]!.amount);
    assert.equal(cash.lines[0]!.gross! - cash.lines[0]!.discount!, cash.total);
    assert.ok(cash.rounding! > 0 && cash.rounding! < 10_000);
  });

  it('pays back to the card first (with its type and reference) and cash for the remainder', () => {
    const milkBack = computeRefund(splitSale, [], { lines: [{ lineIndex: 1 }] }, meta());
    assert.deepEqual(milkBack.payments, [
      { method: 'card', amount: 1_290_000, cardType: 'uzcard', reference: 'RRN-1' },
    ]);
    const applesBack = computeRefund(splitSale, [milkBack], { lines: [{ lineIndex: 2 }] }, meta());
    assert.equal(applesBack.total, 2_282_900);
    assert.deepEqual(applesBack.payments, [
      { method: 'card', amount: 1_710_000, cardType: 'uzcard', reference: 'RRN-1' },
      { method: 'cash', amount: 572_900 },
    ]);
  });

  it('refuses to refund more than was sold', () => {
    assert.throws(
      () => computeRefund(splitSale, [], { lines: [{ lineIndex: 0, qty: 4000 }] }, meta()),
      (e: unknown) => e instanceof AppError && e.code === 'REFUND_OVER_SOLD' && e.params.left === '3',
    );
    const milkBack = computeRefund(splitSale, [], { lines: [{ lineIndex: 1 }] }, meta());
    assert.throws(
      () => computeRefund(splitSale, [milkBack], { lines: [{ lineIndex: 1, qty: 1000 }] }, meta()),
      isCode('REFUND_OVER_SOLD'),
    );
    const everything = computeRefund(splitSale, [milkBack], { whole: true }, meta());
    assert.throws(
      () => computeRefund(splitSale, [milkBack, everything], { whole: true }, meta()),
      isCode('REFUND_OVER_SOLD'),
    );
    assert.throws(
      () => computeRefund(splitSale, [], { lines: [{ lineIndex: 9 }] }, meta()),
      isCode('LINE_NOT_FOUND'),
    );
  });
});
