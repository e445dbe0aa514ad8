import { useState } from 'react';
import { Box, useStdout } from 'ink';
import { AppError } from '../../../common/errors.js';
import type { Cashier } from '../../register/cashier.js';
import type { RegisterContext } from '../../register/context.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { useSaleSession } from '../hooks/use-sale-session.js';
import { dialogScopes, type SaleDialog } from '../state/sale-dialog.js';
import { reduceField } from '../state/text-field.js';
import { say } from '../text.js';
import { bodyRows, useErrorText, useUi } from '../ui-context.js';
import { CartView } from '../components/cart-view.js';
import { LastItemLine } from '../components/last-item-line.js';
import { SaleDialogView } from '../components/sale-dialogs.js';
import { ScreenFrame } from '../components/screen-frame.js';
import { TextField } from '../components/text-field.js';
import { useSaleCommands } from './sale-commands.js';

export interface SaleScreenProps {
  ctx: RegisterContext;
  cashier: Cashier;
  /** After a sale, refund, cash move or shift close: refresh the status bar and nudge the sync. */
  onCommitted(): void;
  onLogout(): void;
  /** Closes pos; an open sale is parked or cancelled first. */
  onQuit(): void;
}

/** The scan field and the cart; the commands are in sale-commands.ts, the dialogs in sale-dialogs.tsx. */
export function SaleScreen({ ctx, cashier, onCommitted, onLogout, onQuit }: SaleScreenProps) {
  const { lang, columns, rows } = useUi();
  const { write } = useStdout();
  const describe = useErrorText();
  const session = useSaleSession({ ctx, cashier, onCommitted });
  const { state } = session;
  const [scan, setScan, currentScan] = useSyncState('');
  // Tenders entered before a crash: the sale comes back at the pay dialog, where it was.
  const [dialog, setDialog] = useState<SaleDialog | null>(() =>
    session.restoredTenders.length > 0 ? { kind: 'pay' } : null,
  );
  const showError = (error: unknown) => session.notify({ kind: 'error', text: describe(error) });

  useSaleCommands(
    {
      ctx,
      lang,
      columns,
      session,
      open: setDialog,
      onLogout,
      onQuit,
      submitScan() {
        const typed = currentScan();
        if (!typed.trim()) return;
        setScan('');
        try {
          session.scan(typed);
        } catch (error) {
          if (error instanceof AppError && error.code === 'WEIGHT_REQUIRED') {
            const { code } = error.details as { code: string };
            return setDialog({ kind: 'prompt', purpose: 'weight', code, name: String(error.params.name) });
          }
          // The cashier is looking at the customer, not the screen: an unknown code is heard.
          if (error instanceof AppError && error.code === 'UNKNOWN_BARCODE') write('\x07');
          throw error;
        }
      },
    },
    {
      isActive: dialog === null,
      onOtherKey: (key) => setScan((s) => reduceField(s, key)),
      onError: showError,
    },
  );

  return (
    <ScreenFrame scopes={dialog ? dialogScopes[dialog.kind] : ['sale']} notice={state.notice}>
      {dialog ? (
        <SaleDialogView
          dialog={dialog}
          ctx={ctx}
          session={session}
          open={setDialog}
          close={() => setDialog(null)}
          onCommitted={onCommitted}
          onLogout={onLogout}
          onQuit={onQuit}
        />
      ) : (
        <Box flexDirection="column">
          <TextField label={say(lang, 'ui.sale.scan')} value={scan} columns={columns} />
          <LastItemLine item={state.lastItem} />
          <CartView
            cart={state.cart}
            selected={state.selected}
            rows={bodyRows(rows) - 2}
            parked={state.parked.length}
          />
        </Box>
      )}
    </ScreenFrame>
  );
}
