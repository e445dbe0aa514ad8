import assert from 'node:assert/strict';
import {
  csvChunks,
  fileRejections,
  originalLine,
  utf8Length,
  type CsvChunk,
} from '../../src/common/csv-chunks.js';

async function chunksOf(text: string, maxRecords: number, pieceSize = 7): Promise<CsvChunk[]> {
  async function* pieces() {
    for (let i = 0; i < text.length; i += pieceSize) yield text.slice(i, i + pieceSize);
  }
  const out: CsvChunk[] = [];
  for await (const chunk of csvChunks(pieces(), maxRecords)) out.push(chunk);
  return out;
}

describe('csvChunks (products import splitting)', () => {
  const csv = 'sku,name\nA,Apple\nB,"two\nlines"\nC,Cherry\n\nD,Date';

  it('repeats the header, keeps quoted line breaks whole and maps chunk lines back to the file', async () => {
    const chunks = await chunksOf(csv, 2);
    assert.deepEqual(
      chunks.map((c) => c.text),
      ['sku,name\nA,Apple\nB,"two\nlines"\n', 'sku,name\nC,Cherry\n\n', 'sku,name\nD,Date'],
    );
    // C is on file line 5; in its chunk it is line 2.
    assert.equal(originalLine(chunks[1]!, 2), 5);
    assert.equal(originalLine(chunks[2]!, 2), 7);
    assert.equal(originalLine(chunks[0]!, 3), 3);
    assert.equal(
      chunks.reduce((sum, c) => sum + c.bytes, 0),
      Buffer.byteLength(csv),
    );
  });

  it('sends a small file as one chunk, unchanged', async () => {
    const chunks = await chunksOf(csv, 5000);
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0]!.text, csv);
    assert.equal(originalLine(chunks[0]!, 4), 4);
  });

  it('maps rejected lines and "repeats line N" of a later chunk back to the file', async () => {
    const chunks = await chunksOf('sku,name\nA,1\nB,2\nC,3\nC,4\n', 2);
    assert.deepEqual(fileRejections(chunks[1]!, [{ line: 3, reason: 'sku: repeats line 2' }]), [
      { line: 5, reason: 'sku: repeats line 4' },
    ]);
  });

  it('counts UTF-8 bytes like Buffer does, for Cyrillic, Uzbek apostrophes and emoji', () => {
    for (const text of ['abc', 'Нон', 'O‘zbek', 'sut 🥛', '']) {
      assert.equal(utf8Length(text), Buffer.byteLength(text), text);
    }
  });
});
