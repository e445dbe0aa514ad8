import { searchKey } from '../../common/text.js';

/** FTS5's tokenizer splits at apostrophes, so they are dropped: "oʻzbek", "o'zbek" and "ozbek" index alike. */
export function ftsText(name: string): string {
  return searchKey(name).replace(/'/g, '');
}

/** Each typed word is a prefix: `sut ol` finds "Olma sharbati sut bilan". */
export function ftsQuery(typed: string): string | null {
  const words = ftsText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
