import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TenantUser } from '../../common/protocol/users';
import { useEnableUser } from '../api/users';
import { ModalActions } from '../components/modal-actions';

/** Takes a disabled person back; the server refuses (PIN_TAKEN, shown here) when someone active has their PIN now. */
export function EnableModal({ user, onClose }: { user: TenantUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('people.enableTitle', { name: user.name }) : ''}
    >
      {user && <ConfirmEnable key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function ConfirmEnable({ user, onDone }: { user: TenantUser; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useEnableUser();
  const confirm = () =>
    mutation.mutate(user.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('people.enabledDone', { name: user.name }) });
        onDone();
      },
    });
  return (
    <Stack>
      <Text size="sm">{t(user.role === 'admin' ? 'people.enableAdmin' : 'people.enableCashier')}</Text>
      <ModalActions
        error={mutation.error}
        pending={mutation.isPending}
        onCancel={onDone}
        label={t('people.enable')}
        onConfirm={confirm}
      />
    </Stack>
  );
}
