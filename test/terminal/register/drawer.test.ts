import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { refundSale } from '../../../src/terminal/register/refunds.js';
import { checkout, scanIntoCart } from '../../../src/terminal/register/selling.js';
import { drawerCash, moveCash, openShift } from '../../../src/terminal/register/shift.js';
import { emptyCart } from '../../../src/terminal/sale/cart.js';
import { offlineRegisterPerTest } from '../../helpers/register.js';

const notEnough = (e: unknown) => e instanceof AppError && e.code === 'NOT_ENOUGH_CASH';

describe('money leaving the drawer', () => {
  const r = offlineRegisterPerTest();
  const cashier = () => ({ id: r.cashierId, name: 'Dilnoza' });

  it('takes cash out up to what the drawer holds and refuses one tiyin more, with both amounts', () => {
    const shift = openShift(r.ctx, cashier(), 10_000_000);
    assert.throws(
      () => moveCash(r.ctx, -10_000_001, 'inkassatsiya'),
      (e: unknown) =>
        notEnough(e) && /100 000,01 so.m so‘ralgan, kassada 100 000 so/.test((e as AppError).localized('uz')),
    );
    // The reported case: far beyond the drawer.
    assert.throws(() => moveCash(r.ctx, -9_999_999_900, 'xato'), notEnough);
    moveCash(r.ctx, -10_000_000, 'inkassatsiya');
    assert.equal(drawerCash(r.ctx, shift.id), 0);
    const rows = r.ctx.db.prepare('SELECT amount FROM cash_movements').pluck().all();
    assert.deepEqual(rows, [-10_000_000]);
  });

  it('refuses a cash refund above what the drawer holds; a card refund is not limited by it', () => {
    openShift(r.ctx, cashier(), 0);
    const cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state;
    const sale = checkout(r.ctx, {
      cart,
      tenders: [{ method: 'cash', tendered: 1_250_000 }],
      cashier: cashier(),
    });
    moveCash(r.ctx, -1_000_000, 'bank');
    assert.throws(
      () => refundSale(r.ctx, { receiptNo: sale.receiptNo, selection: { whole: true }, cashier: cashier() }),
      notEnough,
    );
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 0);
    moveCash(r.ctx, 1_000_000, 'maydalash');
    refundSale(r.ctx, { receiptNo: sale.receiptNo, selection: { whole: true }, cashier: cashier() });

    const cardCart = scanIntoCart(r.ctx, emptyCart, r.barcodes.bread).state;
    const card = checkout(r.ctx, {
      cart: cardCart,
      tenders: [{ method: 'card', amount: 500_000, cardType: 'humo' }],
      cashier: cashier(),
    });
    refundSale(r.ctx, { receiptNo: card.receiptNo, selection: { whole: true }, cashier: cashier() });
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 2);
  });
});
