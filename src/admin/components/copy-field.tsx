import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret or a command to copy as is: shown whole (selectable) with a copy button beside it. */
export function CopyField({
  value,
  testId,
  onCopy,
}: {
  value: string;
  testId?: string;
  /** Told when the person presses copy (the key dialog then closes without asking). */
  onCopy?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group wrap="nowrap" align="flex-start" gap="xs">
      <Code block data-testid={testId} style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'teal' : undefined}
            onClick={() => {
              copy();
              onCopy?.();
            }}
          >
            {copied ? t('deviceKey.copied') : t('deviceKey.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
