import { useCallback, useEffect, useRef, useState } from 'react';
import { openFiscalShift, readFiscalConfig } from '../fiscal/service.js';
import { AppError } from '../../common/errors.js';
import { recordAct } from '../register/audit.js';
import {
  afterWrongPin,
  assertPinOpen,
  openPinGuard,
  PIN_ATTEMPTS,
  type PinGuard,
} from '../register/pin-guard.js';
import { Box, Text, useStdin } from 'ink';
import { loginCashier, logoutCashier, type Cashier } from '../register/cashier.js';
import type { RegisterContext } from '../register/context.js';
import { currentShift, openShift } from '../register/shift.js';
import { typedMoney } from './input.js';
import { fiscalWarning, StatusBar } from './components/status-bar.js';
import { KeyRouterContext, useInkKeyRouter } from './hooks/use-keys.js';
import { useSyncStatus } from './hooks/use-sync-status.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { LoginScreen } from './screens/login-screen.js';
import { OpenShiftScreen } from './screens/open-shift-screen.js';
import { SaleScreen } from './screens/sale-screen.js';
import type { SyncMonitor } from './sync-monitor.js';
import { UiContext } from './ui-context.js';
import { errorText, isExpected, say } from './text.js';
import { ErrorBoundary } from './components/error-boundary.js';

const noop = () => {};

/** The smallest terminal the register is drawn for (DESIGN.md: 80×24). */
const MIN_COLUMNS = 80;
const MIN_ROWS = 24;

type Screen =
  { kind: 'login' } | { kind: 'openShift'; cashier: Cashier } | { kind: 'sale'; cashier: Cashier };

export interface AppProps {
  ctx: RegisterContext;
  monitor: SyncMonitor;
  onQuit(): void;
  /** Called once the first screen is on the terminal (startup time is measured to here). */
  onReady?(): void;
  /** Unexpected errors (bugs) go here; the cashier sees "details in pos.log". */
  logError?(error: unknown): void;
  /** `posapp demo`'s register: the PIN and the panel's address on the PIN screen. */
  demo?: { pin: string; panelUrl: string };
  /** Fixed size for tests; else the terminal's, following resizes. */
  size?: { columns: number; rows: number };
}

/** The register: PIN login → open shift (when none is open) → selling; the screen is state. */
export function App({ ctx, monitor, onQuit, onReady, logError = noop, size, demo }: AppProps) {
  const terminal = useTerminalSize();
  const { columns } = size ?? terminal;
  // One row short of the terminal: Ink clears and redraws the whole screen on every change once the output
  // fills it, which flickers on a Linux console; one row less keeps redraws incremental.
  const rows = (size ?? terminal).rows - 1;
  const sync = useSyncStatus(monitor);
  const [screen, setScreen] = useState<Screen>({ kind: 'login' });
  const { setRawMode, isRawModeSupported } = useStdin();
  const keyRouter = useInkKeyRouter();
  const [fault, setFault] = useState<string | null>(null);
  const reportError = useCallback(
    (error: unknown) => {
      if (!isExpected(error)) logError(error);
      setFault(errorText(ctx.lang, error));
    },
    [ctx.lang, logError],
  );
  const clearFault = useCallback(() => setFault(null), []);

  // Raw mode for the app's whole life, so switching between screens and dialogs never drops a keystroke.
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode, isRawModeSupported]);

  useEffect(() => onReady?.(), [onReady]);

  // Kept here, not in the PIN screen: logging out and back does not reset the count of wrong PINs.
  const pinGuard = useRef<PinGuard>(openPinGuard);
  const login = async (pin: string) => {
    assertPinOpen(pinGuard.current, Date.now());
    try {
      const who = await loginCashier(ctx, pin);
      pinGuard.current = openPinGuard;
      return who;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'WRONG_PIN') throw error;
      const next = afterWrongPin(pinGuard.current, Date.now());
      pinGuard.current = next;
      recordAct(ctx, null, {
        kind: 'pin.failed',
        attempts: next.locked ? PIN_ATTEMPTS : next.failures,
        locked: next.locked,
      });
      if (next.locked) assertPinOpen(next, Date.now());
      throw error;
    }
  };

  const cashier = screen.kind === 'login' ? null : screen.cashier;
  const toWork = (who: Cashier) =>
    setScreen(currentShift(ctx) ? { kind: 'sale', cashier: who } : { kind: 'openShift', cashier: who });
  const logout = () => {
    logoutCashier(ctx);
    setScreen({ kind: 'login' });
  };

  // Below 80×24 the cart and the help line do not fit: the screens stay mounted (the sale is kept) but hidden, and
  // take no keys, so nothing is typed into a sale the cashier cannot see.
  const tooSmall = columns < MIN_COLUMNS || rows + 1 < MIN_ROWS;

  return (
    <KeyRouterContext.Provider value={keyRouter}>
      <UiContext.Provider
        value={{
          lang: ctx.lang,
          columns,
          rows,
          logError,
          fault,
          reportError,
          clearFault,
          inputBlocked: tooSmall,
          fiscalWarning: fiscalWarning(ctx.lang, sync.fiscal),
        }}
      >
        {tooSmall ? (
          <Box flexDirection="column" width={columns}>
            <Text bold color="yellow" wrap="wrap">
              {say(ctx.lang, 'ui.tooSmall.title')}
            </Text>
            <Text wrap="wrap">
              {say(ctx.lang, 'ui.tooSmall.size', {
                need: `${MIN_COLUMNS}×${MIN_ROWS}`,
                now: `${columns}×${rows + 1}`,
              })}
            </Text>
          </Box>
        ) : null}
        <Box flexDirection="column" width={columns} height={rows} display={tooSmall ? 'none' : 'flex'}>
          <StatusBar
            store={ctx.identity.storeName}
            device={ctx.identity.deviceName}
            cashier={cashier?.name ?? null}
            sync={sync}
            now={new Date()}
          />
          <ErrorBoundary
            onError={reportError}
            fallback={<Text color="red">{say(ctx.lang, 'ui.error.unexpected')}</Text>}
          >
            {screen.kind === 'login' ? (
              <LoginScreen
                login={login}
                onLoggedIn={toWork}
                onQuit={onQuit}
                hint={demo ? say(ctx.lang, 'ui.login.demo', { pin: demo.pin, panel: demo.panelUrl }) : null}
              />
            ) : screen.kind === 'openShift' ? (
              <OpenShiftScreen
                cashier={screen.cashier}
                openShift={(typed) => {
                  openShift(ctx, screen.cashier, typedMoney(typed));
                  // The FM shift opens with the register's; a sale before it is refused by the preflight with a message.
                  if (readFiscalConfig(ctx)) void openFiscalShift(ctx).catch(() => undefined);
                  monitor.nudge();
                  setScreen({ kind: 'sale', cashier: screen.cashier });
                }}
                onCancel={logout}
              />
            ) : (
              <SaleScreen
                key={screen.cashier.id}
                ctx={ctx}
                cashier={screen.cashier}
                onCommitted={monitor.nudge}
                onLogout={logout}
                onQuit={onQuit}
              />
            )}
          </ErrorBoundary>
        </Box>
      </UiContext.Provider>
    </KeyRouterContext.Provider>
  );
}
