import { useState } from 'react';
import { Box, Text } from 'ink';
import { formatMoney } from '../../../common/money.js';
import type { RefundPreview } from '../../register/refunds.js';
import type { RefundMethod } from '../../sale/refund.js';
import { commandFor } from '../keys.js';
import { quantityText, spread, truncate } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { reduceField } from '../state/text-field.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';
import { TextField } from './text-field.js';

export interface RefundConfirmDialogProps {
  receiptNo: string;
  /** The refund as it would be written with this method. */
  preview(method: RefundMethod): RefundPreview;
  /** Throws to keep the dialog open with the error (no reason, not enough cash in the drawer). */
  onConfirm(choice: { method: RefundMethod; reason: string }): void;
  onCancel(): void;
  rows: number;
}

/** The last look before money leaves: lines, amount, method (Tab: cash or the way it was paid) and a reason. */
export function RefundConfirmDialog({
  receiptNo,
  preview,
  onConfirm,
  onCancel,
  rows,
}: RefundConfirmDialogProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [method, setMethod] = useState<RefundMethod>('original');
  const [reason, setReason, currentReason] = useSyncState('');
  const [error, setError] = useState<string | null>(null);
  const shown = preview(method);
  const inner = columns - 4;
  useKeys((key) => {
    const command = commandFor(key, ['refund', 'dialog']);
    if (command === 'dialog.cancel') return onCancel();
    if (command === 'refund.method') {
      if (shown.choice) setMethod((m) => (m === 'cash' ? 'original' : 'cash'));
      return;
    }
    if (command === 'dialog.submit') {
      try {
        onConfirm({ method, reason: currentReason() });
      } catch (e) {
        setError(describe(e));
      }
      return;
    }
    setError(null);
    setReason((r) => reduceField(r, key));
  });
  const { data } = shown;
  const payments = data.payments
    .map((p) => `${say(lang, `ui.pay.${p.method}`)} ${formatMoney(p.amount)}`)
    .join(' + ');
  const cash = data.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0);
  // Room for the title, total, method, drawer and reason lines and the error.
  const visible = Math.max(1, rows - 8);
  return (
    <DialogBox title={say(lang, 'ui.dialog.refundConfirm', { receiptNo })} error={error}>
      <Box flexDirection="column" height={Math.min(visible, data.lines.length)} overflow="hidden">
        {data.lines.slice(0, visible).map((line, i) => (
          <Text key={i} wrap="truncate">
            {spread(
              truncate(`${shown.names[i] ?? ''}  ${quantityText(line.qty, line.unit, lang)}`, inner - 16),
              formatMoney(line.total),
              inner,
            )}
          </Text>
        ))}
      </Box>
      <Text bold>{spread(say(lang, 'ui.refund.total'), formatMoney(data.total), inner)}</Text>
      <Text wrap="truncate">{say(lang, 'ui.refund.paidBy', { payments })}</Text>
      {cash > 0 ? (
        <Text dimColor wrap="truncate">
          {say(lang, 'ui.refund.drawer', { amount: formatMoney(Math.max(0, shown.drawer)) })}
        </Text>
      ) : null}
      <TextField label={say(lang, 'ui.field.reason')} value={reason} columns={inner} />
    </DialogBox>
  );
}
