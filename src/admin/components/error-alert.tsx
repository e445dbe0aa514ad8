import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client';

/**
 * Shows a failed call's message: the server's as sent (already in the panel's language), or the panel's own. With
 * `onRetry`, a button that asks again, so a dropped connection on a phone costs one tap, not a reload.
 */
export function ErrorAlert({ error, onRetry }: { error: Error | null; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      <Group justify="space-between" gap="sm">
        <Text size="sm" data-testid="error">
          {errorText(error)}
        </Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('gate.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
