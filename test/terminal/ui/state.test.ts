import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { emptyCart, reduceCart, type ProductSnapshot } from '../../../src/terminal/sale/cart.js';
import { cartRows, scrollTop, truncate } from '../../../src/terminal/ui/format.js';
import { typedDiscount, typedMoney, typedQuantity } from '../../../src/terminal/ui/input.js';
import { reduceList } from '../../../src/terminal/ui/state/list.js';
import {
  addTender,
  initialPay,
  nextKind,
  nextMethod,
  payStatus,
  typedTender,
} from '../../../src/terminal/ui/state/pay.js';
import { initialSession, reduceSession } from '../../../src/terminal/ui/state/sale-session.js';
import { reduceField } from '../../../src/terminal/ui/state/text-field.js';
import { commandFor, parseKeys } from '../../../src/terminal/ui/keys.js';
import {
  initialRefundPick,
  reduceRefundPick,
  refundSelection,
  type RefundPickState,
} from '../../../src/terminal/ui/state/refund-pick.js';
import { InputError } from '../../../src/terminal/ui/text.js';

const bread: ProductSnapshot = { productId: 'p1', name: 'Non', unitPrice: 500_000, vatRate: 0, unit: 'pcs' };
const policy = { role: 'cashier' as const, maxCashierDiscount: 1000 };
const cartOf = (qty: number) => reduceCart(emptyCart, { type: 'addItem', product: bread, qty }, policy).state;

describe('register UI state', () => {
  it('text field: types, filters, deletes', () => {
    let value = '';
    for (const key of parseKeys('12a,5')) value = reduceField(value, key, { accept: /[0-9,]/ });
    assert.equal(value, '12,5');
    value = reduceField(value, parseKeys('\x7f')[0]!);
    assert.equal(value, '12,');
  });

  it('list: moves within bounds', () => {
    assert.equal(reduceList(0, 'list.up', 3), 0);
    assert.equal(reduceList(0, 'list.down', 3), 1);
    assert.equal(reduceList(1, 'list.pageDown', 3, 10), 2);
  });

  it('sale session: keeps the selection on a line, parks and resumes carts', () => {
    let s = reduceSession(initialSession, { type: 'cart', cart: cartOf(1000), select: 0 });
    assert.equal(s.selected, 0);
    s = reduceSession(s, { type: 'select', delta: 5 });
    assert.equal(s.selected, 0);
    const parked = { id: 'a', parkedAt: '2026-11-25T10:00:00.000Z', cashierId: null, cart: s.cart };
    s = reduceSession(s, { type: 'parked', parked: [parked] });
    assert.equal(s.cart.lines.length, 0);
    assert.equal(s.selected, -1);
    assert.equal(s.parked.length, 1);
    s = reduceSession(s, { type: 'resumed', cart: parked.cart, parked: [] });
    assert.equal(s.cart.lines.length, 1);
    assert.equal(s.selected, 0);
    assert.equal(s.parked.length, 0);
  });

  it('refund pick: Space marks what is left, digits set a quantity, nothing marked is the whole sale', () => {
    const lines = [
      { lineIndex: 0, productId: 'a', name: 'Olma', sold: 1250, left: 750, unit: 'kg' as const },
      { lineIndex: 1, productId: 'b', name: 'Non', sold: 3000, left: 3000, unit: 'pcs' as const },
    ];
    const press = (s: RefundPickState, raw: string) =>
      parseKeys(raw).reduce((acc, key) => reduceRefundPick(acc, key, commandFor(key, ['list']), lines), s);
    assert.deepEqual(refundSelection(initialRefundPick, lines), { whole: true });
    let s = press(initialRefundPick, ' ');
    assert.deepEqual(s.picks, { 0: '0.750' });
    s = press(s, ' ');
    assert.deepEqual(s.picks, {});
    s = press(press(press(s, '0,5'), '\x1b[B'), '2');
    assert.deepEqual(refundSelection(s, lines), {
      lines: [
        { lineIndex: 0, qty: 500 },
        { lineIndex: 1, qty: 2000 },
      ],
    });
    s = press(s, '\x7f4');
    assert.throws(
      () => refundSelection(s, lines),
      (e) => e instanceof AppError && e.code === 'REFUND_OVER_SOLD',
    );
    s = press(s, '\x7f');
    assert.deepEqual(s.picks, { 0: '0,5' });
  });

  it('pay: an empty amount means the rest; card parts are exact, the cash part is rounded down', () => {
    const total = 1_234_500;
    assert.equal(payStatus(total, initialPay, 10_000).due, 1_230_000);
    const card = nextKind(nextMethod(initialPay), 1);
    assert.equal(card.method, 'card');
    assert.equal(payStatus(total, card, 10_000).due, total, 'a card part pays exactly');
    const tender = typedTender({ ...card, amount: '10000' }, 0);
    assert.deepEqual(tender, { method: 'card', amount: 1_000_000, cardType: 'humo', reference: undefined });
    const afterCard = nextMethod(nextMethod(addTender(card, tender)));
    assert.equal(afterCard.method, 'cash');
    const rest = payStatus(total, afterCard, 10_000);
    // The cash part 2 345 so‘m is rounded down to 2 300.
    assert.equal(rest.remaining, 230_000);
    assert.deepEqual(typedTender(afterCard, rest.remaining), { method: 'cash', tendered: 230_000 });
  });

  it('typed input: money in so’m, quantities in thousandths, discounts as percent or amount', () => {
    assert.equal(typedMoney('12 500'), 1_250_000);
    assert.equal(typedMoney('-200', { allowNegative: true }), -20_000);
    assert.throws(() => typedMoney('-200'), InputError);
    assert.equal(typedQuantity('1,250'), 1250);
    assert.throws(() => typedQuantity('0'), AppError);
    assert.deepEqual(typedDiscount('7.5%'), { percentBp: 750 });
    assert.deepEqual(typedDiscount('5000'), { amount: 500_000 });
    assert.equal(typedDiscount(''), null);
  });

  it('format: cuts long names, keeps rows to the width, scrolls to the selection', () => {
    assert.equal(truncate('Olma qizil', 6), 'Olma …');
    const [row] = cartRows(cartOf(3000), 80, 'uz');
    assert.equal(row!.text.length, 80);
    assert.match(row!.text, /Non\s+3 dona\s+5 000\s+15 000$/);
    assert.equal(scrollTop(0, 30, 10), 0);
    assert.equal(scrollTop(25, 30, 10), 16);
  });
});
