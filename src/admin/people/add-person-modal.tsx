import { Modal, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { createUserBody, type CreateUserBody } from '../../common/protocol/users';
import { isServerError } from '../../common/http';
import { useCreateUser } from '../api/users';
import { ModalActions } from '../components/modal-actions';
import { validateWith } from '../form-validation';

interface Values {
  role: 'cashier' | 'supervisor' | 'admin';
  name: string;
  pin: string;
  email: string;
  password: string;
}

const empty: Values = { role: 'cashier', name: '', pin: '', email: '', password: '' };

/** Only the fields of the chosen role go to the server; its schema refuses anything extra. */
function toBody(values: Values): CreateUserBody {
  return values.role === 'admin'
    ? { role: 'admin', name: values.name, email: values.email, password: values.password }
    : { role: values.role, name: values.name, pin: values.pin };
}

/**
 * Adds a cashier or a supervisor (name + PIN, for the registers; a supervisor also approves) or an admin (email +
 * password, for this panel).
 */
export function AddPersonModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('people.addTitle')}>
      {/* Mounted only while open, so each opening starts empty and without the last error. */}
      {opened && <AddPersonForm onDone={onClose} />}
    </Modal>
  );
}

function AddPersonForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useCreateUser();
  const form = useForm<Values>({
    initialValues: empty,
    validate: validateWith<Values>(createUserBody, t('errors.invalid'), {
      body: toBody,
      fields: {
        name: t('people.nameInvalid'),
        pin: t('people.pinInvalid'),
        email: t('people.emailInvalid'),
        password: t('people.passwordInvalid'),
      },
    }),
  });
  const role = form.values.role;
  const cashier = role !== 'admin';

  const submit = form.onSubmit((values) =>
    mutation.mutate(toBody(values), {
      onSuccess: ({ user }) => {
        notifications.show({ color: 'green', message: t('people.added', { name: user.name }) });
        onDone();
      },
      // A taken email belongs next to the email field; other refusals show under the form.
      onError: (error) => {
        if (isServerError(error, 'EMAIL_TAKEN')) form.setFieldError('email', error.message);
        if (isServerError(error, 'PIN_TAKEN')) form.setFieldError('pin', error.message);
      },
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SegmentedControl
          aria-label={t('people.kind')}
          data={[
            { value: 'cashier', label: t('people.roles.cashier') },
            { value: 'supervisor', label: t('people.roles.supervisor') },
            { value: 'admin', label: t('people.roles.admin') },
          ]}
          {...form.getInputProps('role')}
        />
        <Text size="sm" c="dimmed">
          {t(`people.${role}Note` as const)}
        </Text>
        <TextInput label={t('people.name')} required data-autofocus {...form.getInputProps('name')} />
        {cashier ? (
          <PasswordInput
            label={t('people.pin')}
            description={t('people.pinHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            required
            {...form.getInputProps('pin')}
          />
        ) : (
          <>
            <TextInput
              label={t('people.email')}
              type="email"
              autoComplete="off"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('people.password')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
          </>
        )}
        <ModalActions
          error={
            isServerError(mutation.error, 'EMAIL_TAKEN') || isServerError(mutation.error, 'PIN_TAKEN')
              ? null
              : mutation.error
          }
          pending={mutation.isPending}
          onCancel={onDone}
          label={t('people.create')}
        />
      </Stack>
    </form>
  );
}
