/**
 * ESC/POS bytes for the receipt printers sold in Uzbekistan (Xprinter, Rongta, HPRT, Epson TM: all speak
 * Epson's ESC/POS). The text is encoded into a single-byte Cyrillic code page with our own tables:
 *
 * - `cp866` (default): ESC t 17 selects "PC866 Cyrillic #2" on Epson and on the common clones. It has Ў/ў
 *   (0xF6/0xF7), so Uzbek Cyrillic only loses Қ Ғ Ҳ, printed as К Г Х.
 * - `cp1251`: ESC t 46 selects "WPC1251" on Epson; also has Ў/ў (0xA1/0xA2).
 * Some clones number their tables differently (e.g. 1251 as 73); `codePageNumber` overrides n for them.
 *
 * Characters a code page lacks are transliterated, never printed as `?`: Uzbek Latin apostrophes ʻ ʼ ‘ ’
 * become `'` (Oʻ → O'), Kazakh/Uzbek extra Cyrillic letters their plain neighbours, accented Latin letters
 * lose the accent, dashes and quotes their ASCII forms; anything else becomes a space, so columns stay put.
 */
export const codePages = ['cp866', 'cp1251'] as const;
export type CodePage = (typeof codePages)[number];

/** n of ESC t n on Epson-compatible printers. */
export const escPosCodePageNumbers: Record<CodePage, number> = { cp866: 17, cp1251: 46 };

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

function cyrillicRange(
  table: Map<number, number>,
  fromChar: number,
  toChar: number,
  firstByte: number,
): void {
  for (let c = fromChar; c <= toChar; c++) table.set(c, firstByte + (c - fromChar));
}

const cp866 = new Map<number, number>();
cyrillicRange(cp866, 0x0410, 0x042f, 0x80); // А–Я
cyrillicRange(cp866, 0x0430, 0x043f, 0xa0); // а–п
cyrillicRange(cp866, 0x0440, 0x044f, 0xe0); // р–я
for (const [char, byte] of [
  ['Ё', 0xf0],
  ['ё', 0xf1],
  ['Є', 0xf2],
  ['є', 0xf3],
  ['Ї', 0xf4],
  ['ї', 0xf5],
  ['Ў', 0xf6],
  ['ў', 0xf7],
  ['°', 0xf8],
  ['·', 0xfa],
  ['№', 0xfc],
  ['¤', 0xfd],
] as const) {
  cp866.set(char.codePointAt(0) ?? 0, byte);
}

const cp1251 = new Map<number, number>();
cyrillicRange(cp1251, 0x0410, 0x042f, 0xc0); // А–Я
cyrillicRange(cp1251, 0x0430, 0x044f, 0xe0); // а–я
for (const [char, byte] of [
  ['Ё', 0xa8],
  ['ё', 0xb8],
  ['Ў', 0xa1],
  ['ў', 0xa2],
  ['Є', 0xaa],
  ['є', 0xba],
  ['Ї', 0xaf],
  ['ї', 0xbf],
  ['І', 0xb2],
  ['і', 0xb3],
  ['№', 0xb9],
  ['«', 0xab],
  ['»', 0xbb],
  ['„', 0x84],
  ['“', 0x93],
  ['”', 0x94],
  ['–', 0x96],
  ['—', 0x97],
  ['…', 0x85],
  ['€', 0x88],
  ['°', 0xb0],
  ['±', 0xb1],
  ['·', 0xb7],
  ['§', 0xa7],
  ['©', 0xa9],
  ['®', 0xae],
  ['¤', 0xa4],
] as const) {
  cp1251.set(char.codePointAt(0) ?? 0, byte);
}

const tables: Record<CodePage, Map<number, number>> = { cp866, cp1251 };

/** Replacements for what a code page lacks (tried only after the code page's own table). */
const fallbacks: Record<string, string> = {
  Қ: 'К',
  қ: 'к',
  Ғ: 'Г',
  ғ: 'г',
  Ҳ: 'Х',
  ҳ: 'х',
  Ў: 'У',
  ў: 'у',
  Ұ: 'У',
  ұ: 'у',
  Ү: 'У',
  ү: 'у',
  Ң: 'Н',
  ң: 'н',
  Ә: 'А',
  ә: 'а',
  Ө: 'О',
  ө: 'о',
  Һ: 'Х',
  һ: 'х',
  І: 'I',
  і: 'i',
  '«': '"',
  '»': '"',
  '„': '"',
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '...',
  '×': 'x',
  '€': 'EUR',
  '№': 'N',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
};

/** Every form of the Uzbek oʻ/gʻ mark and the apostrophe, which receipts print as a plain `'`. */
const APOSTROPHES = /[\u02bb\u02bc\u2018\u2019\u0060\u00b4\u2032]/g;

