import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { resetPinBody, type TenantUser } from '../../common/protocol/users';
import { useResetPin } from '../api/users';
import { ModalActions } from '../components/modal-actions';
import { validateWith } from '../form-validation';

interface Values {
  pin: string;
}

/** Sets a cashier's new PIN; the registers learn it with their next sync. */
export function PinModal({ user, onClose }: { user: TenantUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('people.pinTitle', { name: user.name }) : ''}
    >
      {user && <PinForm key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function PinForm({ user, onDone }: { user: TenantUser; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useResetPin();
  const form = useForm<Values>({
    initialValues: { pin: '' },
    validate: validateWith<Values>(resetPinBody, t('errors.invalid'), {
      fields: { pin: t('people.pinInvalid') },
    }),
  });

  const submit = form.onSubmit(({ pin }) =>
    mutation.mutate(
      { id: user.id, pin },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('people.pinSaved', { name: user.name }) });
          onDone();
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('people.pinText')}</Text>
        <PasswordInput
          label={t('people.pin')}
          description={t('people.pinHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          required
          data-autofocus
          {...form.getInputProps('pin')}
        />
        <ModalActions error={mutation.error} pending={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
