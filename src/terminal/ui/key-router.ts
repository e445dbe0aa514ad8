import { parseKeys, type KeyPress } from './keys.js';

export type KeyHandler = (key: KeyPress) => void;

export interface KeyRouter {
  /** One input event from the terminal (Ink has already cut it at escape sequences). */
  feed(raw: string): void;
  subscribe(handler: KeyHandler): () => void;
  /** Forgets the keys not yet handed out (typed ahead of a PIN check that failed: they were for what follows it). */
  discardQueued(): void;
}

/**
 * The register's one input queue. Every key goes through it in the order typed, and each key is handed to the
 * handlers subscribed *when its turn comes*. After a key, the next one waits a turn of the event loop: React
 * commits the render the key caused in a microtask, and a dialog it opened subscribes in a layout effect of that
 * commit, so the next key — Enter after F12, `bod` after F2 — reaches the dialog, never the screen under it.
 */
/**
 * Runs `then` once the render a key caused is committed. Ink's reconciler has no microtask support, so React
 * schedules a sync update through its scheduler (setImmediate in Node) in two hops: one to process the root
 * schedule, one to render and commit. Three turns of the check phase are after both.
 */
function afterRender(then: () => void, turns = 3): void {
  setImmediate(() => (turns > 1 ? afterRender(then, turns - 1) : then()));
}

export interface KeyRouterOptions {
  /**
   * Keys that come while no handler listens wait for the next one to subscribe, instead of being dropped: the
   * app's router, where nobody listens only while a PIN is checked (the scan typed right after the PIN's Enter
   * belongs to the sale). A component drawn alone with a router of its own leaves it off: its keys are for it
   * alone, and an inactive component must not get them later.
   */
  holdUnheard?: boolean;
}

export function createKeyRouter(options: KeyRouterOptions = {}): KeyRouter {
  const handlers = new Set<KeyHandler>();
  const queue: KeyPress[] = [];
  // True from a key's handling until the render it caused is committed; keys arriving meanwhile wait in the queue.
  let busy = false;
  const drain = () => {
    const key = queue[0];
    if (!key || (handlers.size === 0 && options.holdUnheard)) {
      busy = false;
      return;
    }
    queue.shift();
    busy = true;
    try {
      for (const handler of [...handlers]) handler(key);
    } finally {
      afterRender(drain);
    }
  };
  return {
    feed(raw) {
      queue.push(...parseKeys(raw));
      // A key into an idle queue is handled at once: a single key press costs no extra turn.
      if (!busy) drain();
    },
    subscribe(handler) {
      handlers.add(handler);
      // Keys held while nobody listened go on once the render that subscribed this handler is committed.
      if (!busy && queue.length > 0) {
        busy = true;
        afterRender(drain);
      }
      return () => handlers.delete(handler);
    },
    discardQueued() {
      queue.length = 0;
    },
  };
}
