import type { z } from 'zod';
import enLocale from 'zod/v4/locales/en.js';
import ruLocale from 'zod/v4/locales/ru.js';
import uzLocale from 'zod/v4/locales/uz.js';
import type { Lang } from './i18n/index.js';
import { formatMoney } from './money.js';

type Texts = Record<Lang, string>;

/** Field names as people say them; a field not listed keeps its API name. */
const fieldLabels: Record<string, Texts> = {
  sku: { uz: 'artikul', ru: 'артикул', en: 'SKU' },
  name: { uz: 'nomi', ru: 'название', en: 'name' },
  barcode: { uz: 'shtrix-kod', ru: 'штрихкод', en: 'barcode' },
  barcodes: { uz: 'shtrix-kodlar', ru: 'штрихкоды', en: 'barcodes' },
  price: { uz: 'narx', ru: 'цена', en: 'price' },
  unit: { uz: 'o‘lchov birligi', ru: 'единица', en: 'unit' },
  vatRate: { uz: 'QQS stavkasi', ru: 'ставка НДС', en: 'VAT rate' },
  vat: { uz: 'QQS stavkasi', ru: 'ставка НДС', en: 'VAT rate' },
  mxik: { uz: 'MXIK kodi', ru: 'код ИКПУ', en: 'MXIK code' },
  email: { uz: 'email', ru: 'email', en: 'email' },
  ownerEmail: { uz: 'egasining emaili', ru: 'email владельца', en: "owner's email" },
  password: { uz: 'parol', ru: 'пароль', en: 'password' },
  ownerPassword: { uz: 'egasining paroli', ru: 'пароль владельца', en: "owner's password" },
  role: { uz: 'rol', ru: 'роль', en: 'role' },
  pin: { uz: 'PIN', ru: 'PIN', en: 'PIN' },
  maxDevices: { uz: 'kassalar limiti', ru: 'лимит касс', en: 'register limit' },
  tenantName: { uz: 'korxona nomi', ru: 'название компании', en: 'company name' },
  storeName: { uz: 'do‘kon nomi', ru: 'название магазина', en: 'store name' },
  currency: { uz: 'valyuta', ru: 'валюта', en: 'currency' },
  qty: { uz: 'miqdor', ru: 'количество', en: 'quantity' },
  countedQty: { uz: 'sanalgan miqdor', ru: 'подсчитанное количество', en: 'counted quantity' },
  reason: { uz: 'sabab', ru: 'причина', en: 'reason' },
  note: { uz: 'izoh', ru: 'примечание', en: 'note' },
  lines: { uz: 'qatorlar', ru: 'строки', en: 'lines' },
  productId: { uz: 'mahsulot', ru: 'товар', en: 'product' },
  search: { uz: 'qidiruv', ru: 'поиск', en: 'search' },
  cursor: { uz: 'sahifa', ru: 'страница', en: 'page' },
  limit: { uz: 'soni', ru: 'количество', en: 'limit' },
  from: { uz: 'boshlanish sanasi', ru: 'дата начала', en: 'from date' },
  to: { uz: 'tugash sanasi', ru: 'дата конца', en: 'to date' },
  groupBy: { uz: 'guruhlash', ru: 'группировка', en: 'group by' },
  lang: { uz: 'til', ru: 'язык', en: 'language' },
  deviceKey: { uz: 'kassa kaliti', ru: 'ключ кассы', en: 'register key' },
  header: { uz: 'sarlavha qatori', ru: 'строка заголовка', en: 'header line' },
  csv: { uz: 'CSV fayl', ru: 'CSV-файл', en: 'CSV file' },
  body: { uz: 'so‘rov', ru: 'запрос', en: 'request' },
  '(body)': { uz: 'so‘rov', ru: 'запрос', en: 'request' },
  row: { uz: 'qator', ru: 'строка', en: 'row' },
  amount: { uz: 'summa', ru: 'сумма', en: 'amount' },
  discount: { uz: 'chegirma', ru: 'скидка', en: 'discount' },
};

/** Fields holding money in tiyin: their limits are shown in so‘m, as the person typed them. */
const moneyFields = new Set([
  'price',
  'amount',
  'discount',
  'total',
  'unitPrice',
  'openingCash',
  'countedCash',
]);

