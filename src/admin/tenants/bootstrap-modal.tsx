import { Modal, NumberInput, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { bootstrapBody } from '../../common/protocol/tenants';
import { useBootstrapTenant } from '../api/tenants';
import type { ShownKey } from '../components/device-key-modal';
import { ModalActions } from '../components/modal-actions';
import { validateWith } from '../form-validation';

interface Values {
  tenantName: string;
  storeName: string;
  ownerEmail: string;
  ownerPassword: string;
  maxDevices: number;
}

const empty: Values = { tenantName: '', storeName: '', ownerEmail: '', ownerPassword: '', maxDevices: 1 };

/** Sells a licence: tenant, first store, owner login and POS-01, whose key is handed back to show once. */
export function BootstrapModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: ShownKey) => void;
}) {
  const { t } = useTranslation();
  const mutation = useBootstrapTenant();
  const form = useForm<Values>({
    initialValues: empty,
    validate: validateWith<Values>(bootstrapBody, t('errors.invalid')),
  });

  const close = () => {
    form.reset();
    mutation.reset();
    onClose();
  };

  const submit = form.onSubmit((values) =>
    mutation.mutate(values, {
      onSuccess: ({ tenant, device, deviceKey }) => {
        form.reset();
        mutation.reset();
        onCreated({ deviceName: `${tenant.name} — ${device.name}`, deviceKey });
      },
    }),
  );

  return (
    <Modal opened={opened} onClose={close} title={t('tenants.bootstrapTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('tenants.tenantName')}
            required
            data-autofocus
            {...form.getInputProps('tenantName')}
          />
          <TextInput label={t('tenants.storeName')} required {...form.getInputProps('storeName')} />
          <TextInput
            label={t('tenants.ownerEmail')}
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps('ownerEmail')}
          />
          <PasswordInput
            label={t('tenants.ownerPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('ownerPassword')}
          />
          <NumberInput
            label={t('tenants.maxDevices')}
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxDevices')}
          />
          <ModalActions
            error={mutation.error}
            pending={mutation.isPending}
            onCancel={close}
            label={t('tenants.create')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
