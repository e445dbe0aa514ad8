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
  it('prints Tashkent time (UTC+5) as dd.mm.yyyy HH:MM:SS', () => {
    assert.equal(formatTashkentTime('2026-11-25T10:35:07Z'), '25.11.2026 15:35:07');
    assert.equal(formatTashkentTime(new Date('2026-12-31T19:05:00Z')), '01.01.2027 00:05:00');
  });

  for (const width of [receiptWidths['58mm'], receiptWidths['80mm']]) {
    it(`fits ${width} columns and shows number, lines, MXIK, VAT, payment and change`, () => {
      const sale = sampleSale();
      const lines = renderSaleReceipt(sale, context(width));
      const text = lines.join('\n');
      for (const line of lines) assert.ok([...line].length <= width, `too wide: "${line}"`);
      assert.match(text, /BARAKA MARKET/);
      assert.match(text, /Chek №\s+POS-02-000123/);
      assert.match(text, /Sana\s+25\.11\.2026 15:35:00/);
      assert.match(text, /Kassir\s+Dilnoza/);
      assert.match(text, /2 dona x 3 000\s+= 6 000/);
      assert.match(text, /1,234 kg x 18 500\s+= 22 829/);
      assert.match(text, /MXIK:\s+10101001001000000/);
      assert.match(text, /MXIK:\s+10401001001000000/);
      // Each line's own VAT, after its share of the 29 so'm rounding: 578,16 + 2 444,24; milk has none.
      assert.match(text, /QQS 12%\s+578,16\n/);
      assert.match(text, /QQS 12%\s+2 444,24\n/);
      assert.match(text, /QQS 12%\s+3 022,40 so'm/);
      assert.match(text, /QQSsiz\s+12 890,91 so'm/);
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
    const split = sampleSale([
      { method: 'card', amount: 3_000_000, cardType: 'uzcard', reference: 'RRN-5521' },
      { method: 'qr', amount: 1_112_900, provider: 'payme' },
    ]);
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
    const text = renderRefundReceipt(
      refund,
      { ...sale, occurredAt: '2026-11-24T08:00:05Z' },
      context(32),
    ).join('\n');
    assert.match(text, /QAYTARISH/);
    assert.match(text, /Qaytarish №\s+POS-02-R000001/);
    assert.match(text, /Asl chek №\s+POS-02-000123/);
    assert.match(text, /Asl chek sanasi\s+24\.11\.2026\s+13:00:05/);
    assert.match(text, /Sut “Musaffo”/);
    assert.match(text, /1 dona x 12 900\s+= 12 900/);
    assert.match(text, /MXIK:\s+10401001001000000/);
    // Milk's share of the sale's 29 so'm rounding stays with the sale.
    assert.match(text, /JAMI\s+-12 890,91 so'm/);
    assert.match(text, /QQSsiz\s+-12 890,91 so'm/);
    assert.match(text, /Naqd\s+-12 890,91 so'm/);
  });

  it('heads the receipt with the legal name, STIR and address, and marks a reprint as a copy', () => {
    const ctx = { ...context(32), legalName: 'Baraka savdo MChJ', stir: '301234567', address: 'Chilonzor 9' };
    const lines = renderSaleReceipt(sampleSale(), { ...ctx, header: null, copy: true });
    assert.match(lines[0]!, /\*\*\* NUSXA \*\*\*/);
    assert.match(lines.at(-1)!, /\*\*\* NUSXA \*\*\*/);
    assert.match(lines.join('\n'), /BARAKA SAVDO MCHJ\n\s+Baraka market\n\s+STIR: 301234567\n\s+Chilonzor 9/);
    const ru = renderSaleReceipt(sampleSale(), { ...ctx, lang: 'ru', copy: true }).join('\n');
    assert.match(ru, /КОПИЯ/);
    assert.match(ru, /ИНН: 301234567/);
    assert.match(renderSaleReceipt(sampleSale(), { ...ctx, lang: 'en', copy: true }).join('\n'), /COPY/);
    assert.doesNotMatch(renderSaleReceipt(sampleSale(), ctx).join('\n'), /NUSXA/);
  });

  it('prints a fiscal module’s answer when one is passed in', () => {
    const fiscal = {
      terminalId: 'ZZ000000000000',
      receiptSeq: 1,
      dateTime: '2026-11-25 15:35:00',
      fiscalSign: '320262508539',
      qrUrl: 'https://ofd.soliq.uz/check?t=ZZ000000000000&r=1&c=20261125153500&s=320262508539',
    };
    const text = renderSaleReceipt(sampleSale(), { ...context(48), fiscal }).join('\n');
    assert.match(text, /ZZ000000000000/);
    assert.match(text, /Fiskal belgi\s+320262508539/);
    assert.match(text, /ofd\.soliq\.uz\/check/);
  });
});
