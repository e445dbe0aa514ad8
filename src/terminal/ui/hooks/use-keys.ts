import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { createKeyRouter, type KeyRouter } from '../key-router.js';
import type { KeyPress } from '../keys.js';
import { useUi } from '../ui-context.js';

/** The app's one input queue (see key-router.ts); components drawn alone in tests get their own. */
export const KeyRouterContext = createContext<KeyRouter | null>(null);

/** Connects a router to Ink's input for as long as the component lives. */
export function useInkKeyRouter(): KeyRouter {
  const { internal_eventEmitter: events } = useStdin();
  const router = useRef<KeyRouter | null>(null);
  router.current ??= createKeyRouter({ holdUnheard: true });
  useLayoutEffect(() => {
    const feed = (raw: string) => router.current!.feed(raw);
    events.on('input', feed);
    return () => {
      events.removeListener('input', feed);
    };
  }, [events]);
  return router.current;
}

/**
 * The one key handler of a screen or dialog, like Ink's useInput but with F-keys (useInput reports them as empty
 * input). Switched off with `isActive`: an open dialog takes the keys, the screen under it gets none. It
 * subscribes in a layout effect, during the render a key caused, so the very next key already reaches it.
 * While a handler is switched off to check a PIN, the keys typed meanwhile wait for whoever listens next (the
 * sale screen after a good PIN); `discardTypedAhead` forgets them when the check fails.
 */
export function useKeys(
  handler: (key: KeyPress) => void,
  options: { isActive?: boolean } = {},
): { discardTypedAhead(): void } {
  const { setRawMode, isRawModeSupported } = useStdin();
  const isActive = options.isActive ?? true;
  const shared = useContext(KeyRouterContext);
  const own = useRef<KeyRouter | null>(null);
  // Only when drawn outside App (a component on its own in a test): a router of its own on Ink's input.
  const { internal_eventEmitter: events } = useStdin();
  if (!shared) own.current ??= createKeyRouter();
  const router = shared ?? own.current!;
  // The latest handler without resubscribing on every render (it closes over the current state).
  const latest = useRef(handler);
  latest.current = handler;
  const settings = useUi();
  const ui = useRef(settings);
  ui.current = settings;

  useLayoutEffect(() => {
    if (shared) return;
    const feed = (raw: string) => router.feed(raw);
    events.on('input', feed);
    return () => {
      events.removeListener('input', feed);
    };
  }, [shared, router, events]);

  useLayoutEffect(() => {
    if (!isActive) return;
    if (isRawModeSupported) setRawMode(true);
    const unsubscribe = router.subscribe((key) => {
      if (ui.current.inputBlocked) return;
      ui.current.clearFault?.();
      // A handler's error must not escape into Ink's input loop, which would stop the register.
      try {
        latest.current(key);
      } catch (error) {
        ui.current.reportError?.(error);
      }
    });
    return () => {
      unsubscribe();
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isActive, router, setRawMode, isRawModeSupported]);
  return { discardTypedAhead: () => router.discardQueued() };
}
