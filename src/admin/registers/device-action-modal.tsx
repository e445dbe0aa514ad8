import { Alert, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../common/protocol/devices';
import { isServerError } from '../../common/http';
import { useDeviceAction, type DeviceAction } from '../api/devices';
import type { ShownKey } from '../components/device-key-modal';
import { ModalActions } from '../components/modal-actions';

export interface PendingAction {
  device: Device;
  action: DeviceAction;
}

/**
 * Confirms a revoke or re-key. A register that reported unsent sales loses them, so the owner is warned and
 * only then is `?force=true` sent; if the list was stale and the server refuses, its message shows and the
 * next confirm forces.
 */
export function DeviceActionModal({
  pending,
  onClose,
  onNewKey,
}: {
  pending: PendingAction | null;
  onClose: () => void;
  onNewKey: (key: ShownKey) => void;
}) {
  const { t } = useTranslation();
  const title = pending
    ? t(pending.action === 'revoke' ? 'registers.revokeTitle' : 'registers.resetKeyTitle', {
        name: pending.device.name,
      })
    : '';
  return (
    <Modal opened={pending !== null} onClose={onClose} title={title}>
      {/* Keyed, so each opening starts without the previous attempt's error. */}
      {pending && (
        <ConfirmAction
          key={`${pending.device.id}:${pending.action}`}
          {...pending}
          onClose={onClose}
          onNewKey={onNewKey}
        />
      )}
    </Modal>
  );
}

function ConfirmAction({
  device,
  action,
  onClose,
  onNewKey,
}: PendingAction & { onClose: () => void; onNewKey: (key: ShownKey) => void }) {
  const { t } = useTranslation();
  const mutation = useDeviceAction();
  const unsent = device.unsentEvents ?? 0;
  const force = unsent > 0 || isServerError(mutation.error, 'DEVICE_HAS_UNSENT_EVENTS');
  const revoke = action === 'revoke';

  const confirm = () =>
    mutation.mutate(
      { id: device.id, action, force },
      {
        onSuccess: ({ deviceKey }) => {
          if (deviceKey) onNewKey({ deviceName: device.name, deviceKey });
          else {
            notifications.show({ color: 'green', message: t('registers.revoked', { name: device.name }) });
            onClose();
          }
        },
      },
    );

  return (
    <Stack>
      <Text size="sm">{t(revoke ? 'registers.revokeText' : 'registers.resetKeyText')}</Text>
      {unsent > 0 && (
        <Alert color="orange" data-testid="unsent-warning">
          {t('registers.unsentWarning', { count: unsent })}
        </Alert>
      )}
      <ModalActions
        error={mutation.error}
        pending={mutation.isPending}
        onCancel={onClose}
        label={t(revoke ? 'registers.revoke' : 'registers.resetKey')}
        onConfirm={confirm}
      />
    </Stack>
  );
}
