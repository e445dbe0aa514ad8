import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../common/i18n/index';
import { useSaveLanguage } from '../api/session';
import { currentLanguage } from './index';
import { rememberLanguage } from './language';

/**
 * The panel's language and the switch's setter: remembered on this browser for the login screen and, once
 * someone is logged in, on the server as that person's choice.
 */
export function useLanguage(loggedIn = false): [Lang, (lang: Lang) => void] {
  const { i18n } = useTranslation();
  const save = useSaveLanguage();
  const { mutate } = save;
  const setLanguage = useCallback(
    (lang: Lang) => {
      rememberLanguage(lang);
      void i18n.changeLanguage(lang);
      if (loggedIn) mutate(lang);
    },
    [i18n, loggedIn, mutate],
  );
  return [currentLanguage(), setLanguage];
}

/**
 * After login (or a reload): switch to the language this user chose, on whatever browser; someone who never
 * chose keeps the one they logged in with, and it becomes theirs.
 */
export function useUserLanguage(lang: Lang | null | undefined): void {
  const { i18n } = useTranslation();
  const { mutate } = useSaveLanguage();
  useEffect(() => {
    if (lang === undefined) return;
    if (lang === null) {
      mutate(currentLanguage());
      return;
    }
    rememberLanguage(lang);
    if (lang !== i18n.language) void i18n.changeLanguage(lang);
  }, [i18n, lang, mutate]);
}
