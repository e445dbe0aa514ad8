/**
 * A 3-row font for the sale total, drawn with the full and half blocks (█ ▀ ▄) that every terminal font,
 * the Linux console's included, carries. Each glyph is three columns wide; glyphs are set one column apart.
 */
const font: Record<string, readonly [string, string, string]> = {
  '0': ['█▀█', '█ █', '▀▀▀'],
  '1': ['▀█ ', ' █ ', '▀▀▀'],
  '2': ['▀▀█', '█▀▀', '▀▀▀'],
  '3': ['▀▀█', ' ▀█', '▀▀▀'],
  '4': ['█ █', '▀▀█', '  ▀'],
  '5': ['█▀▀', '▀▀█', '▀▀▀'],
  '6': ['█▀▀', '█▀█', '▀▀▀'],
  '7': ['▀▀█', '  █', '  ▀'],
  '8': ['█▀█', '█▀█', '▀▀▀'],
  '9': ['█▀█', '▀▀█', '▀▀▀'],
  // The thousands gap: with the spacing on both sides it reads as three columns, a digit group apart.
  ' ': [' ', ' ', ' '],
  ',': [' ', ' ', '▄'],
  '-': ['   ', '▀▀▀', '   '],
};

/**
 * `12 500 so‘m` as three rows of large characters: the figure in the block font, the currency word (the so‘m
 * sign) in plain letters on the last row, where a price tag prints it. Null when the text holds a character the
 * font has not, so the caller shows the plain text instead.
 */
export function bigText(money: string): [string, string, string] | null {
  const cut = money.lastIndexOf(' ');
  const figure = cut < 0 ? money : money.slice(0, cut);
  const sign = cut < 0 ? '' : money.slice(cut + 1);
  const rows: [string[], string[], string[]] = [[], [], []];
  for (const char of figure) {
    const glyph = font[char];
    if (!glyph) return null;
    glyph.forEach((row, i) => rows[i]!.push(row));
  }
  const [top, middle, bottom] = rows.map((row) => row.join(' '));
  const pad = ' '.repeat([...sign].length);
  return sign ? [`${top} ${pad}`, `${middle} ${pad}`, `${bottom} ${sign}`] : [top!, middle!, bottom!];
}

/** Columns `bigText(money)` takes. */
export function bigTextWidth(money: string): number {
  const rows = bigText(money);
  return rows ? [...rows[2]].length : Infinity;
}
