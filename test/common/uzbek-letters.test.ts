import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** The string literals of a source file, comments left out (an apostrophe in a comment is no message). */
function literals(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g))
    found.push(match[1] ?? match[2] ?? match[3] ?? '');
  return found;
}

/**
 * One way of writing Uzbek Latin: o‘ and g‘ with U+2018, the tutuq belgisi with U+2019 (as the device-limit
 * message). ASCII ' and `, and the modifier letters ʻ ʼ, are the other forms that creep in by keyboard.
 */
const OTHER_FORMS = /[ʻʼ]/;
const UZBEK_APOSTROPHE = /[A-Za-z]['`][A-Za-z]/;
/** In Russian and English texts only the Uzbek words they carry (so‘m, o‘/g‘) are held to it. */
const UZBEK_WORD_IN_OTHER = /so['`ʻʼ]m|\b[OoGg]['`ʻʼ][a-z]/;

const uzbekFiles = [
  'src/common/i18n/uz.ts',
  'src/admin/i18n/uz.ts',
  ...readdirSync(join(ROOT, 'src/server/demo')).map((f) => `src/server/demo/${f}`),
];
const otherFiles = [
  'src/common/i18n/ru.ts',
  'src/common/i18n/en.ts',
  'src/admin/i18n/ru.ts',
  'src/admin/i18n/en.ts',
  'src/cli/messages.ts',
  'src/common/money.ts',
  'src/admin/format.ts',
];

describe('one way of writing Uzbek in messages and demo data', () => {
  for (const file of uzbekFiles)
    it(`${file} uses ‘ and ’ only`, () => {
      const texts = literals(file);
      assert.ok(texts.length > 5, 'the file’s strings were read');
      const wrong = texts.filter((s) => OTHER_FORMS.test(s) || UZBEK_APOSTROPHE.test(s));
      assert.deepEqual(wrong, []);
    });
  for (const file of otherFiles)
    it(`${file} writes the Uzbek words it carries with ‘ and ’`, () => {
      const texts = literals(file);
      assert.ok(texts.length > 0, 'the file’s strings were read');
      const wrong = texts.filter((s) => OTHER_FORMS.test(s) || UZBEK_WORD_IN_OTHER.test(s));
      assert.deepEqual(wrong, []);
    });

  it('catches the other forms (the scan itself works)', () => {
    assert.ok(
      UZBEK_APOSTROPHE.test("so'm") && OTHER_FORMS.test('doʻkon') && UZBEK_WORD_IN_OTHER.test('so`m'),
    );
    assert.ok(!UZBEK_APOSTROPHE.test('so‘m') && !OTHER_FORMS.test('ma’lumot'));
  });
});
