import assert from 'node:assert/strict';
import {
  drawerKick,
  encodeText,
  escPosDocument,
  printableText,
} from '../../../src/terminal/receipt/escpos.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('ESC/POS encoding', () => {
  it('encodes Russian into CP866 and CP1251 with their own byte values', () => {
    assert.equal(hex(encodeText('Итого: Ёж', 'cp866')), '88e2aea3ae3a20f0a6');
    assert.equal(hex(encodeText('Итого: Ёж', 'cp1251')), 'c8f2eee3ee3a20a8e6');
    assert.equal(hex(encodeText('Чек №5', 'cp866')), '97a5aa20fc35');
    assert.equal(hex(encodeText('Чек №5', 'cp1251')), 'd7e5ea20b935');
  });

  it('prints Uzbek apostrophes as a plain apostrophe', () => {
    for (const codePage of ['cp866', 'cp1251'] as const) {
      assert.equal(
        encodeText('Oʻzbek Gʼalla O‘q to’p', codePage).toString('latin1'),
        "O'zbek G'alla O'q to'p",
      );
    }
  });

  it('transliterates letters the code page lacks, never writing ?', () => {
    // Қ ғ ҳ are in neither code page; Ў/ў are in both (CP866 0xF6/0xF7, CP1251 0xA1/0xA2).
    assert.equal(printableText('Қовоқ ғишт ҳа Ўрик ў', 'cp866'), 'Ковок гишт ха Ўрик ў');
    assert.equal(hex(encodeText('Ўў', 'cp866')), 'f6f7');
    assert.equal(hex(encodeText('Ўў', 'cp1251')), 'a1a2');
    assert.equal(printableText('«Сут» — 3×2 café…', 'cp866'), '"Сут" - 3x2 cafe...');
    assert.equal(printableText('«Сут» — café', 'cp1251'), '«Сут» — cafe');
    const odd = encodeText('Non 🍞 面包\tok', 'cp866');
    assert.ok(!odd.includes(0x3f), 'no question marks');
    assert.equal(odd.toString('latin1'), `Non${' '.repeat(6)}ok`);
  });

  it('builds initialise, code page, text, feed, cut and drawer kick in order', () => {
    const bytes = escPosDocument(['Жами 5 000'], { codePage: 'cp866', drawer: { pin: 2 } });
    assert.equal(
      hex(bytes),
      '1b40' + '1b7411' + hex(encodeText('Жами 5 000', 'cp866')) + '0a' + '1b6404' + '1d5601' + '1b700019fa',
    );
    assert.equal(
      hex(escPosDocument([], { codePage: 'cp1251', cut: 'full', feedLines: 2 })),
      '1b401b742e1b64021d5600',
    );
    assert.equal(hex(escPosDocument([], { codePageNumber: 73, cut: 'none' })).slice(4, 10), '1b7449');
    assert.equal(hex(drawerKick({ pin: 5, onMs: 100, offMs: 200 })), '1b70013264');
  });
});
