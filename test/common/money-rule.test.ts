import assert from 'node:assert/strict';
import {
  priceRefund,
  priceSale,
  spread,
  vatOf,
  type CartLineInput,
  type Discount,
  type Tendered,
} from '../../src/common/money-rule.js';

/** A small seeded generator (mulberry32), so a failing cart can be replayed from its seed. */
function random(seed: number): (max: number) => number {
  let a = seed >>> 0;
  return (max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

const rates = [0, 1200, 1500];
const steps = [0, 5000, 10000];

function randomDiscount(r: (max: number) => number, base: number): Discount | null {
  switch (r(4)) {
    case 0:
      return { percentBp: r(10_001) };
    case 1:
      return { amount: r(base + 1) };
    default:
      return null;
  }
}

function randomCart(r: (max: number) => number): CartLineInput[] {
  const count = 1 + r(8);
  return Array.from({ length: count }, (): CartLineInput => {
    const kg = r(2) === 0;
    const unitPrice = r(5) === 0 ? r(100) : 100 * r(200_000) + r(100);
    const qty = kg ? 1 + r(20_000) : 1000 * (1 + r(10));
    const line: CartLineInput = { unitPrice, qty, vatRate: rates[r(3)] ?? 0, unit: kg ? 'kg' : 'pcs' };
    const discount = randomDiscount(r, Math.round((unitPrice * qty) / 1000));
    if (discount) line.discount = discount;
    return line;
  });
}

function randomTenders(r: (max: number) => number, exactTotal: number, step: number): Tendered[] {
  const coin = step || 100;
  switch (r(3)) {
    case 0: // cash only, paid with whole notes
      return [{ method: 'cash', amount: (Math.floor(exactTotal / coin) + r(100)) * coin }];
    case 1: // all on a card (or QR)
      return exactTotal === 0 ? [] : [{ method: r(2) ? 'card' : 'qr', amount: exactTotal }];
    default: {
      const card = r(exactTotal + 1);
      const tenders: Tendered[] = card > 0 ? [{ method: 'card', amount: card }] : [];
      return [...tenders, { method: 'cash', amount: (Math.floor((exactTotal - card) / coin) + 1) * coin }];
    }
  }
}

describe('money rule', () => {
  it('extracts VAT inside an amount to the tiyin, half up (FISCAL.md example: 50 000 at 12 % → 5 357)', () => {
    assert.equal(vatOf(50_000, 1200), 5357);
    assert.equal(vatOf(11_200, 1200), 1200);
    assert.equal(vatOf(11_500, 1500), 1500);
    assert.equal(vatOf(99_999, 0), 0);
  });

  it('spreads by largest remainder with ties to the earlier line, never above a weight', () => {
    assert.deepEqual(spread(4, [3, 3, 3]), [2, 1, 1]);
    assert.deepEqual(spread(2, [0, 5, 5]), [0, 1, 1]);
    assert.deepEqual(spread(7, [3, 4]), [3, 4]);
  });

  it('rounds a mixed payment only on its cash part, down, and gives change in whole coins', () => {
    const sale = priceSale({
      lines: [{ unitPrice: 2_353_175, qty: 1000, vatRate: 1200, unit: 'pcs' }],
      tendered: [
        { method: 'card', amount: 2_000_000 },
        { method: 'cash', amount: 500_000 },
      ],
      cashRounding: 10_000,
    });
    assert.equal(sale.nonCash, 2_000_000);
    assert.equal(sale.cashDue, 350_000);
    assert.equal(sale.rounding, 3175);
    assert.equal(sale.change, 150_000);
    assert.equal(sale.total, 2_350_000);
    assert.deepEqual(
      sale.lines.map((l) => [l.gross, l.discount, l.total, l.vat]),
      [[2_353_175, 3175, 2_350_000, 251_786]],
    );
  });

  it('never rounds a sale up: 12 399 so‘m in cash at 100 so‘m is 12 300', () => {
    const sale = priceSale({
      lines: [{ unitPrice: 1_239_900, qty: 1000, vatRate: 0, unit: 'pcs' }],
      cashRounding: 10_000,
    });
    assert.equal(sale.total, 1_230_000);
    assert.equal(sale.rounding, 9900);
  });

  it('keeps card and QR sales exact', () => {
    const sale = priceSale({
      lines: [{ unitPrice: 1_239_950, qty: 1000, vatRate: 1200, unit: 'pcs' }],
      tendered: [{ method: 'qr', amount: 1_239_950 }],
      cashRounding: 10_000,
    });
    assert.equal(sale.total, 1_239_950);
    assert.equal(sale.rounding, 0);
    assert.equal(sale.remaining, 0);
  });

  it('holds over random carts: lines sum to the total, nothing negative, the FISCAL.md sum rule', () => {
    for (let seed = 1; seed <= 2000; seed += 1) {
      const r = random(seed);
      const lines = randomCart(r);
      const step = steps[r(3)] ?? 0;
      const discount = r(3) === 0 ? randomDiscount(r, 1_000_000) : null;
      const before = priceSale({ lines, discount, cashRounding: step });
      const tendered = randomTenders(r, before.total + before.rounding, step);
      const sale = priceSale({ lines, discount, tendered, cashRounding: step });
      const at = `seed ${seed}`;
      assert.equal(
        sale.lines.reduce((a, l) => a + l.total, 0),
        sale.total,
        at,
      );
      for (const l of sale.lines) {
        assert.ok(l.total >= 0 && l.discount >= 0, at);
        assert.equal(l.gross - l.discount, l.total, at);
        assert.equal(l.discount, l.ownDiscount + l.saleDiscount + l.rounding, at);
        assert.equal(l.vat, vatOf(l.total, l.vatRate), at);
      }
      assert.equal(
        sale.vatByRate.reduce((a, v) => a + v.vat, 0),
        sale.vat,
        at,
      );
      assert.ok(sale.rounding >= 0 && (step === 0 ? sale.rounding === 0 : sale.rounding < step), at);
      if (sale.remaining === 0) {
        const receivedCash = sale.cashTendered - sale.change;
        const fiscal = sale.nonCash + receivedCash - sale.lines.reduce((a, l) => a + l.gross - l.discount, 0);
        assert.ok(fiscal >= 0 && fiscal <= 10_000, `${at}: sum rule ${fiscal}`);
        if (step > 0) assert.equal(sale.change % step, 0, at);
      }
    }
  });

  it('refunds in pieces stay ≥ 0, in whole coins for cash, and lose less than a coin each', () => {
    for (let seed = 1; seed <= 1000; seed += 1) {
      const r = random(seed);
      const step = steps[r(3)] ?? 0;
      const cart = randomCart(r);
      const exact = priceSale({ lines: cart, cashRounding: step });
      const tendered = randomTenders(r, exact.total, step);
      const sale = priceSale({ lines: cart, tendered, cashRounding: step });
      if (sale.remaining > 0) continue;
      const at = `seed ${seed}`;
      const refunded = sale.lines.map(() => 0);
      const refundable = [
        { method: 'card' as const, amount: tendered.find((t) => t.method === 'card')?.amount ?? 0 },
        { method: 'qr' as const, amount: tendered.find((t) => t.method === 'qr')?.amount ?? 0 },
      ];
      let back = 0;
      let refunds = 0;
      while (refunded.some((q, i) => q < (sale.lines[i]?.qty ?? 0))) {
        const lines = sale.lines
          .map((sold, i) => {
            const left = sold.qty - (refunded[i] ?? 0);
            const qty = left === 0 ? 0 : r(2) ? left : 1 + r(left);
            return { sold, refundedQty: refunded[i] ?? 0, qty, i };
          })
          .filter((l) => l.qty > 0);
        if (lines.length === 0) continue;
        const refund = priceRefund({ lines, refundable, cashRounding: step });
        for (const l of refund.lines) {
          assert.ok(l.total >= 0 && l.discount >= 0, at);
          assert.equal(l.gross - l.discount, l.total, at);
          assert.equal(l.vat, vatOf(l.total, l.vatRate), at);
        }
        assert.equal(
          refund.lines.reduce((a, l) => a + l.total, 0),
          refund.total,
          at,
        );
        assert.equal(
          refund.payments.reduce((a, p) => a + p.amount, 0),
          refund.total,
          at,
        );
        const cash = refund.payments.find((p) => p.method === 'cash')?.amount ?? 0;
        if (step > 0) assert.equal(cash % step, 0, at);
        for (const p of refund.payments) {
          const entry = refundable.find((e) => e.method === p.method);
          if (entry) entry.amount -= p.amount;
        }
        for (const l of lines) refunded[l.i] = (refunded[l.i] ?? 0) + l.qty;
        back += refund.total;
        refunds += 1;
      }
      assert.ok(back <= sale.total, at);
      // Each partial cash refund keeps less than one coin; nothing else is lost.
      assert.ok(sale.total - back <= Math.max(0, step - 1) * refunds, at);
    }
  });

  it('gives back a whole cash sale exactly', () => {
    const sale = priceSale({
      lines: [
        { unitPrice: 1_234_567, qty: 1250, vatRate: 1200, unit: 'kg' },
        { unitPrice: 500_000, qty: 2000, vatRate: 0, unit: 'pcs', mxik: '12345678901234567' },
      ],
      discount: { percentBp: 500 },
      cashRounding: 10_000,
    });
    const refund = priceRefund({
      lines: sale.lines.map((sold) => ({ sold, refundedQty: 0, qty: sold.qty })),
      refundable: [],
      cashRounding: 10_000,
    });
    assert.equal(refund.total, sale.total);
    assert.deepEqual(
      refund.lines.map((l) => [l.gross, l.discount, l.total, l.vat, l.mxik]),
      sale.lines.map((l) => [l.gross, l.discount, l.total, l.vat, l.mxik]),
    );
    assert.deepEqual(refund.payments, [{ method: 'cash', amount: sale.total }]);
  });
});
