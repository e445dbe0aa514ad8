import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { formatReceiptNo, nextReceiptNo, parseReceiptNo } from '../../../src/terminal/sale/receipt-number.js';

describe('receipt numbers', () => {
  it('formats the device name and a six-digit sequence', () => {
    assert.equal(formatReceiptNo('POS-02', 123), 'POS-02-000123');
    assert.equal(formatReceiptNo('POS-02', 7, 'refund'), 'POS-02-R000007');
    assert.equal(formatReceiptNo('POS-01', 1_234_567), 'POS-01-1234567');
  });

  it('parses what it formats and forgives case and spaces', () => {
    assert.deepEqual(parseReceiptNo('POS-02-000123'), { device: 'POS-02', kind: 'sale', seq: 123 });
    assert.deepEqual(parseReceiptNo(' pos-02-r000007 '), { device: 'POS-02', kind: 'refund', seq: 7 });
    assert.equal(parseReceiptNo('POS-02-123'), null);
    assert.equal(parseReceiptNo('POS-02-000000'), null);
    assert.equal(parseReceiptNo('hello'), null);
  });

  it('continues the sequence of the register and refuses another register’s number', () => {
    assert.equal(nextReceiptNo('POS-02', null), 'POS-02-000001');
    assert.equal(nextReceiptNo('POS-02', 'POS-02-000999'), 'POS-02-001000');
    assert.equal(nextReceiptNo('POS-02', 'POS-02-R000004', 'refund'), 'POS-02-R000005');
    assert.throws(
      () => nextReceiptNo('POS-02', 'POS-03-000001'),
      (e: unknown) => e instanceof AppError && e.code === 'INVALID_RECEIPT_NUMBER',
    );
    assert.throws(() => formatReceiptNo('POS-02', 0), AppError);
  });
});
