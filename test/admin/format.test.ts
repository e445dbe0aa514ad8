import assert from 'node:assert/strict';
import { formatDate, formatDateTime, formatMoney, formatQuantity } from '../../src/admin/format.js';

describe('admin panel formats', function () {
  it("formats so'm with spaces between thousands and tiyin only when present", function () {
    assert.equal(formatMoney(1_250_000), "12 500 so'm");
    assert.equal(formatMoney(0), "0 so'm");
    assert.equal(formatMoney(123_456_789_00), "123 456 789 so'm");
    assert.equal(formatMoney(1_250_050), "12 500,50 so'm");
    assert.equal(formatMoney(-50_000), "-500 so'm");
    assert.equal(formatMoney(1_000, 'USD'), '10 USD');
  });

  it('formats dates as dd.mm.yyyy in local time and keeps null', function () {
    const local = new Date(2026, 0, 5, 9, 7).toISOString();
    assert.equal(formatDate(local), '05.01.2026');
    assert.equal(formatDateTime(local), '05.01.2026 09:07');
    assert.equal(formatDate(null), null);
  });

  it('shows pieces whole and kg/l with three decimals, thousands spaced, negatives signed', function () {
    assert.equal(formatQuantity(12_000, 'pcs'), '12');
    assert.equal(formatQuantity(1_250_000, 'pcs'), '1 250');
    assert.equal(formatQuantity(-3_000, 'pcs'), '-3');
    assert.equal(formatQuantity(2_000, 'kg'), '2.000');
    assert.equal(formatQuantity(1_250, 'l'), '1.250');
    assert.equal(formatQuantity(-250, 'kg'), '-0.250');
    assert.equal(formatQuantity(1_234_567, 'kg'), '1 234.567');
  });
});
