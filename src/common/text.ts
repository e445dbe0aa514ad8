/**
 * Search key of a name: lower case, and every Uzbek apostrophe form (ʻ ʼ ‘ ’ ` ') folded into one, so
 * "Oʻzbek", "O'zbek", "O‘zbek" and "O`zbek" all match. Used by the server's and the register's search.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u02bb\u02bc\u2018\u2019\u0060\u00b4']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
