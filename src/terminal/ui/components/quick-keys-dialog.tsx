import { Box, Text } from 'ink';
import { formatMoney } from '../../../common/money.js';
import type { QuickKey } from '../../register/quick-keys.js';
import type { LocalProduct } from '../../store/queries/catalog.js';
import { commandFor } from '../keys.js';
import { padEnd, truncate } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { say } from '../text.js';
import { useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';

export interface QuickKeysDialogProps {
  grid: readonly QuickKey[];
  onChoose(product: LocalProduct): void;
  onCancel(): void;
}

/** Two columns of up to ten cells, each with its key; a key of an empty cell does nothing. */
export function QuickKeysDialog({ grid, onChoose, onCancel }: QuickKeysDialogProps) {
  const { lang, columns } = useUi();
  useKeys((key) => {
    if (commandFor(key, ['dialog']) === 'dialog.cancel') return onCancel();
    if (key.name !== 'text') return;
    const cell = grid.find((c) => c.label === key.text.toLowerCase());
    if (cell?.product) onChoose(cell.product);
  });
  const half = Math.floor((columns - 4) / 2);
  const cell = (c: QuickKey | undefined) =>
    c
      ? padEnd(
          truncate(
            `${c.label}  ${c.product ? `${c.product.name}  ${formatMoney(c.product.price)}` : '—'}`,
            half - 1,
          ),
          half,
        )
      : '';
  const left = grid.slice(0, 10);
  const right = grid.slice(10);
  return (
    <DialogBox title={say(lang, 'ui.dialog.quickKeys')}>
      <Box flexDirection="column">
        {left.map((c, i) => (
          <Text key={c.label}>{cell(c) + cell(right[i])}</Text>
        ))}
      </Box>
    </DialogBox>
  );
}
