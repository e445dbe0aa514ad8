import assert from 'node:assert/strict';
import { formatDate, formatDateTime, formatMoney } from '../../src/admin/format.js';

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
});
