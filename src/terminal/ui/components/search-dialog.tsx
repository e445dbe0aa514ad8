import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { formatQuantity } from '../../../common/quantity.js';
import type { SearchHit } from '../../register/selling.js';
import { commandFor } from '../keys.js';
import { amount, padEnd, padStart, scrollTop } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { reduceList } from '../state/list.js';
import { reduceField } from '../state/text-field.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';
import { TextField } from './text-field.js';

export interface SearchDialogProps {
  /** Looks names up as the cashier types (an indexed query, never the whole catalog in memory). */
  search(text: string): SearchHit[];
  /** Throws to keep the dialog open with the error shown. */
  onChoose(hit: SearchHit): void;
  onCancel(): void;
  rows: number;
}

export function SearchDialog({ search, onChoose, onCancel, rows }: SearchDialogProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [text, setText, currentText] = useSyncState('');
  const [selected, setSelected, currentSelected] = useSyncState(0);
  const [error, setError] = useState<string | null>(null);
  const hits = useMemo(() => search(text), [search, text]);
  const visible = Math.max(1, rows - 5);
  useKeys((key) => {
    const command = commandFor(key, ['list', 'dialog']);
    if (command === 'dialog.cancel') return onCancel();
    if (command === 'list.choose') {
      const hit = search(currentText())[currentSelected()];
      if (!hit) return;
      try {
        onChoose(hit);
      } catch (e) {
        setError(describe(e));
      }
      return;
    }
    if (
      command === 'list.up' ||
      command === 'list.down' ||
      command === 'list.pageUp' ||
      command === 'list.pageDown'
    ) {
      setSelected((s) => reduceList(s, command, hits.length, visible));
      return;
    }
    setText((t) => reduceField(t, key));
    setSelected(0);
    setError(null);
  });
  const inner = columns - 4;
  const top = scrollTop(selected, hits.length, visible, selected - visible + 1);
  return (
    <DialogBox title={say(lang, 'ui.dialog.search')} error={error}>
      <TextField label={say(lang, 'ui.key.search')} value={text} columns={inner} />
      <Box flexDirection="column" height={visible} overflow="hidden">
        {text.trim() !== '' && hits.length === 0 ? (
          <Text dimColor>{say(lang, 'ui.dialog.noHits')}</Text>
        ) : null}
        {hits.slice(top, top + visible).map((hit, i) => {
          const stock =
            hit.stock === null ? '' : say(lang, 'ui.dialog.stock', { stock: formatQuantity(hit.stock) });
          return (
            <Text key={hit.id} inverse={top + i === selected} wrap="truncate">
              {padEnd(hit.name, inner - 34)} {padStart(amount(hit.price), 12)} {padStart(stock, 20)}
            </Text>
          );
        })}
      </Box>
    </DialogBox>
  );
}
