import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from './copy-field';

export interface ShownKey {
  deviceName: string;
  deviceKey: string;
}

/**
 * The server keeps only a digest of a device key, so this is the one time anyone sees it; closing drops it
 * from memory. Clicking outside does not close, and closing a key nobody copied (Escape, ×, Done) first asks.
 */
export function DeviceKeyModal({ shown, onClose }: { shown: ShownKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  // Remembered per key, so the next key shown starts uncopied.
  const [copiedKey, setCopiedKey] = useState<string | null>(null);
  const [askingKey, setAskingKey] = useState<string | null>(null);
  const key = shown?.deviceKey ?? null;
  const asking = key !== null && askingKey === key;
  const markCopied = () => {
    setCopiedKey(key);
    setAskingKey(null);
  };
  const requestClose = () => (key !== null && copiedKey === key ? onClose() : setAskingKey(key));
  return (
    <Modal
      opened={shown !== null}
      onClose={requestClose}
      closeOnClickOutside={false}
      size="lg"
      title={shown ? t('deviceKey.title', { name: shown.deviceName }) : ''}
    >
      {shown && (
        <Stack>
          <Alert color="yellow">{t('deviceKey.once')}</Alert>
          <CopyField value={shown.deviceKey} testId="device-key" onCopy={markCopied} />
          <Text size="sm">{t('deviceKey.command')}</Text>
          <CopyField
            value={`pos-activate ${shown.deviceKey} --server ${window.location.origin}`}
            testId="activate-command"
            onCopy={markCopied}
          />
          {asking ? (
            <Alert color="orange" role="alert" data-testid="key-ask-close">
              <Stack gap="sm">
                <Text size="sm">{t('deviceKey.askClose')}</Text>
                <Group justify="flex-end" gap="xs">
                  <Button variant="default" onClick={() => setAskingKey(null)}>
                    {t('common.cancel')}
                  </Button>
                  <Button color="orange" onClick={onClose}>
                    {t('deviceKey.closeAnyway')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <Group justify="flex-end">
              <Button onClick={requestClose}>{t('deviceKey.done')}</Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