/** The text as it will come out of the printer in this code page (for previews and tests). */
export function printableText(text: string, codePage: CodePage): string {
  const bytes = encodeText(text, codePage);
  const reverse = new Map<number, string>();
  for (const [code, byte] of tables[codePage]) reverse.set(byte, String.fromCodePoint(code));
  return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : (reverse.get(b) ?? ' '))).join('');
}

/** Encodes text into the code page, transliterating what it lacks. */
export function encodeText(text: string, codePage: CodePage): Buffer {
  const table = tables[codePage];
  const out: number[] = [];
  const put = (char: string, depth: number): void => {
    const code = char.codePointAt(0) ?? 0x20;
    if (code === 0x0a || (code >= 0x20 && code < 0x7f)) {
      out.push(code);
      return;
    }
    const byte = table.get(code);
    if (byte !== undefined) {
      out.push(byte);
      return;
    }
    const replacement = depth === 0 ? (fallbacks[char] ?? stripAccents(char)) : null;
    if (replacement && replacement !== char) {
      for (const c of replacement) put(c, depth + 1);
      return;
    }
    // Tabs, other spaces, emoji, CJK…: a space keeps the receipt's columns aligned.
    out.push(0x20);
  };
  for (const char of text.normalize('NFC').replace(APOSTROPHES, "'")) put(char, 0);
  return Buffer.from(out);
}

function stripAccents(char: string): string {
  return char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export interface DrawerKick {
  /** Drawer connector pin: 2 (m = 0, the usual one) or 5 (m = 1, a second drawer). */
  pin: 2 | 5;
  /** Pulse on and off times; sent in 2 ms units (ESC p m t1 t2), at most 510 ms. */
  onMs?: number;
  offMs?: number;
}

export interface EscPosOptions {
  codePage?: CodePage;
  /** n for ESC t n when the printer numbers its tables differently from Epson. */
  codePageNumber?: number;
  /** Lines fed before the cut so the last text clears the cutter (default 4). */
  feedLines?: number;
  /** Cut after feeding (default `partial`: one point left so the receipt does not drop). */
  cut?: 'partial' | 'full' | 'none';
  /** Open the cash drawer (cash sales). */
  drawer?: DrawerKick | null;
  /** A QR code printed centred after the lines: the fiscal receipt's check URL. */
  qr?: string | null;
}

/** ESC @, ESC t n, the lines, feed, GS V cut and the optional drawer kick. */
export function escPosDocument(lines: readonly string[], options: EscPosOptions = {}): Buffer {
  const codePage = options.codePage ?? 'cp866';
  const n = options.codePageNumber ?? escPosCodePageNumbers[codePage];
  const parts: Buffer[] = [Buffer.from([ESC, 0x40]), Buffer.from([ESC, 0x74, byte(n)])];
  for (const line of lines) parts.push(encodeText(line, codePage), Buffer.from([LF]));
  if (options.qr)
    parts.push(Buffer.from([ESC, 0x61, 1]), qrCode(options.qr), Buffer.from([LF, ESC, 0x61, 0]));
  parts.push(Buffer.from([ESC, 0x64, byte(options.feedLines ?? 4)]));
  const cut = options.cut ?? 'partial';
  if (cut !== 'none') parts.push(Buffer.from([GS, 0x56, cut === 'full' ? 0x00 : 0x01]));
  if (options.drawer) parts.push(drawerKick(options.drawer));
  return Buffer.concat(parts);
}

/**
 * A QR code by the printer itself (GS ( k, Epson function 165–169, which Xprinter, Rongta and HPRT follow):
 * model 2, module size 5 dots (a check URL is a version 5 code, 37 modules, 185 dots: fits 58 mm paper),
 * error correction M, store the data, print it.
 */
export function qrCode(data: string, moduleSize = 5): Buffer {
  const bytes = Buffer.from(data, 'ascii');
  const stored = bytes.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, byte(moduleSize)]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31]),
    Buffer.from([GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30]),
    bytes,
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]),
  ]);
}

/** ESC p m t1 t2: pulse pin 2 (m = 0) or pin 5 (m = 1) for t1 × 2 ms, then wait t2 × 2 ms. */
export function drawerKick({ pin, onMs = 50, offMs = 500 }: DrawerKick): Buffer {
  const t1 = byte(Math.ceil(onMs / 2));
  const t2 = Math.max(t1, byte(Math.ceil(offMs / 2)));
  return Buffer.from([ESC, 0x70, pin === 5 ? 1 : 0, t1, t2]);
}

function byte(value: number): number {
  return Math.max(0, Math.min(255, Math.trunc(value)));
}
