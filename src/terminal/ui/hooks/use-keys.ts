import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { parseKeys, type KeyPress } from '../keys.js';
import { useUi } from '../ui-context.js';

/**
 * The one key handler of a screen or dialog, like Ink's useInput but with F-keys (useInput reports them as empty
 * input). Switched off with `isActive`: an open dialog takes the keys, the screen under it gets none.
 */
export function useKeys(handler: (key: KeyPress) => void, options: { isActive?: boolean } = {}): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const isActive = options.isActive ?? true;
  // The latest handler without resubscribing on every render (it closes over the current state).
  const latest = useRef(handler);
  latest.current = handler;
  const settings = useUi();
  const ui = useRef(settings);
  ui.current = settings;

  useEffect(() => {
    if (!isActive) return;
    if (isRawModeSupported) setRawMode(true);
    const onInput = (raw: string) => {
      if (ui.current.inputBlocked) return;
      for (const key of parseKeys(raw)) {
        ui.current.clearFault?.();
        // A handler's error must not escape into Ink's input loop, which would stop the register.
        try {
          latest.current(key);
        } catch (error) {
          ui.current.reportError?.(error);
        }
      }
    };
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isActive, events, setRawMode, isRawModeSupported]);
}
