import { useState } from 'react';
import { Box, Text } from 'ink';
import type { RefundOption } from '../../register/refunds.js';
import type { RefundSelection } from '../../sale/refund.js';
import { commandFor } from '../keys.js';
import { quantityText, scrollTop, truncate } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { initialRefundPick, reduceRefundPick, refundSelection } from '../state/refund-pick.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';

export interface RefundDialogProps {
  receiptNo: string;
  lines: readonly RefundOption[];
  /** Throws to keep the dialog open with the error shown. */
  onRefund(selection: RefundSelection): void;
  onCancel(): void;
  rows: number;
}

/** The lines of an earlier sale with what is left of each; the cashier marks rows or types quantities. */
export function RefundDialog({ receiptNo, lines, onRefund, onCancel, rows }: RefundDialogProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [state, setState] = useState(initialRefundPick);
  const [error, setError] = useState<string | null>(null);
  const visible = Math.max(1, rows - 5);
  useKeys((key) => {
    const command = commandFor(key, ['list', 'dialog']);
    if (command === 'dialog.cancel') return onCancel();
    if (command === 'list.choose') {
      try {
        onRefund(refundSelection(state, lines));
      } catch (e) {
        setError(describe(e));
      }
      return;
    }
    setError(null);
    setState((s) => reduceRefundPick(s, key, command, lines, visible));
  });
  const top = scrollTop(state.selected, lines.length, visible, state.selected - visible + 1);
  return (
    <DialogBox title={say(lang, 'ui.dialog.refundLines', { receiptNo })} error={error}>
      <Text dimColor wrap="truncate">
        {truncate(say(lang, 'ui.dialog.refundHint'), columns - 4)}
      </Text>
      <Box flexDirection="column" height={visible} overflow="hidden">
        {lines.slice(top, top + visible).map((line, i) => {
          const index = top + i;
          const pick = state.picks[index];
          const left = say(lang, 'ui.dialog.refundLeft', {
            // The unit once, after what was sold: `2 / 3 dona`, `0,750 / 1,250 kg`.
            left: quantityText(line.left, null, lang),
            sold: quantityText(line.sold, line.unit, lang),
          });
          const text = `[${pick ?? ' '}] ${line.lineIndex + 1}. ${line.name}  ${left}`;
          return (
            <Text key={index} inverse={index === state.selected} wrap="truncate">
              {truncate(text, columns - 4)}
            </Text>
          );
        })}
      </Box>
    </DialogBox>
  );
}
