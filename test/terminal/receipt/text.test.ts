import assert from 'node:assert/strict';
import { computeRefund } from '../../../src/terminal/sale/refund.js';
import {
  formatTashkentTime,
  receiptWidths,
  renderRefundReceipt,
  renderSaleReceipt,
} from '../../../src/terminal/receipt/text.js';
import { shiftId } from '../sale/fixtures.js';
import { context, sampleSale } from './fixtures.js';

describe('receipt text', () => {
  it('prints Tashkent time (UTC+5) as dd.mm.yyyy HH:MM', () => {
    assert.equal(formatTashkentTime('2026-11-25T10:35:00Z'), '25.11.2026 15:35');
    assert.equal(formatTashkentTime(new Date('2026-12-31T19:05:00Z')), '01.01.2027 00:05');
  });

  for (const width of [receiptWidths['58mm'], receiptWidths['80mm']]) {
    it(`fits ${width} columns and shows number, lines, MXIK, VAT, payment and change`, () => {
      const sale = sampleSale();
      const lines = renderSaleReceipt(sale, context(width));
      const text = lines.join('\n');
      for (const line of lines) assert.ok([...line].length <= width, `too wide: "${line}"`);
      assert.match(text, /BARAKA MARKET/);
      assert.match(text, /Chek №\s+POS-02-000123/);
      assert.match(text, /Sana\s+25\.11\.2026 15:35/);
      assert.match(text, /Kassir\s+Dilnoza/);
      assert.match(text, /2 x 3 000\s+= 6 000/);
      assert.match(text, /1\.234 x 18 500\s+= 22 829/);
      assert.match(text, /MXIK:\s+10101001001000000/);
      assert.match(text, /MXIK:\s+10401001001000000/);
      // 5 400 + 22 829 = 28 229 so'm at 12% included → 3 024,54 so'm (VAT is kept to the tiyin); milk has none.
      assert.match(text, /QQS 12%\s+3 024,54 so'm/);
      assert.match(text, /QQSsiz\s+12 900 so'm/);
      // 41 129 so'm rounded to 41 100 in cash; 50 000 given, 8 900 back.
      assert.match(text, /Yaxlitlash\s+-29 so'm/);
      assert.match(text, /JAMI\s+41 100 so'm/);
      assert.match(text, /Naqd\s+50 000 so'm/);
      assert.match(text, /Qaytim\s+8 900 so'm/);
      assert.match(text, /Chegirma\s+-600/);
    });
  }

  it('speaks Russian and English', () => {
    const ru = renderSaleReceipt(sampleSale(), context(48, 'ru')).join('\n');
    assert.match(ru, /ИТОГО\s+41 100 so'm/);
    assert.match(ru, /НДС 12%/);
    assert.match(ru, /ИКПУ:/);
    assert.match(ru, /Сдача\s+8 900 so'm/);
    const en = renderSaleReceipt(sampleSale(), context(48, 'en')).join('\n');
    assert.match(en, /TOTAL\s+41 100 so'm/);
    assert.match(en, /Change\s+8 900 so'm/);
  });

  it('names card types and QR providers with their references', () => {
    const sale = sampleSale();
    const split = {
      ...sale,
      total: 4_112_900,
      payments: [
        { method: 'card' as const, amount: 3_000_000, cardType: 'uzcard', reference: 'RRN-5521' },
        { method: 'qr' as const, amount: 1_112_900, cardType: 'payme' },
      ],
      change: 0,
    };
    const text = renderSaleReceipt(split, context(32)).join('\n');
    assert.match(text, /Karta \(Uzcard\)\s+30 000 so'm\n\s+Ref:\s+RRN-5521/);
    assert.match(text, /QR to‘lov \(Payme\)\s+11 129 so'm/);
    assert.doesNotMatch(text, /Qaytim|Yaxlitlash/);
  });

  it('prints a refund with the names and MXIK of the sold lines', () => {
    const sale = sampleSale();
    const refund = computeRefund(
      sale,
      [],
      { lines: [{ lineIndex: 2 }] },
      { refundNo: 'POS-02-R000001', saleId: shiftId },
    );
    const text = renderRefundReceipt(refund, sale, context(32)).join('\n');
    assert.match(text, /QAYTARISH/);
    assert.match(text, /Qaytarish №\s+POS-02-R000001/);
    assert.match(text, /Chek №\s+POS-02-000123/);
    assert.match(text, /Sut “Musaffo”/);
    assert.match(text, /MXIK:\s+10401001001000000/);
    assert.match(text, /JAMI\s+-12 900 so'm/);
  });
});
