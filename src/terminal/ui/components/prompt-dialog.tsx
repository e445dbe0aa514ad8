import { useState } from 'react';
import { commandFor } from '../keys.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { reduceField, type FieldOptions } from '../state/text-field.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';
import { TextField } from './text-field.js';

export interface PromptDialogProps {
  title: string;
  label: string;
  initial?: string;
  mask?: boolean;
  field?: FieldOptions;
  /** Throws to keep the dialog open with the error shown. */
  onSubmit(value: string): void;
  onCancel(): void;
}

/** One question, one answer: quantity, reason, discount, amount, receipt number. */
export function PromptDialog({
  title,
  label,
  initial = '',
  mask,
  field,
  onSubmit,
  onCancel,
}: PromptDialogProps) {
  const { columns } = useUi();
  const describe = useErrorText();
  const [value, setValue, currentValue] = useSyncState(initial);
  const [error, setError] = useState<string | null>(null);
  useKeys((key) => {
    const command = commandFor(key, ['dialog']);
    if (command === 'dialog.cancel') return onCancel();
    if (command === 'dialog.submit') {
      try {
        onSubmit(currentValue());
      } catch (e) {
        setError(describe(e));
      }
      return;
    }
    setValue((v) => reduceField(v, key, field));
  });
  return (
    <DialogBox title={title} error={error}>
      <TextField label={label} value={value} mask={mask} columns={columns - 4} />
    </DialogBox>
  );
}
