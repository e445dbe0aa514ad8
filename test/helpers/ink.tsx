import { render } from 'ink-testing-library';
import { App } from '../../src/terminal/ui/app.js';
import { createSyncMonitor, type SyncMonitor } from '../../src/terminal/ui/sync-monitor.js';
import type { OfflineRegister } from './register.js';

/** What a terminal sends for the keys the register uses (xterm). */
export const keys = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  backspace: '\x7f',
  f2: '\x1bOQ',
  f3: '\x1bOR',
  f4: '\x1bOS',
  f5: '\x1b[15~',
  f6: '\x1b[17~',
  f7: '\x1b[18~',
  f8: '\x1b[19~',
  f9: '\x1b[20~',
  f12: '\x1b[24~',
  ctrl: (letter: string) => String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96),
} as const;

export interface RunningApp {
  frame(): string;
  /** Sends input as a terminal would, then lets Ink process it. */
  send(...chunks: string[]): Promise<void>;
  /** Waits until the screen shows `text` (or the predicate holds); fails with the last frame. */
  waitFor(expected: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  monitor: SyncMonitor;
  errors: unknown[];
  /** How many times the register asked to close (Ctrl+Q, Ctrl+C). */
  quits(): number;
  unmount(): void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The register's App at 80×24 on an offline register (no background sync). */
export async function startApp(r: OfflineRegister, size = { columns: 80, rows: 24 }): Promise<RunningApp> {
  const monitor = createSyncMonitor(r.ctx, { background: false });
  const errors: unknown[] = [];
  let quits = 0;
  const app = render(
    <App
      ctx={r.ctx}
      monitor={monitor}
      onQuit={() => quits++}
      logError={(error) => errors.push(error)}
      size={size}
    />,
  );
  const frame = () => app.lastFrame() ?? '';
  const running: RunningApp = {
    frame,
    monitor,
    errors,
    quits: () => quits,
    unmount: () => app.unmount(),
    async send(...chunks) {
      for (const chunk of chunks) {
        app.stdin.write(chunk);
        // A lone Esc is told apart from an escape sequence on the next tick.
        await pause(chunk === keys.escape ? 30 : 10);
      }
    },
    async waitFor(expected, timeoutMs = 5000) {
      const test = typeof expected === 'string' ? (f: string) => f.includes(expected) : expected;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (test(current)) {
          // A screen or dialog that just appeared subscribes to keys in an effect after it is drawn.
          await pause(20);
          return current;
        }
        if (Date.now() > deadline) {
          throw new Error(`screen never showed ${String(expected)}; last frame:\n${current}`);
        }
        await pause(10);
      }
    },
  };
  await running.waitFor('PIN');
  // The key handler subscribes in an effect after the first render.
  await pause(20);
  return running;
}

/** Logs in with the register's PIN and opens a shift with 100 000 so‘m, landing on the sale screen. */
export async function startSelling(r: OfflineRegister, size?: { columns: number; rows: number }) {
  const app = await startApp(r, size);
  await app.send(r.pin, keys.enter);
  await app.waitFor('Smena ochish');
  await app.send('100000', keys.enter);
  await app.waitFor('JAMI');
  return app;
}
