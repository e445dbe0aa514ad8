import assert from 'node:assert/strict';
import { csvCell, csvLine, csvMoney } from '../../src/common/csv.js';

describe('CSV cells for spreadsheets', function () {
  it('quotes commas, quotes and line breaks; null is an empty cell', function () {
    assert.equal(csvLine(['Non, patir', 5000, null]), '"Non, patir",5000,');
    assert.equal(csvCell('"Olma" qizil'), '"""Olma"" qizil"');
    assert.equal(csvCell('Ikki\nqator'), '"Ikki\nqator"');
  });

  it('keeps text a spreadsheet would run as a formula from being one; plain numbers stay numbers', function () {
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+998901234567'), "'+998901234567");
    assert.equal(csvCell('@sum'), "'@sum");
    assert.equal(csvCell('-1+1'), "'-1+1");
    assert.equal(csvCell('-2800.00'), '-2800.00');
    assert.equal(csvCell(-2500), '-2500');
  });

  it('writes money as so‘m with two decimals, exact to the tiyin', function () {
    assert.equal(csvMoney(1_250_000), '12500.00');
    assert.equal(csvMoney(1_250_050), '12500.50');
    assert.equal(csvMoney(123_456_789_01), '123456789.01');
    assert.equal(csvMoney(-150), '-1.50');
    assert.equal(csvMoney(0), '0.00');
  });
});
