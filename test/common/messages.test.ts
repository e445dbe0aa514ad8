import assert from 'node:assert/strict';
import { z } from 'zod';
import { AppError, errorCodes } from '../../src/common/errors.js';
import { languages, messageFor, type Lang } from '../../src/common/i18n/index.js';
import { en } from '../../src/common/i18n/en.js';
import { createProductBody } from '../../src/common/protocol/catalog.js';
import { createUserBody } from '../../src/common/protocol/users.js';
import { bootstrapBody } from '../../src/common/protocol/tenants.js';
import { validationError } from '../../src/common/validation.js';
import { csvText, type CsvProblem } from '../../src/common/validation-text.js';

/** Words of English that never belong in an Uzbek or Russian sentence (values such as `pcs` or `UTF-8` may). */
export const ENGLISH =
  /\b(expected|invalid|input|too|small|big|string|number|received|must|characters?|option|required|unknown|field|line|columns?|quote|encoding|file|belongs|another|product|repeats|taken|empty|the|least|most|missing|wrong|check|digit|barcode|price|unit|cannot|values?|match|format|type|error|failed|expected|discriminator|than|should|be)\b/i;

export function assertNoEnglish(text: string, lang: Lang): void {
  if (lang === 'en') return;
  assert.doesNotMatch(text, ENGLISH, `${lang}: ${text}`);
}

const sampleParams = {
  field: 'price',
  reason: 'required',
  used: 2,
  count: 3,
  sku: 'A1',
  barcode: '4780000000017',
  ref: 'A1',
  url: 'http://127.0.0.1:8080',
  device: 'POS-02',
  dataDir: '/var/lib/pos',
  status: 502,
  qty: '1.5',
  receiptNo: 'POS-01-000001',
  limit: 10,
  line: 3,
  name: 'Choy',
  left: '1',
  remaining: '1 000 so‘m',
  target: '/dev/usb/lp0',
  port: 8080,
  migrations: '20261201100000_add_sale_lines_gross_unit_package',
  max: '100 000 so‘m',
  amount: '5 000 so‘m',
  drawer: '3 000 so‘m',
  seconds: 60,
  min: '0.2.0',
  current: '0.1.0',
  mxik: '10101001001001001',
  scanned: 1,
  needed: 2,
  code: '4780000000017',
  paid: '5 000 so‘m',
  lines: 1000,
  last: '2026-12-01 10:00:00',
  file: '/media/usb/POS-01-unsent.jsonl',
  receipt: '123',
  receiptNos: 'POS-01-000123, POS-02-000123',
  terminalId: 'ZZ000000000001',
  own: 'ZZ000000000002',
  register: 'POS-01',
  days: 90,
  // The act's name is filled in each language by the register (`approvalRequired`).
  act: '',
};

describe('every message in the user’s language', function () {
  it('renders every error code in uz, ru and en, with no English words in uz and ru', () => {
    for (const code of errorCodes) {
      for (const lang of languages) {
        const text = new AppError(code, { params: sampleParams }).localized(lang);
        assert.ok(text.length > 0 && !text.includes('{'), `${code} ${lang}: ${text}`);
        assertNoEnglish(text, lang);
      }
    }
  });

  it('has every message of the shared tables in all three languages', () => {
    for (const key of Object.keys(en)) {
      for (const lang of languages)
        assertNoEnglish(messageFor(lang, key, { ...sampleParams, field: '—', reason: '—' }), lang);
    }
  });

  const invalidBodies: Array<[string, z.ZodType, unknown]> = [
    ['missing field', createProductBody, { name: 'Choy', price: 100 }],
    ['empty string', createProductBody, { sku: '', name: 'Choy', price: 100 }],
    ['wrong type', createProductBody, { sku: 'A1', name: 'Choy', price: 'many' }],
    ['enum', createProductBody, { sku: 'A1', name: 'Choy', price: 100, unit: 'box' }],
    ['money too big', createProductBody, { sku: 'A1', name: 'Choy', price: 1e15 }],
    ['negative money', createProductBody, { sku: 'A1', name: 'Choy', price: -5 }],
    ['unknown field', createProductBody, { sku: 'A1', name: 'Choy', price: 100, colour: 'red' }],
    ['union of roles', createUserBody, { role: 'boss', name: 'X' }],
    [
      'email',
      bootstrapBody,
      { tenantName: 'a', storeName: 'b', ownerEmail: 'x', ownerPassword: 'secret-pass' },
    ],
    [
      'too short',
      bootstrapBody,
      { tenantName: 'a', storeName: 'b', ownerEmail: 'a@b.uz', ownerPassword: 'x' },
    ],
  ];
  for (const [what, schema, body] of invalidBodies) {
    it(`says a validation failure (${what}) in words in every language`, () => {
      const result = schema.safeParse(body);
      assert.equal(result.success, false);
      const error = validationError(result.error!);
      for (const lang of languages) {
        const text = error.localized(lang);
        assert.doesNotMatch(text, /\{|undefined/, text);
        assertNoEnglish(text, lang);
      }
    });
  }

  it('says why a name with control characters or nothing visible is refused, in every language', () => {
    const control = validationError(
      createProductBody.safeParse({ sku: 'A1', name: 'Ch\u0007oy', price: 100 }).error!,
    );
    assert.equal(control.localized('uz'), 'Ma’lumot noto‘g‘ri: nomi — boshqaruv belgilari bo‘lmasin');
    assert.equal(control.localized('ru'), 'Неверные данные: название — управляющие символы недопустимы');
    assert.equal(control.localized('en'), 'Invalid data: name — control characters are not allowed');
    const invisible = validationError(
      createProductBody.safeParse({ sku: 'A1', name: '\u200b', price: 100 }).error!,
    );
    assert.equal(invisible.localized('ru'), 'Неверные данные: название — нужен хотя бы один видимый символ');
  });

  it('shows a money limit in so‘m, as the owner types prices', () => {
    const result = createProductBody.safeParse({ sku: 'A1', name: 'Choy', price: 1e15 });
    const error = validationError(result.error!);
    assert.match(error.localized('uz'), /^Ma’lumot noto‘g‘ri: narx — .*\d{3} so‘m dan oshmasin$/);
    assert.match(error.localized('ru'), /^Неверные данные: цена — не больше .*\d{3} so‘m$/);
    assert.match(error.localized('en'), /^Invalid data: price — at most .*\d{3} so‘m$/);
    assert.doesNotMatch(error.localized('en'), /10000000000000/);
  });

  it('says every CSV problem in every language', () => {
    const problems: CsvProblem[] = [
      'barcodeOfOther',
      'repeatsLine',
      'columns',
      'taken',
      'badQuote',
      'notUtf8',
      'binary',
      'missingColumns',
      'unknownColumns',
      'unreadable',
    ];
    for (const problem of problems)
      for (const lang of languages) {
        const text = csvText(problem, lang, {
          barcode: '4780',
          line: 3,
          expected: 7,
          got: 2,
          columns: 'mxik',
          header: 'sku,name',
        });
        assert.doesNotMatch(text, /\{/, text);
        assertNoEnglish(text, lang);
      }
  });
});
