import { useState } from 'react';
import { Text } from 'ink';
import type { Cashier } from '../../register/cashier.js';
import { commandFor } from '../keys.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { digits, reduceField } from '../state/text-field.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';
import { TextField } from './text-field.js';

export interface ApproveDialogProps {
  title: string;
  /** Checks the PIN offline; rejects with APPROVAL_REFUSED for anyone but an active supervisor. */
  check(pin: string): Promise<Cashier>;
  /** Does the act; throws to keep the dialog open with the error (the drawer may not hold the cash). */
  onApproved(supervisor: Cashier): void;
  onCancel(): void;
}

/** A supervisor types their PIN on the cashier's screen; the act waits until it is checked. */
export function ApproveDialog({ title, check, onApproved, onCancel }: ApproveDialogProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [pin, setPin, currentPin] = useSyncState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { discardTypedAhead } = useKeys(
    (key) => {
      const command = commandFor(key, ['dialog']);
      if (command === 'dialog.cancel') return onCancel();
      if (command === 'dialog.submit') {
        const typed = currentPin();
        if (!typed) return;
        setChecking(true);
        check(typed)
          .then(onApproved)
          .catch((e: unknown) => {
            discardTypedAhead();
            setChecking(false);
            setPin('');
            setError(describe(e));
          });
        return;
      }
      setPin((p) => reduceField(p, key, { accept: digits, maxLength: 12 }));
    },
    { isActive: !checking },
  );
  return (
    <DialogBox title={title} error={error}>
      <TextField label={say(lang, 'ui.field.supervisorPin')} value={pin} mask columns={columns - 4} />
      {checking ? <Text dimColor>{say(lang, 'ui.login.checking')}</Text> : null}
    </DialogBox>
  );
}
