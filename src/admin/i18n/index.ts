import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLang, type Lang } from '../../common/i18n/index';
import { en } from './en';
import { setMoneyLanguage } from '../format';
import { initialLanguage } from './language';
import { ru } from './ru';
import { uz } from './uz';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { uz: { translation: uz }, ru: { translation: ru }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'uz',
  // React escapes on render.
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
  setMoneyLanguage(currentLanguage());
});
document.documentElement.lang = i18n.language;
setMoneyLanguage(currentLanguage());

/** The panel's language, also sent as Accept-Language so server messages match the screen. */
export function currentLanguage(): Lang {
  return isLang(i18n.language) ? i18n.language : 'uz';
}
