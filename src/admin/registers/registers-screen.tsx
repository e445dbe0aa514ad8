import { useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAddDevice, useDevices } from '../api/devices';
import { DeviceKeyModal, type ShownKey } from '../components/device-key-modal';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { StoreTimeNote } from '../components/store-time-note';
import { DeviceActionModal, type PendingAction } from './device-action-modal';
import { RegisterTable } from './register-table';

/** The owner's registers and licence: how many seats are used, add one (key shown once), revoke, re-key. */
export function RegistersScreen() {
  const { t } = useTranslation();
  const devices = useDevices();
  const add = useAddDevice();
  const [shownKey, setShownKey] = useState<ShownKey | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);

  // The heading stays while loading or after a failure, so the owner knows which page did not load.
  if (devices.isPending || devices.isError) {
    return (
      <Stack>
        <Title order={2}>{t('registers.title')}</Title>
        {devices.isError ? (
          <ErrorAlert error={devices.error} onRetry={() => void devices.refetch()} />
        ) : (
          <PageLoader />
        )}
      </Stack>
    );
  }
  const { used, maxDevices } = devices.data;

  const addRegister = () =>
    add.mutate(undefined, {
      onSuccess: ({ device, deviceKey }) => setShownKey({ deviceName: device.name, deviceKey }),
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('registers.title')}</Title>
          <Text c="dimmed" data-testid="licence">
            {t('registers.used', { used, max: maxDevices })}
          </Text>
        </div>
        <Button onClick={addRegister} loading={add.isPending}>
          {t('registers.add')}
        </Button>
      </Group>
      {/* At the limit this is the server's DEVICE_LIMIT_REACHED message, word for word. */}
      <ErrorAlert error={add.error} />
      <StoreTimeNote />
      <RegisterTable
        devices={devices.data.devices}
        onAction={(device, action) => setPending({ device, action })}
      />
      <DeviceActionModal
        pending={pending}
        onClose={() => setPending(null)}
        onNewKey={(key) => {
          setPending(null);
          setShownKey(key);
        }}
      />
      <DeviceKeyModal shown={shownKey} onClose={() => setShownKey(null)} />
    </Stack>
  );
}