/** Reasons our own schemas give (custom issues, refinements), by their English text. */
const customReasons: Record<string, Texts> = {
  '0, 50 or 100 so‘m': {
    uz: '0, 50 yoki 100 so‘m',
    ru: '0, 50 или 100 сум',
    en: '0, 50 or 100 so‘m',
  },
  'wrong check digit': {
    uz: 'nazorat raqami noto‘g‘ri',
    ru: 'неверная контрольная цифра',
    en: 'wrong check digit',
  },
  // nameSchema's refusals (names and SKUs that would corrupt a receipt or a list).
  'control characters are not allowed': {
    uz: 'boshqaruv belgilari bo‘lmasin',
    ru: 'управляющие символы недопустимы',
    en: 'control characters are not allowed',
  },
  'must contain a visible character': {
    uz: 'kamida bitta ko‘rinadigan belgi bo‘lsin',
    ru: 'нужен хотя бы один видимый символ',
    en: 'must contain a visible character',
  },
  'not a barcode': { uz: 'shtrix-kod emas', ru: 'это не штрихкод', en: 'not a barcode' },
  'not an amount in so‘m': {
    uz: 'so‘mdagi summa emas',
    ru: 'это не сумма в сумах',
    en: 'not an amount in so‘m',
  },
  'a percentage from 0 to 100': {
    uz: '0 dan 100 gacha foiz bo‘lsin',
    ru: 'процент от 0 до 100',
    en: 'a percentage from 0 to 100',
  },
  'sku or productId': {
    uz: 'artikul yoki mahsulotdan bittasini bering',
    ru: 'укажите артикул или товар, одно из двух',
    en: 'give the SKU or the product, one of them',
  },
  'so‘m, e.g. 12500 or 12500.50': {
    uz: 'so‘mda, masalan 12500 yoki 12500.50',
    ru: 'в сумах, например 12500 или 12500.50',
    en: 'so‘m, e.g. 12500 or 12500.50',
  },
  'a quantity such as 12 or 1.250': {
    uz: 'miqdor, masalan 12 yoki 1.250',
    ru: 'количество, например 12 или 1.250',
    en: 'a quantity such as 12 or 1.250',
  },
  'percent 0–100, e.g. 12': {
    uz: '0–100 foiz, masalan 12',
    ru: 'процент 0–100, например 12',
    en: 'percent 0–100, e.g. 12',
  },
  'either --active or --inactive': {
    uz: '--active yoki --inactive dan bittasi',
    ru: 'либо --active, либо --inactive',
    en: 'either --active or --inactive',
  },
  'not a cursor from this API': {
    uz: 'bu sahifa belgisi tanilmadi',
    ru: 'метка страницы не распознана',
    en: 'not a cursor from this API',
  },
  'unknown field': { uz: 'noma’lum maydon', ru: 'неизвестное поле', en: 'unknown field' },
  'send text/csv': { uz: 'CSV matn yuboring', ru: 'отправьте CSV-текст', en: 'send text/csv' },
  required: { uz: 'majburiy', ru: 'обязательно', en: 'required' },
  'not a date': { uz: 'sana emas', ru: 'это не дата', en: 'not a date' },
  'before from': {
    uz: 'boshlanish sanasidan oldin bo‘lmasin',
    ru: 'не раньше даты начала',
    en: 'before the from date',
  },
  'empty file': { uz: 'fayl bo‘sh', ru: 'файл пуст', en: 'empty file' },
  'cash, card or qr, e.g. card:30000:humo': {
    uz: 'cash, card yoki qr, masalan card:30000:humo',
    ru: 'cash, card или qr, например card:30000:humo',
    en: 'cash, card or qr, e.g. card:30000:humo',
  },
};

const typeNames: Record<string, Texts> = {
  string: { uz: 'matn', ru: 'текстом', en: 'text' },
  number: { uz: 'son', ru: 'числом', en: 'a number' },
  int: { uz: 'butun son', ru: 'целым числом', en: 'a whole number' },
  boolean: { uz: 'ha yoki yo‘q', ru: 'да или нет', en: 'yes or no' },
  array: { uz: 'ro‘yxat', ru: 'списком', en: 'a list' },
  object: { uz: 'obyekt', ru: 'объектом', en: 'an object' },
};

const formatNames: Record<string, Texts> = {
  email: { uz: 'email manzili noto‘g‘ri', ru: 'неверный email', en: 'not an email address' },
  uuid: { uz: 'ID noto‘g‘ri', ru: 'неверный ID', en: 'not a valid ID' },
  datetime: { uz: 'sana va vaqt noto‘g‘ri', ru: 'неверные дата и время', en: 'not a date and time' },
  date: {
    uz: 'sana noto‘g‘ri (YYYY-MM-DD)',
    ru: 'неверная дата (ГГГГ-ММ-ДД)',
    en: 'not a date (YYYY-MM-DD)',
  },
};

