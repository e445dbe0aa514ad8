import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../common/i18n/index';
import { currentLanguage } from './index';
import { rememberLanguage, storedLanguage } from './language';

/** The panel's language, remembered per user (and as the browser's last choice for the login screen). */
export function useLanguage(userId?: string): [Lang, (lang: Lang) => void] {
  const { i18n } = useTranslation();
  const setLanguage = useCallback(
    (lang: Lang) => {
      rememberLanguage(lang, userId);
      void i18n.changeLanguage(lang);
    },
    [i18n, userId],
  );
  return [currentLanguage(), setLanguage];
}

/** After login (or a reload), switch to the language this user chose before; else keep and remember the current one. */
export function useUserLanguage(userId: string): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const saved = storedLanguage(userId);
    if (saved && saved !== i18n.language) void i18n.changeLanguage(saved);
    rememberLanguage(saved ?? currentLanguage(), userId);
  }, [i18n, userId]);
}
