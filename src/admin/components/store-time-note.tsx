import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Names the zone the panel's times are in: the store's (Tashkent), not the browser's, so an owner travelling
 * abroad does not misread a shift's hours.
 */
export function StoreTimeNote() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="store-time">
      {t('common.storeTime')}
    </Text>
  );
}
