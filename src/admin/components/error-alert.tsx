import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Shows a failed call's message as the server wrote it (already in the panel's language); with `onRetry`, a
 * button that asks again, so a dropped connection on a phone costs one tap, not a reload.
 */
export function ErrorAlert({ error, onRetry }: { error: Error | null; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      <Group justify="space-between" gap="sm">
        <Text size="sm" data-testid="error">
          {error.message}
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
