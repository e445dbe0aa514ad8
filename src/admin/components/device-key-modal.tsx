import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from './copy-field';

export interface ShownKey {
  deviceName: string;
  deviceKey: string;
}

/**
 * The server keeps only a digest of a device key, so this is the one time anyone sees it; closing drops it
 * from memory. Clicking outside does not close, so a stray click cannot lose it.
 */
export function DeviceKeyModal({ shown, onClose }: { shown: ShownKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      closeOnClickOutside={false}
      size="lg"
      title={shown ? t('deviceKey.title', { name: shown.deviceName }) : ''}
    >
      {shown && (
        <Stack>
          <Alert color="yellow">{t('deviceKey.once')}</Alert>
          <CopyField value={shown.deviceKey} testId="device-key" />
          <Text size="sm">{t('deviceKey.command')}</Text>
          <CopyField
            value={`pos-activate ${shown.deviceKey} --server ${window.location.origin}`}
            testId="activate-command"
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('deviceKey.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
