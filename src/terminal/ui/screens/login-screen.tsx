import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Cashier } from '../../register/cashier.js';
import { commandFor } from '../keys.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { digits, reduceField } from '../state/text-field.js';
import type { Notice } from '../state/sale-session.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { ScreenFrame } from '../components/screen-frame.js';
import { TextField } from '../components/text-field.js';

export interface LoginScreenProps {
  /** Checks the PIN against the pulled cashiers (offline); rejects with WRONG_PIN or NO_CASHIERS. */
  login(pin: string): Promise<Cashier>;
  onLoggedIn(cashier: Cashier): void;
  onQuit(): void;
  notice?: Notice | null;
  /** A line under the PIN field (the demo's PIN and panel address). */
  hint?: string | null;
}

export function LoginScreen({ login, onLoggedIn, onQuit, notice = null, hint = null }: LoginScreenProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [pin, setPin, currentPin] = useSyncState('');
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<Notice | null>(notice);
  const { discardTypedAhead } = useKeys(
    (key) => {
      const command = commandFor(key, ['login']);
      if (command === 'app.quit') return onQuit();
      if (command === 'login.submit') {
        const typed = currentPin();
        if (!typed) return;
        setChecking(true);
        login(typed).then(onLoggedIn, (error: unknown) => {
          // What was typed after a wrong PIN's Enter was meant for the sale, not for the PIN field.
          discardTypedAhead();
          setChecking(false);
          setPin('');
          setMessage({ kind: 'error', text: describe(error) });
        });
        return;
      }
      setPin((p) => reduceField(p, key, { accept: digits, maxLength: 12 }));
    },
    { isActive: !checking },
  );
  return (
    <ScreenFrame scopes={['login']} notice={message}>
      <Box flexDirection="column" paddingTop={2} paddingLeft={2}>
        <Text bold>{say(lang, 'ui.login.title')}</Text>
        <TextField label="PIN" value={pin} mask columns={columns - 4} />
        {checking ? <Text dimColor>{say(lang, 'ui.login.checking')}</Text> : null}
        {hint ? (
          <Box marginTop={1}>
            <Text color="cyan" wrap="wrap">
              {hint}
            </Text>
          </Box>
        ) : null}
      </Box>
    </ScreenFrame>
  );
}
