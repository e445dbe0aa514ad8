import type { ImportResponse } from './protocol/catalog.js';

/** One piece of a CSV file sent on its own: the header, then whole records copied byte for byte. */
export interface CsvChunk {
  text: string;
  /** Records (non-header) in this chunk. */
  records: number;
  /** File line where this chunk's first record starts (the header is line 1). */
  firstLine: number;
  /** Lines the header takes, so chunk line numbers can be mapped back to the file. */
  headerLines: number;
  /** UTF-8 bytes of the file this chunk consumed (the repeated header is counted once). */
  bytes: number;
}

/** Line `chunkLine` of a chunk (as the server numbers it, header = 1) is this line of the original file. */
export function originalLine(chunk: CsvChunk, chunkLine: number): number {
  return chunkLine - (chunk.headerLines + 1) + chunk.firstLine;
}

/**
 * Rejected lines of one chunk's import answer, renumbered to the original file. "repeats line N" points
 * inside the same chunk, so it maps the same way.
 */
export function fileRejections(
  chunk: CsvChunk,
  rejected: ImportResponse['rejected'],
): ImportResponse['rejected'] {
  return rejected.map(({ line, reason }) => ({
    line: originalLine(chunk, line),
    reason: reason.replace(/\bline (\d+)/g, (_m, n: string) => `line ${originalLine(chunk, Number(n))}`),
  }));
}

/** UTF-8 size of a string without Buffer, so the same code measures progress in Node and in the browser. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 bytes for each half.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Splits CSV text into chunks of at most `maxRecords` records, each starting with the file's header.
 * Record ends are found outside quotes, so a quoted field with a line break stays whole; every record's text
 * (blank lines included) is kept verbatim so the server's line numbers map back with `originalLine`.
 */
export async function* csvChunks(
  source: AsyncIterable<string>,
  maxRecords: number,
): AsyncGenerator<CsvChunk> {
  let header: string | undefined;
  let headerLines = 0;
  let inQuotes = false;
  let record = '';
  let line = 1;
  let recordLine = 1;
  let pending: string[] = [];
  let pendingFirstLine = 1;
  let pendingBytes = 0;
  let yielded = false;

  const flush = (): CsvChunk => {
    const chunk: CsvChunk = {
      text: (header ?? '') + pending.join(''),
      records: pending.length,
      firstLine: pendingFirstLine,
      headerLines,
      bytes: pendingBytes,
    };
    pending = [];
    pendingBytes = 0;
    yielded = true;
    return chunk;
  };
  const take = (text: string, startLine: number): CsvChunk | undefined => {
    if (header === undefined) {
      header = text.endsWith('\n') ? text : `${text}\n`;
      headerLines = Math.max(1, newlines(text));
      pendingBytes += utf8Length(text);
      return undefined;
    }
    if (pending.length === 0) pendingFirstLine = startLine;
    pending.push(text);
    pendingBytes += utf8Length(text);
    return pending.length >= maxRecords ? flush() : undefined;
  };

  for await (const piece of source) {
    let start = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i];
      if (c === '"') inQuotes = !inQuotes;
      else if (c === '\n') {
        line++;
        if (!inQuotes) {
          const done = take(record + piece.slice(start, i + 1), recordLine);
          record = '';
          start = i + 1;
          recordLine = line;
          if (done) yield done;
        }
      }
    }
    record += piece.slice(start);
  }
  if (record.length > 0) {
    const done = take(record, recordLine);
    if (done) yield done;
  }
  if (pending.length > 0 || !yielded) yield flush();
}