const zodTables = { uz: uzLocale().localeError, ru: ruLocale().localeError, en: enLocale().localeError };

function pick(texts: Texts, lang: Lang, params: Record<string, string | number> = {}): string {
  return texts[lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function lastName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

/** `lines.2.qty` → "miqdor (3-qator)": the label of the last named part, the position counted from 1. */
export function fieldLabel(path: readonly PropertyKey[] | string, lang: Lang): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const name = [...parts].reverse().find((part) => !/^\d+$/.test(part)) ?? '';
  const label = fieldLabels[name]?.[lang] ?? (parts.join('.') || fieldLabels.body![lang]);
  // Only a sale's or a receipt's lines are counted for the person; a barcode's place in its list is not.
  const at = parts.indexOf('lines');
  const index = at >= 0 && /^\d+$/.test(parts[at + 1] ?? '') ? parts[at + 1] : undefined;
  if (index === undefined || fieldLabels[name] === undefined) return label;
  const n = Number(index) + 1;
  return pick({ uz: '{label} ({n}-qator)', ru: '{label} (строка {n})', en: '{label} (line {n})' }, lang, {
    label,
    n,
  });
}

function bound(issue: { origin?: string; path: readonly PropertyKey[] }, value: number | bigint): string {
  const n = Number(value);
  return moneyFields.has(lastName(issue.path)) && issue.origin === 'number' ? formatMoney(n) : String(n);
}

/** One zod issue as a short reason in the person's language; money limits in so‘m. */
export function issueReason(issue: z.core.$ZodIssue, lang: Lang): string {
  // A reason the schema states itself (e.g. the store's coins in so‘m) says more than the generic one.
  const stated = customReasons[issue.message];
  if (stated) return stated[lang];
  switch (issue.code) {
    case 'invalid_type': {
      const type = typeNames[issue.expected];
      if (type)
        return pick({ uz: '{t} bo‘lishi kerak', ru: 'должно быть {t}', en: 'must be {t}' }, lang, {
          t: type[lang],
        });
      break;
    }
    case 'too_small': {
      const min = bound(issue, issue.minimum);
      if (issue.origin === 'string') {
        if (Number(issue.minimum) <= 1)
          return pick({ uz: 'bo‘sh bo‘lmasin', ru: 'не может быть пустым', en: 'must not be empty' }, lang);
        return pick(
          { uz: 'kamida {n} belgi', ru: 'не короче {n} символов', en: 'at least {n} characters' },
          lang,
          { n: min },
        );
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return pick({ uz: 'kamida {n} ta', ru: 'не меньше {n} шт.', en: 'at least {n} items' }, lang, {
          n: min,
        });
      return pick(
        issue.inclusive
          ? { uz: 'kamida {n}', ru: 'не меньше {n}', en: 'at least {n}' }
          : { uz: '{n} dan katta bo‘lsin', ru: 'больше {n}', en: 'more than {n}' },
        lang,
        { n: min },
      );
    }
    case 'too_big': {
      const max = bound(issue, issue.maximum);
      if (issue.origin === 'string')
        return pick(
          { uz: 'ko‘pi bilan {n} belgi', ru: 'не длиннее {n} символов', en: 'at most {n} characters' },
          lang,
          { n: max },
        );
      if (issue.origin === 'array' || issue.origin === 'set')
        return pick({ uz: 'ko‘pi bilan {n} ta', ru: 'не больше {n} шт.', en: 'at most {n} items' }, lang, {
          n: max,
        });
      return pick(
        issue.inclusive
          ? { uz: '{n} dan oshmasin', ru: 'не больше {n}', en: 'at most {n}' }
          : { uz: '{n} dan kichik bo‘lsin', ru: 'меньше {n}', en: 'less than {n}' },
        lang,
        { n: max },
      );
    }
    case 'invalid_value':
      return pick({ uz: 'quyidagilardan biri: {v}', ru: 'одно из: {v}', en: 'one of: {v}' }, lang, {
        v: issue.values.map(String).join(', '),
      });
    case 'invalid_format':
      return (
        formatNames[issue.format]?.[lang] ??
        pick({ uz: 'ko‘rinishi noto‘g‘ri', ru: 'неверный формат', en: 'wrong format' }, lang)
      );
    case 'unrecognized_keys':
      return customReasons['unknown field']![lang];
    case 'invalid_union':
      return pick({ uz: 'qiymat noto‘g‘ri', ru: 'неверное значение', en: 'not a valid value' }, lang);
    case 'custom': {
      const known = customReasons[issue.message];
      if (known) return known[lang];
      break;
    }
    default:
      break;
  }
  const custom = customReasons[issue.message];
  if (custom) return custom[lang];
  // Whatever is left (rare codes) comes from zod's own message tables.
  const fromZod = zodTables[lang](issue as never);
  return typeof fromZod === 'string' ? fromZod : (fromZod?.message ?? issue.message);
}

/** A reason text we raised ourselves (not a zod issue), in the person's language when we know it. */
export function reasonText(reason: string, lang: Lang): string {
  return customReasons[reason]?.[lang] ?? reason;
}

/** The `{field}` and `{reason}` of VALIDATION_FAILED for one issue, in `lang`. */
export function validationParams(
  issue: z.core.$ZodIssue | undefined,
  lang: Lang,
): { field: string; reason: string } {
  if (!issue)
    return {
      field: fieldLabel([], lang),
      reason: pick({ uz: 'noto‘g‘ri', ru: 'неверно', en: 'invalid' }, lang),
    };
  if (issue.code === 'unrecognized_keys')
    return { field: [...issue.path, ...issue.keys].join('.'), reason: customReasons['unknown field']![lang] };
  return { field: fieldLabel(issue.path, lang), reason: issueReason(issue, lang) };
}

const csvTexts = {
  barcodeOfOther: {
    uz: '{barcode} boshqa mahsulotga tegishli',
    ru: '{barcode} принадлежит другому товару',
    en: '{barcode} belongs to another product',
  },
  repeatsLine: {
    uz: '{line}-qatorda takrorlangan',
    ru: 'повторяет строку {line}',
    en: 'repeats line {line}',
  },
  columns: {
    uz: '{expected} ta ustun kerak, {got} ta bor',
    ru: 'нужно столбцов: {expected}, есть: {got}',
    en: 'expected {expected} columns, got {got}',
  },
  taken: {
    uz: 'artikul yoki shtrix-kod hozirgina band qilindi',
    ru: 'артикул или штрихкод только что заняты',
    en: 'SKU or barcode just taken',
  },
  badQuote: {
    uz: '{line}-qatorda qo‘shtirnoq noto‘g‘ri yoki yopilmagan',
    ru: 'в строке {line} кавычка не закрыта или стоит не на месте',
    en: 'a quote is not closed or misplaced on line {line}',
  },
  notUtf8: {
    uz: 'fayl UTF-8 kodlashda emas: Excel’da «CSV UTF-8» sifatida saqlang',
    ru: 'файл не в кодировке UTF-8: сохраните в Excel как «CSV UTF-8»',
    en: 'the file is not UTF-8: save it from Excel as "CSV UTF-8"',
  },
  binary: {
    uz: 'bu matnli CSV fayl emas',
    ru: 'это не текстовый CSV-файл',
    en: 'this is not a CSV text file',
  },
  missingColumns: {
    uz: 'ustunlar yetishmaydi: {columns}; birinchi qator: {header}',
    ru: 'не хватает столбцов: {columns}; первая строка: {header}',
    en: 'missing columns: {columns}; the first line must be: {header}',
  },
  unknownColumns: {
    uz: 'noma’lum ustunlar: {columns}; birinchi qator: {header}',
    ru: 'лишние столбцы: {columns}; первая строка: {header}',
    en: 'unknown columns: {columns}; the first line must be: {header}',
  },
  unreadable: { uz: 'faylni o‘qib bo‘lmadi', ru: 'файл не читается', en: 'the file cannot be read' },
} satisfies Record<string, Texts>;

export type CsvProblem = keyof typeof csvTexts;

/** A price-list problem (per line or per file) in the person's language. */
export function csvText(
  problem: CsvProblem,
  lang: Lang,
  params: Record<string, string | number> = {},
): string {
  return pick(csvTexts[problem], lang, params);
}

/** `field: reason` for a rejected CSV line, the field in words. */
export function csvLineReason(field: string, reason: string, lang: Lang): string {
  return `${fieldLabel(field, lang)}: ${reason}`;
}
