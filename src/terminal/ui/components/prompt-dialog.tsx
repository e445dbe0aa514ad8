import { useState } from 'react';
import { Text } from 'ink';
import { commandFor } from '../keys.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { reduceField, type FieldOptions } from '../state/text-field.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';
import { TextField } from './text-field.js';

export interface PromptDialogProps {
  title: string;
  label: string;
  initial?: string;
  mask?: boolean;
  field?: FieldOptions;
  /** Answers chosen with a digit while the field is empty (preset reasons); typed text is the other way. */
  presets?: readonly string[];
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
  presets = [],
  onSubmit,
  onCancel,
}: PromptDialogProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [value, setValue, currentValue] = useSyncState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (answer: string) => {
    try {
      onSubmit(answer);
    } catch (e) {
      setError(describe(e));
    }
  };
  useKeys((key) => {
    const command = commandFor(key, ['dialog']);
    if (command === 'dialog.cancel') return onCancel();
    if (command === 'dialog.submit') return submit(currentValue());
    const preset = key.name === 'text' && currentValue() === '' ? presets[Number(key.text) - 1] : undefined;
    if (preset !== undefined && /^[1-9]$/.test(key.text)) return submit(preset);
    setValue((v) => reduceField(v, key, field));
  });
  return (
    <DialogBox title={title} error={error}>
      {presets.map((preset, i) => (
        <Text key={i} wrap="truncate">{`${i + 1}  ${preset}`}</Text>
      ))}
      {presets.length > 0 ? <Text dimColor>{say(lang, 'ui.reason.hint')}</Text> : null}
      <TextField label={label} value={value} mask={mask} columns={columns - 4} />
    </DialogBox>
  );
}
