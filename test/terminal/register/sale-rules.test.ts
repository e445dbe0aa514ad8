import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { parkCart } from '../../../src/terminal/register/parking.js';
import {
  assertCanCloseShift,
  assertCanLogout,
  assertCanPay,
  assertCanResume,
  requireLine,
} from '../../../src/terminal/register/sale-rules.js';
import { scanIntoCart } from '../../../src/terminal/register/selling.js';
import { emptyCart } from '../../../src/terminal/sale/cart.js';
import { offlineRegisterPerTest } from '../../helpers/register.js';

const withCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe('sale screen rules', () => {
  const r = offlineRegisterPerTest();

  it('needs a highlighted line for line commands and a line to pay', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state;
    assert.throws(() => requireLine(emptyCart, -1), withCode('EMPTY_CART'));
    assert.throws(() => requireLine(cart, 1), withCode('EMPTY_CART'));
    requireLine(cart, 0);
    assert.throws(() => assertCanPay(emptyCart), withCode('EMPTY_CART'));
    assertCanPay(cart);
  });

  it('resumes only into an empty cart and only when something is parked', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state;
    assert.throws(() => assertCanResume(r.ctx, emptyCart), withCode('NO_PARKED_SALES'));
    parkCart(r.ctx, { id: r.cashierId, name: 'Dilnoza' }, cart);
    assert.throws(() => assertCanResume(r.ctx, cart), withCode('SALE_IN_PROGRESS'));
    assertCanResume(r.ctx, emptyCart);
  });

  it('closes the shift and logs out only with an empty cart; the shift also waits for parked sales', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.bread).state;
    assert.throws(() => assertCanLogout(cart), withCode('SALE_IN_PROGRESS'));
    assertCanLogout(emptyCart);
    assert.throws(() => assertCanCloseShift(r.ctx, cart), withCode('SALE_IN_PROGRESS'));
    assertCanCloseShift(r.ctx, emptyCart);
    parkCart(r.ctx, { id: r.cashierId, name: 'Dilnoza' }, cart);
    assert.throws(() => assertCanCloseShift(r.ctx, emptyCart), withCode('PARKED_SALES_WAITING'));
  });
});
