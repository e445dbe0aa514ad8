import { useState } from 'react';
import { Box, Text } from 'ink';
import { commandFor } from '../keys.js';
import { scrollTop, truncate } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { reduceList } from '../state/list.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';

export interface ListDialogProps {
  title: string;
  items: readonly string[];
  /** Throws to keep the dialog open with the error shown. */
  onChoose(index: number): void;
  onCancel(): void;
  rows: number;
  /** Items are numbered: a digit chooses one at once (preset reasons, yes/no questions). */
  digits?: boolean;
}

export function ListDialog({ title, items, onChoose, onCancel, rows, digits = false }: ListDialogProps) {
  const { columns } = useUi();
  const describe = useErrorText();
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const visible = Math.max(1, rows - 4);
  useKeys((key) => {
    const command = commandFor(key, ['list', 'dialog']);
    if (command === 'dialog.cancel') return onCancel();
    const digit = digits && key.name === 'text' && /^[1-9]$/.test(key.text) ? Number(key.text) - 1 : -1;
    if (command === 'list.choose' || (digit >= 0 && digit < items.length)) {
      try {
        onChoose(digit >= 0 ? digit : selected);
      } catch (e) {
        setError(describe(e));
      }
      return;
    }
    if (command) setSelected((s) => reduceList(s, command, items.length, visible));
  });
  const top = scrollTop(selected, items.length, visible, selected - visible + 1);
  return (
    <DialogBox title={title} error={error}>
      <Box flexDirection="column" height={visible} overflow="hidden">
        {items.slice(top, top + visible).map((item, i) => {
          const index = top + i;
          return (
            <Text key={index} inverse={index === selected} wrap="truncate">
              {truncate(item, columns - 4)}
            </Text>
          );
        })}
      </Box>
    </DialogBox>
  );
}
