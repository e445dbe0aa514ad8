import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { stockAdjustmentBody, stockReceiptBody, type StockItem } from '../../common/protocol/catalog';
import { useCountStock, useReceiveStock } from '../api/stock';
import { ModalActions } from '../components/modal-actions';
import { formatQuantity } from '../format';
import { countBody, parseStockQuantity, receiptBody } from './quantity';
import type { StockAction } from './stock-table';

export interface PendingStock {
  item: StockItem;
  action: StockAction;
}

export function StockModal({ pending, onClose }: { pending: PendingStock | null; onClose: () => void }) {
  const { t } = useTranslation();
  const title = pending
    ? t(pending.action === 'receive' ? 'stock.receiveTitle' : 'stock.countTitle', { name: pending.item.name })
    : '';
  return (
    <Modal opened={pending !== null} onClose={onClose} title={title}>
      {pending && (
        <StockForm key={`${pending.item.productId}:${pending.action}`} {...pending} onDone={onClose} />
      )}
    </Modal>
  );
}

interface Values {
  quantity: string;
  /** The receipt's note, or the count's reason. */
  text: string;
}

/**
 * "Receive" adds what came in; "count" sets the level to what was counted (the server books the difference).
 * Both check the body with the shared schema before sending.
 */
function StockForm({ item, action, onDone }: PendingStock & { onDone: () => void }) {
  const { t } = useTranslation();
  const receive = useReceiveStock();
  const count = useCountStock();
  const mutation = action === 'receive' ? receive : count;
  const unit = t(`units.${item.unit}`);
  const level = (qty: number) => `${formatQuantity(qty, item.unit)} ${unit}`;

  const form = useForm<Values>({
    initialValues: { quantity: '', text: action === 'count' ? t('stock.reasonDefault') : '' },
    validate: (values) => {
      const parsed = parseStockQuantity(values.quantity, item.unit, { allowZero: action === 'count' });
      const errors: Record<string, string> = {};
      if ('problem' in parsed) errors.quantity = t(`problems.${parsed.problem}`);
      else {
        const body =
          action === 'receive'
            ? stockReceiptBody.safeParse(receiptBody(item.productId, parsed.qty, values.text))
            : stockAdjustmentBody.safeParse(countBody(item.productId, parsed.qty, values.text));
        if (!body.success)
          errors.text = t(
            body.error.issues[0]?.code === 'too_big' ? 'problems.tooLong' : 'problems.required',
          );
      }
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    const parsed = parseStockQuantity(values.quantity, item.unit, { allowZero: action === 'count' });
    if ('problem' in parsed) return;
    if (action === 'receive') {
      receive.mutate(receiptBody(item.productId, parsed.qty, values.text), {
        onSuccess: ({ receipt }) => {
          const now =
            receipt.levels.find((l) => l.productId === item.productId)?.level ?? item.level + parsed.qty;
          notifications.show({
            color: 'green',
            message: t('stock.received', { name: item.name, level: level(now) }),
          });
          onDone();
        },
      });
    } else {
      count.mutate(countBody(item.productId, parsed.qty, values.text), {
        onSuccess: ({ adjustment }) => {
          notifications.show({
            color: 'green',
            message: t('stock.countSaved', { name: item.name, level: level(adjustment.counted) }),
          });
          onDone();
        },
      });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" data-testid="current-level">
          {t('stock.current', { level: level(item.level) })}
        </Text>
        <TextInput
          label={t(action === 'receive' ? 'stock.quantity' : 'stock.counted', { unit })}
          inputMode="decimal"
          required
          data-autofocus
          {...form.getInputProps('quantity')}
        />
        <TextInput
          label={t(action === 'receive' ? 'stock.note' : 'stock.reason')}
          required={action === 'count'}
          {...form.getInputProps('text')}
        />
        <ModalActions error={mutation.error} pending={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
