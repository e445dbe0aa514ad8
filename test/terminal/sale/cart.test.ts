import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { priceSale } from '../../../src/common/money-rule.js';
import {
  cartInput,
  cartTotals,
  emptyCart,
  reduceCart,
  toSaleLines,
  type CartAction,
  type CartAuditEntry,
  type CartState,
  type DiscountPolicy,
} from '../../../src/terminal/sale/cart.js';
import { apples, bread, milk } from './fixtures.js';

const cashier: DiscountPolicy = { role: 'cashier', maxCashierDiscount: 1000 };
const owner: DiscountPolicy = { role: 'owner', maxCashierDiscount: 1000 };

function run(
  actions: CartAction[],
  policy: DiscountPolicy = cashier,
): { state: CartState; audit: CartAuditEntry[] } {
  let state = emptyCart;
  const audit: CartAuditEntry[] = [];
  for (const action of actions) {
    const result = reduceCart(state, action, policy);
    state = result.state;
    audit.push(...result.audit);
  }
  return { state, audit };
}

function isCode(code: string) {
  return (e: unknown) => e instanceof AppError && e.code === code;
}

describe('cart', () => {
  it('adds the same product to its line, but keeps each scale label on its own line', () => {
    const { state } = run([
      { type: 'addItem', product: bread, qty: 1000 },
      { type: 'addItem', product: apples, qty: 1250, scale: {} },
      { type: 'addItem', product: bread, qty: 1000 },
      { type: 'addItem', product: apples, qty: 800, scale: {} },
    ]);
    assert.deepEqual(
      state.lines.map((l) => [l.product.name, l.qty]),
      [
        ['Non', 2000],
        ['Olma', 1250],
        ['Olma', 800],
      ],
    );
    const totals = cartTotals(state);
    // 2 × 3 000 = 6 000; 1.250 kg × 18 500 = 23 125; 0.800 kg × 18 500 = 14 800 so'm.
    assert.deepEqual(
      totals.lines.map((l) => l.total),
      [600_000, 2_312_500, 1_480_000],
    );
    assert.equal(totals.total, 4_392_500);
  });

  it('rounds weighed amounts half up to a whole minor unit and uses a label price as it is', () => {
    const { state } = run([
      { type: 'addItem', product: { ...apples, unitPrice: 1_850_001 }, qty: 1_500 },
      { type: 'addItem', product: apples, qty: 1_234, scale: { labelPrice: 2_283_000 } },
    ]);
    const totals = cartTotals(state);
    assert.equal(totals.lines[0]!.total, 2_775_002); // 2 775 001.5 → 2 775 002
    assert.equal(totals.lines[1]!.total, 2_283_000);
  });

  it('sets quantities of weighed goods in thousandths and refuses fractions of a piece', () => {
    let { state } = run([
      { type: 'addItem', product: apples, qty: 1000 },
      { type: 'addItem', product: bread, qty: 1000 },
    ]);
    state = reduceCart(state, { type: 'setQty', lineIndex: 0, qty: 2_345 }, cashier).state;
    assert.equal(cartTotals(state).lines[0]!.total, 4_338_250);
    assert.throws(
      () => reduceCart(state, { type: 'setQty', lineIndex: 1, qty: 1500 }, cashier),
      isCode('INVALID_QUANTITY'),
    );
    assert.throws(
      () => reduceCart(state, { type: 'setQty', lineIndex: 0, qty: 0 }, cashier),
      isCode('INVALID_QUANTITY'),
    );
    assert.throws(
      () => reduceCart(state, { type: 'setQty', lineIndex: 5, qty: 1000 }, cashier),
      isCode('LINE_NOT_FOUND'),
    );
  });

  it('applies line discounts and spreads the cart discount so line totals sum to the total', () => {
    const { state } = run([
      { type: 'addItem', product: bread, qty: 2000 },
      { type: 'addItem', product: apples, qty: 1250 },
      { type: 'addItem', product: milk, qty: 1000 },
      { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 500 } },
      { type: 'cartDiscount', discount: { amount: 100_000 } },
    ]);
    const totals = cartTotals(state);
    assert.equal(totals.subtotal, 600_000 + 2_312_500 + 1_290_000);
    assert.equal(totals.lineDiscounts, 30_000);
    assert.equal(totals.cartDiscount, 100_000);
    // 1 000 so'm over 570 000 : 2 312 500 : 1 290 000 = 13 660.87 / 55 422.41 / 30 916.72;
    // floors, then +1 to the two largest remainders.
    assert.deepEqual(
      totals.lines.map((l) => l.cartDiscountShare),
      [13_661, 55_422, 30_917],
    );
    assert.deepEqual(
      totals.lines.map((l) => l.total),
      [556_339, 2_257_078, 1_259_083],
    );
    assert.equal(
      totals.lines.reduce((a, l) => a + l.total, 0),
      totals.total,
    );
    assert.equal(totals.total, 4_072_500);
    assert.equal(totals.discount, 130_000);
    // VAT is included: 12% of (556 339 + 2 257 078) = 2 813 417 × 12/112 = 301 437.54 → 301 438; milk has none.
    assert.deepEqual(totals.vat, [
      { rate: 0, gross: 1_259_083, vat: 0 },
      { rate: 1200, gross: 2_813_417, vat: 301_438 },
    ]);
    const lines = toSaleLines(state, priceSale({ ...cartInput(state), cashRounding: 0 }));
    assert.deepEqual(lines[0], {
      productId: bread.productId,
      name: 'Non',
      qty: 2000,
      unitPrice: 300_000,
      gross: 600_000,
      discount: 43_661,
      total: 556_339,
      vatRate: 1200,
      vat: 59_608,
      unit: 'pcs',
      mxik: bread.mxik,
    });
    assert.equal(lines[1]!.mxik, undefined);
  });

  it('refuses a cashier’s discount over the limit and lets the owner give it', () => {
    const { state } = run([{ type: 'addItem', product: bread, qty: 2000 }]);
    assert.throws(
      () => reduceCart(state, { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 1500 } }, cashier),
      (e: unknown) => e instanceof AppError && e.code === 'DISCOUNT_OVER_LIMIT' && e.params.limit === '10',
    );
    assert.throws(
      () => reduceCart(state, { type: 'lineDiscount', lineIndex: 0, discount: { amount: 60_001 } }, cashier),
      isCode('DISCOUNT_OVER_LIMIT'),
    );
    const within = reduceCart(
      state,
      { type: 'lineDiscount', lineIndex: 0, discount: { amount: 60_000 } },
      cashier,
    );
    assert.equal(cartTotals(within.state).total, 540_000);
    const byOwner = reduceCart(
      state,
      { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 5000 } },
      owner,
    );
    assert.equal(cartTotals(byOwner.state).total, 300_000);
    assert.throws(
      () => reduceCart(state, { type: 'lineDiscount', lineIndex: 0, discount: { amount: 700_000 } }, owner),
      isCode('INVALID_DISCOUNT'),
    );
  });

  it('counts line and cart discounts together against the cashier’s limit', () => {
    const { state } = run([
      { type: 'addItem', product: bread, qty: 2000 },
      { type: 'addItem', product: milk, qty: 1000 },
      { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 1000 } },
    ]);
    assert.throws(
      () => reduceCart(state, { type: 'cartDiscount', discount: { percentBp: 1000 } }, cashier),
      isCode('DISCOUNT_OVER_LIMIT'),
    );
    const ok = reduceCart(state, { type: 'cartDiscount', discount: { percentBp: 500 } }, cashier).state;
    // 60 000 line + 5% of 1 830 000 = 91 500 → 151 500 ≤ 10% of 1 890 000.
    assert.equal(cartTotals(ok).discount, 151_500);
    // A line discount given after the cart discount is held to the same receipt-wide limit.
    assert.throws(
      () => reduceCart(ok, { type: 'lineDiscount', lineIndex: 1, discount: { percentBp: 1000 } }, cashier),
      isCode('DISCOUNT_OVER_LIMIT'),
    );
  });

  it('returns audit entries for discounts, voided lines, reduced quantities and a cancelled sale', () => {
    const { state, audit } = run([
      { type: 'addItem', product: bread, qty: 3000 },
      { type: 'addItem', product: milk, qty: 1000 },
      { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 500 } },
      { type: 'cartDiscount', discount: { amount: 10_000 } },
      { type: 'cartDiscount', discount: null },
      { type: 'setQty', lineIndex: 0, qty: 1000 },
      { type: 'removeLine', lineIndex: 1, reason: 'customer changed mind' },
    ]);
    assert.deepEqual(audit, [
      {
        type: 'discount.line',
        discount: { percentBp: 500 },
        amount: 45_000,
        line: { productId: bread.productId, name: 'Non' },
      },
      { type: 'discount.cart', discount: { amount: 10_000 }, amount: 10_000 },
      { type: 'discount.cart', discount: null, amount: 0 },
      { type: 'line.reduced', line: { productId: bread.productId, name: 'Non', fromQty: 3000, toQty: 1000 } },
      {
        type: 'line.voided',
        reason: 'customer changed mind',
        line: { productId: milk.productId, name: 'Sut 1 l', qty: 1000, total: 1_290_000 },
      },
    ]);
    const cleared = reduceCart(state, { type: 'clear', reason: 'no money' }, cashier);
    assert.equal(cleared.state.lines.length, 0);
    assert.deepEqual(cleared.audit, [
      { type: 'sale.cancelled', reason: 'no money', lineCount: 1, total: 285_000 },
    ]);
    assert.deepEqual(reduceCart(emptyCart, { type: 'clear', reason: 'x' }, cashier).audit, []);
  });

  it('never changes the state it was given', () => {
    const before = run([{ type: 'addItem', product: bread, qty: 1000 }]).state;
    const after = reduceCart(before, { type: 'addItem', product: bread, qty: 1000 }, cashier).state;
    assert.equal(before.lines[0]!.qty, 1000);
    assert.equal(after.lines[0]!.qty, 2000);
    assert.ok(Object.isFrozen(after.lines));
  });
});
