import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TenantUser } from '../../common/protocol/users';
import { useDisableUser } from '../api/users';
import { ModalActions } from '../components/modal-actions';

/** Disabling cannot be undone from the panel, so it asks first and says what stops working. */
export function DisableModal({ user, onClose }: { user: TenantUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('people.disableTitle', { name: user.name }) : ''}
    >
      {user && <ConfirmDisable key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function ConfirmDisable({ user, onDone }: { user: TenantUser; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useDisableUser();
  const confirm = () =>
    mutation.mutate(user.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('people.disabledDone', { name: user.name }) });
        onDone();
      },
    });
  return (
    <Stack>
      <Text size="sm">{t(user.role === 'admin' ? 'people.disableAdmin' : 'people.disableCashier')}</Text>
      <ModalActions
        error={mutation.error}
        pending={mutation.isPending}
        onCancel={onDone}
        label={t('people.disable')}
        onConfirm={confirm}
      />
    </Stack>
  );
}
