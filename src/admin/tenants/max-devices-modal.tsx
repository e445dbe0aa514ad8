import { Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { maxDevicesBody } from '../../common/protocol/tenants';
import { useSetMaxDevices } from '../api/tenants';
import { ModalActions } from '../components/modal-actions';
import { validateWith } from '../form-validation';

interface Tenant {
  id: string;
  name: string;
  maxDevices: number;
}

interface Values {
  maxDevices: number;
  note: string;
}

/** Changes a tenant's register licence; below the registers in use the server refuses with its own message. */
export function MaxDevicesModal({ tenant, onClose }: { tenant: Tenant | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={tenant !== null}
      onClose={onClose}
      title={tenant ? t('tenants.limitTitle', { name: tenant.name }) : ''}
    >
      {/* Keyed, so each opening starts from the tenant's current limit and no old error. */}
      {tenant && <MaxDevicesForm key={tenant.id} tenant={tenant} onDone={onClose} />}
    </Modal>
  );
}

/** An empty note is no note. */
function bodyOf(values: Values): { maxDevices: number; note?: string } {
  const note = values.note.trim();
  return note ? { maxDevices: values.maxDevices, note } : { maxDevices: values.maxDevices };
}

function MaxDevicesForm({ tenant, onDone }: { tenant: Tenant; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useSetMaxDevices();
  const form = useForm<Values>({
    initialValues: { maxDevices: tenant.maxDevices, note: '' },
    validate: validateWith<Values>(maxDevicesBody, t('errors.invalid'), { body: bodyOf }),
  });

  const submit = form.onSubmit((values) =>
    mutation.mutate(
      { id: tenant.id, ...bodyOf(values) },
      {
        onSuccess: ({ tenant: saved }) => {
          notifications.show({
            color: 'green',
            message: t('tenants.limitSaved', { name: saved.name, max: saved.maxDevices }),
          });
          onDone();
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <NumberInput
          label={t('tenants.maxDevices')}
          min={1}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          data-autofocus
          {...form.getInputProps('maxDevices')}
        />
        <TextInput
          label={t('tenants.note')}
          placeholder={t('tenants.notePlaceholder')}
          maxLength={500}
          {...form.getInputProps('note')}
        />
        <ModalActions error={mutation.error} pending={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
