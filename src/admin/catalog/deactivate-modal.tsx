import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../common/protocol/catalog';
import { useDeactivateProduct } from '../api/catalog';
import { ModalActions } from '../components/modal-actions';

export function DeactivateModal({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={product !== null}
      onClose={onClose}
      title={product ? t('catalog.deactivateTitle', { name: product.name }) : ''}
    >
      {product && <ConfirmDeactivate key={product.id} product={product} onClose={onClose} />}
    </Modal>
  );
}

function ConfirmDeactivate({ product, onClose }: { product: Product; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useDeactivateProduct();
  const confirm = () =>
    mutation.mutate(product.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('catalog.deactivated', { name: product.name }) });
        onClose();
      },
    });
  return (
    <Stack>
      <Text size="sm">{t('catalog.deactivateText')}</Text>
      <ModalActions
        error={mutation.error}
        pending={mutation.isPending}
        onCancel={onClose}
        label={t('catalog.deactivate')}
        onConfirm={confirm}
      />
    </Stack>
  );
}
