import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../../src/terminal/ui/app.js';
import { createSyncMonitor, type SyncMonitor } from '../../src/terminal/ui/sync-monitor.js';
import { offlineRegisterPerTest, type offlineRegister, type OfflineRegister } from './register.js';

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

export interface RunningApp extends Drawn {
  monitor: SyncMonitor;
  errors: unknown[];
  /** How many times the register asked to close (Ctrl+Q, Ctrl+C). */
  quits(): number;
}

/** Resolves after `count` turns of the event loop's check phase. */
export function turns(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)));
    step(count);
  });
}

/*
 * Everything between a key and its frame runs in turns of the check phase, never on a timer: Ink tells a lone Esc
 * from an escape sequence one turn later, the register's key router hands over the next key three turns after the
 * previous one, and React renders and commits in two more. So after input the helper waits until a few turns pass
 * without a new frame, and it waits for text by waking on each frame written, never by sleeping.
 */
const QUIET_TURNS = 6;

/** Ink's test stdout, told to wake whoever waits for the next frame. */
function watchFrames(stdout: { write: (frame: string) => void }) {
  let written = 0;
  let wake: Array<() => void> = [];
  const write = stdout.write;
  stdout.write = (frame: string) => {
    write(frame);
    written++;
    const woken = wake;
    wake = [];
    for (const resolve of woken) resolve();
  };
  return {
    written: () => written,
    /** Resolves on the next frame, or after `ms` without one. */
    next(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    /** Resolves once QUIET_TURNS turns pass without a new frame. */
    async quiet(): Promise<void> {
      for (let seen = written, quietTurns = 0; quietTurns < QUIET_TURNS;) {
        await turns(1);
        if (written === seen) quietTurns++;
        else [seen, quietTurns] = [written, 0];
      }
    },
  };
}

/** A tree drawn by Ink's test renderer, with keys and waits that follow its frames. */
export interface Drawn {
  frame(): string;
  /** Sends input as a terminal would, each chunk once what the previous one caused is drawn. */
  send(...chunks: string[]): Promise<void>;
  /** Waits until the screen shows `text` (or the predicate holds); fails with the last frame. */
  waitFor(expected: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Draws a new tree in place (a resized terminal), once it is drawn. */
  rerender(tree: ReactElement): Promise<void>;
  unmount(): void;
}

const drawn = new Set<Drawn>();

export async function draw(tree: ReactElement): Promise<Drawn> {
  const app = render(tree);
  const frames = watchFrames(app.stdout);
  const frame = () => app.lastFrame() ?? '';
  const view: Drawn = {
    frame,
    async send(...chunks) {
      for (const chunk of chunks) {
        app.stdin.write(chunk);
        await frames.quiet();
      }
    },
    async waitFor(expected, timeoutMs = 5000) {
      const test = typeof expected === 'string' ? (f: string) => f.includes(expected) : expected;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (test(current)) {
          // A screen or dialog that just appeared subscribes to keys in an effect after it is drawn.
          await frames.quiet();
          return frame();
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`screen never showed ${String(expected)}; last frame:\n${current}`);
        await frames.next(left);
      }
    },
    async rerender(next) {
      app.rerender(next);
      await frames.quiet();
    },
    unmount() {
      drawn.delete(view);
      app.unmount();
    },
  };
  drawn.add(view);
  await frames.quiet();
  return view;
}

/** The register's App at 80×24 on an offline register (no background sync). */
export async function startApp(
  r: OfflineRegister,
  options: { size?: { columns: number; rows: number }; demo?: { pin: string; panelUrl: string } } = {},
): Promise<RunningApp> {
  const monitor = createSyncMonitor(r.ctx, { background: false });
  const errors: unknown[] = [];
  let quits = 0;
  const view = await draw(
    <App
      ctx={r.ctx}
      monitor={monitor}
      onQuit={() => quits++}
      logError={(error) => errors.push(error)}
      size={options.size ?? { columns: 80, rows: 24 }}
      demo={options.demo}
    />,
  );
  const app: RunningApp = { ...view, monitor, errors, quits: () => quits };
  await app.waitFor('PIN');
  return app;
}

/**
 * Mocha hooks for a suite of register UI tests: each test gets a fresh offline register (`offlineRegisterPerTest`),
 * and after it every app it started is unmounted before the register is closed and deleted.
 */
export function registerPerTest(options: Parameters<typeof offlineRegister>[0] = {}): OfflineRegister {
  afterEach(() => {
    for (const view of [...drawn]) view.unmount();
  });
  return offlineRegisterPerTest(options);
}

/** Logs in with the register's PIN and opens a shift with 100 000 so‘m, landing on the sale screen. */
export async function startSelling(r: OfflineRegister, size?: { columns: number; rows: number }) {
  const app = await startApp(r, { size });
  await app.send(r.pin, keys.enter);
  await app.waitFor('Smena ochish');
  await app.send('100000', keys.enter);
  await app.waitFor('JAMI');
  return app;
}

/** Sells one Non patir for 5 000 so‘m in cash as receipt POS-01-000001 and returns to an empty sale screen. */
export async function sellBreadForCash(app: RunningApp, r: OfflineRegister): Promise<void> {
  await app.send(`${r.barcodes.bread}\r`);
  await app.waitFor('Non patir');
  await app.send(keys.f12);
  await app.waitFor('To‘lanadi');
  await app.send('5000', keys.enter);
  await app.waitFor('TO‘LANDI — POS-01-000001');
  await app.send(keys.enter);
}
