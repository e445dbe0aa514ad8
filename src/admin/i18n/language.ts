import { defaultLang, isLang, type Lang } from '../../common/i18n/index';

/** The last language used on this browser, for the login screen; each user's own choice is kept by the server. */
const LAST_KEY = 'posapp.admin.lang';

function read(key: string): Lang | null {
  try {
    const value = localStorage.getItem(key);
    return isLang(value) ? value : null;
  } catch {
    // Storage can be off (private mode, policy); the panel still works in the default language.
    return null;
  }
}

function write(key: string, lang: Lang): void {
  try {
    localStorage.setItem(key, lang);
  } catch {
    // See read(): remembering is a convenience only.
  }
}

export function initialLanguage(): Lang {
  return read(LAST_KEY) ?? defaultLang;
}

export function rememberLanguage(lang: Lang): void {
  write(LAST_KEY, lang);
}
