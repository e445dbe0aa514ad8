import assert from 'node:assert/strict';
import type { ReceiptsReportResponse } from '../../src/common/protocol/reports.js';
import { receiptColumns, receiptValue } from '../../src/admin/reports/tables.js';

describe('admin reports: fiscal receipts table', function () {
  const signed: ReceiptsReportResponse['receipts'][number] = {
    id: '0193a0b0-0000-7000-8000-000000000001',
    kind: 'sale',
    number: 'POS-01-000007',
    device: 'POS-01',
    occurredAt: '2026-12-01T09:05:09.000Z',
    total: 1_250_000,
    fiscal: {
      terminalId: 'ZZ000000000001',
      receiptSeq: 7,
      dateTime: '2026-12-01 14:05:09',
      fiscalSign: '320262508539',
      qrUrl: 'https://ofd.soliq.uz/check?t=ZZ000000000001&r=7&c=20261201140509&s=320262508539',
    },
  };

  it('shows the FM number, sequence, FM time and sign of a signed receipt, the time in Tashkent', function () {
    const row = receiptColumns.map((column) => receiptValue(signed, column));
    assert.deepEqual(row, [
      'POS-01-000007',
      'sale',
      'POS-01',
      '01.12.2026 14:05',
      1_250_000,
      'ZZ000000000001',
      7,
      '2026-12-01 14:05:09',
      '320262508539',
    ]);
  });

  it('leaves the fiscal cells empty for a receipt the FM has not signed yet', function () {
    const unsigned = { ...signed, kind: 'refund' as const, fiscal: null };
    for (const column of ['terminalId', 'receiptSeq', 'dateTime', 'fiscalSign'] as const)
      assert.equal(receiptValue(unsigned, column), null);
    assert.equal(receiptValue(unsigned, 'kind'), 'refund');
  });
});
