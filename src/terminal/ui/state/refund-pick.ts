import { AppError } from '../../../common/errors.js';
import { formatQuantity } from '../../../common/quantity.js';
import type { RefundOption } from '../../register/refunds.js';
import type { RefundSelection } from '../../sale/refund.js';
import { typedQuantity } from '../input.js';
import type { Command, KeyPress } from '../keys.js';
import { reduceList } from './list.js';
import { reduceField } from './text-field.js';

/** The refund dialog: which row is highlighted and the quantity typed (or marked) for each row. */
export interface RefundPickState {
  selected: number;
  /** Row index → quantity as typed; a row without an entry is not refunded. */
  picks: Readonly<Record<number, string>>;
}

export const initialRefundPick: RefundPickState = { selected: 0, picks: {} };

const quantityChars = /[0-9.,]/;

/**
 * Space marks the highlighted row with all that is left of it (or unmarks it); typing digits sets a quantity
 * (`0.5` kg of a weighed line, `1` of three pieces); Backspace edits it, down to unmarked.
 */
export function reduceRefundPick(
  state: RefundPickState,
  key: KeyPress,
  command: Command | null,
  lines: readonly RefundOption[],
  page = 10,
): RefundPickState {
  const line = lines[state.selected];
  const typed = state.picks[state.selected];
  const withPick = (value: string | undefined): RefundPickState => {
    const picks = { ...state.picks };
    if (value === undefined || value === '') delete picks[state.selected];
    else picks[state.selected] = value;
    return { ...state, picks };
  };
  if (command === 'list.toggle') {
    if (!line) return state;
    return withPick(typed === undefined && line.left > 0 ? formatQuantity(line.left) : undefined);
  }
  if (command) return { ...state, selected: reduceList(state.selected, command, lines.length, page) };
  if (!line || (key.name !== 'text' && key.name !== 'backspace')) return state;
  return withPick(reduceField(typed ?? '', key, { accept: quantityChars, maxLength: 12 }));
}

/**
 * What the cashier chose: nothing marked is the whole sale (what is left of it); else the marked rows with their
 * quantities, each at most what is left of that row.
 */
export function refundSelection(state: RefundPickState, lines: readonly RefundOption[]): RefundSelection {
  const chosen = Object.entries(state.picks);
  if (chosen.length === 0) return { whole: true };
  return {
    lines: chosen
      .map(([row, text]) => {
        const line = lines[Number(row)];
        if (!line) throw new AppError('LINE_NOT_FOUND', { params: { line: Number(row) + 1 } });
        const qty = typedQuantity(text);
        if (qty > line.left) {
          throw new AppError('REFUND_OVER_SOLD', {
            params: { name: line.name, left: formatQuantity(line.left) },
          });
        }
        return { lineIndex: line.lineIndex, qty };
      })
      .sort((a, b) => a.lineIndex - b.lineIndex),
  };
}
