import { en } from './en.js';
import { ru } from './ru.js';
import { uz } from './uz.js';

export const languages = ['uz', 'ru', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'uz';

export type MessageKey = keyof typeof uz;
export type Messages = Record<MessageKey, string>;

const catalogs: Record<Lang, Messages> = { uz, ru, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Fills `{name}` placeholders; unknown names stay as written. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function messageFor(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const catalog = catalogs[lang] as Record<string, string>;
  return fillTemplate(catalog[key] ?? (uz as Record<string, string>)[key] ?? key, params);
}

/** Picks the first supported language of an Accept-Language header; Uzbek when none matches. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return defaultLang;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLang(base)) return base;
  }
  return defaultLang;
}
