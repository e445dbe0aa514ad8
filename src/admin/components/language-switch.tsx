import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../common/i18n/index';
import { useLanguage } from '../i18n/use-language';

const labels: Record<Lang, string> = { uz: 'O‘zb', ru: 'Рус', en: 'Eng' };

export function LanguageSwitch({ loggedIn = false }: { loggedIn?: boolean }) {
  const { t } = useTranslation();
  const [lang, setLanguage] = useLanguage(loggedIn);
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={lang}
      onChange={(value) => isLang(value) && setLanguage(value)}
      data={Object.entries(labels).map(([value, label]) => ({ value, label }))}
    />
  );
}
