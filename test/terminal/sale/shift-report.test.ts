import assert from 'node:assert/strict';
import type { SaleCompletedData } from '../../../src/common/protocol/sync.js';
import { shiftReport, type ShiftEvent } from '../../../src/terminal/sale/shift-report.js';
import { bread, cashierId, milk, shiftId } from './fixtures.js';

const saleId = '0193a5b0-0000-7000-8000-0000000000e1';
const otherShift = '0193a5b0-0000-7000-8000-0000000000a2';

function sale(
  total: number,
  payments: SaleCompletedData['payments'],
  change: number,
  vatRate = 1200,
): ShiftEvent {
  return {
    type: 'sale.completed',
    data: {
      receiptNo: 'POS-02-000001',
      shiftId,
      cashierId,
      lines: [
        { productId: bread.productId, name: 'Non', qty: 1000, unitPrice: total, discount: 0, total, vatRate },
      ],
      discount: 0,
      total,
      payments,
      change,
    },
  };
}

describe('shift report', () => {
  // Opening 50 000; three sales (cash, card + cash, QR); two refunds (cash, card); 10 000 in, 20 000 out.
  const events: ShiftEvent[] = [
    { type: 'shift.opened', data: { shiftId, cashierId, openingCash: 5_000_000 } },
    sale(4_420_000, [{ method: 'cash', amount: 4_500_000 }], 80_000),
    sale(
      4_422_900,
      [
        { method: 'card', amount: 3_000_000, cardType: 'uzcard', reference: 'RRN-1' },
        { method: 'cash', amount: 1_500_000 },
      ],
      77_100,
    ),
    sale(1_290_000, [{ method: 'qr', amount: 1_290_000, cardType: 'payme' }], 0, 0),
    {
      type: 'sale.refunded',
      data: {
        refundNo: 'POS-02-R000001',
        saleId,
        shiftId,
        lines: [
          {
            productId: bread.productId,
            qty: 1000,
            gross: 283_333,
            discount: 0,
            total: 283_333,
            vatRate: 1200,
            vat: 30_357,
            unit: 'pcs',
          },
        ],
        payments: [{ method: 'cash', amount: 283_333 }],
        total: 283_333,
      },
    },
    {
      type: 'sale.refunded',
      data: {
        refundNo: 'POS-02-R000002',
        saleId,
        lines: [{ productId: milk.productId, qty: 1000, total: 1_290_000, vatRate: 0, vat: 0 }],
        payments: [{ method: 'card', amount: 1_290_000, cardType: 'uzcard' }],
        total: 1_290_000,
      },
    },
    { type: 'cash.moved', data: { shiftId, amount: 1_000_000, reason: 'change float' } },
    { type: 'cash.moved', data: { shiftId, amount: -2_000_000, reason: 'collection' } },
    { type: 'cash.moved', data: { shiftId: otherShift, amount: -9_999_900, reason: 'another register' } },
  ];

  it('gives X figures while the shift is open', () => {
    const x = shiftReport(shiftId, events);
    assert.equal(x.kind, 'X');
    assert.equal(x.cashierId, cashierId);
    assert.equal(x.openingCash, 5_000_000);
    assert.deepEqual(x.sales, { count: 3, total: 10_132_900, discount: 0, rounding: 0 });
    assert.deepEqual(x.refunds, { count: 2, total: 1_573_333, discount: 0 });
    assert.deepEqual(x.receipts, { first: 'POS-02-000001', last: 'POS-02-000001' });
    assert.deepEqual(x.refundReceipts, { first: 'POS-02-R000001', last: 'POS-02-R000002' });
    assert.equal(x.net, 8_559_567);
    // Cash: 45 000 − 800 change + 15 000 − 771 change.
    assert.deepEqual(x.payments, { cash: 5_842_900, card: 3_000_000, qr: 1_290_000 });
    assert.deepEqual(x.refundPayments, { cash: 283_333, card: 1_290_000, qr: 0 });
    // Card types net of refunds: 30 000 − 12 900 so'm back to the Uzcard.
    assert.deepEqual(x.byCardType, { uzcard: 1_710_000, payme: 1_290_000 });
    assert.equal(x.cashIn, 1_000_000);
    assert.equal(x.cashOut, 2_000_000);
    // 50 000 + 58 429 − 2 833.33 + 10 000 − 20 000 so'm.
    assert.equal(x.expectedCash, 9_559_567);
    assert.equal(x.countedCash, null);
    assert.equal(x.difference, null);
    // The lines' own VAT (12% inside 44 200 and 44 229 so'm), less the refunded line's 303,57 so'm.
    assert.deepEqual(x.vat, [
      { rate: 0, gross: 0, vat: 0 },
      { rate: 1200, gross: 8_559_567, vat: 473_571 + 473_882 - 30_357 },
    ]);
  });

  it('gives Z figures with the counted cash and the shortage once closed', () => {
    const z = shiftReport(shiftId, [
      ...events,
      { type: 'shift.closed', data: { shiftId, countedCash: 9_500_000 } },
    ]);
    assert.equal(z.kind, 'Z');
    assert.equal(z.countedCash, 9_500_000);
    assert.equal(z.difference, -59_567);
  });
});
