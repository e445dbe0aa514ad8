import assert from 'node:assert/strict';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatQuantity,
  setMoneyLanguage,
} from '../../src/admin/format.js';

describe('admin panel formats', function () {
  it('formats so‘m with spaces between thousands and tiyin only when present', function () {
    assert.equal(formatMoney(1_250_000), '12 500 so‘m');
    assert.equal(formatMoney(0), '0 so‘m');
    assert.equal(formatMoney(123_456_789_00), '123 456 789 so‘m');
    assert.equal(formatMoney(1_250_050), '12 500,50 so‘m');
    assert.equal(formatMoney(-50_000), '-500 so‘m');
    assert.equal(formatMoney(1_000, 'USD'), '10 USD');
  });

  it('spells the so‘m one way per panel language: so‘m in Uzbek, сум in Russian, UZS in English', function () {
    try {
      setMoneyLanguage('ru');
      assert.equal(formatMoney(1_250_000), '12 500 сум');
      setMoneyLanguage('en');
      assert.equal(formatMoney(1_250_000), '12 500 UZS');
    } finally {
      setMoneyLanguage('uz');
    }
    assert.equal(formatMoney(1_250_000), '12 500 so‘m');
  });

  it('formats dates as dd.mm.yyyy in the store’s time (Tashkent) and keeps null', function () {
    // 21:07 UTC on the 4th is 02:07 on the 5th in Tashkent, whatever zone the browser is in.
    const utc = '2026-01-04T21:07:00.000Z';
    assert.equal(formatDate(utc), '05.01.2026');
    assert.equal(formatDateTime(utc), '05.01.2026 02:07');
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
