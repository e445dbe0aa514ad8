import { join } from 'node:path';
import { render } from 'ink';
import { pino } from 'pino';
import type { Lang } from '../../common/i18n/index.js';
import { closeRegister, openRegister } from '../register/context.js';
import { App } from './app.js';
import { createSyncMonitor } from './sync-monitor.js';
import { isExpected } from './text.js';

export interface UiOptions {
  dataDir: string;
  lang: Lang;
  demo?: { pin: string; panelUrl: string };
}

/**
 * `pos` without a subcommand: the cashier's screen. Ink owns stdout, so the log goes to `<dataDir>/pos.log`.
 * Resolves when the cashier quits; the background sync is stopped and the store closed before that.
 */
export async function runRegisterUi(options: UiOptions): Promise<void> {
  // Startup split for the log: loading the code vs. opening the store and drawing the first screen.
  const loadedMs = Math.round(performance.now());
  const ctx = openRegister(options.dataDir, options.lang);
  const openedMs = Math.round(performance.now());
  const logger = pino(
    { base: { app: 'pos' } },
    pino.destination({ dest: join(options.dataDir, 'pos.log'), mkdir: true }),
  );
  const monitor = createSyncMonitor(ctx, {
    background: true,
    // Offline is normal for a register: one line per failed round, the stack only for the unexpected.
    onError: (error) =>
      isExpected(error)
        ? logger.warn(
            { code: (error as { code?: string }).code, message: (error as Error).message },
            'sync failed',
          )
        : logger.error({ err: error }, 'sync failed'),
  });
  let ready = false;
  const instance = render(
    <App
      ctx={ctx}
      monitor={monitor}
      demo={options.demo}
      onQuit={() => instance.unmount()}
      logError={(error) => logger.error({ err: error }, 'unexpected error')}
      onReady={() => {
        if (ready) return;
        ready = true;
        // performance.now() counts from process start: this is the cold start as the cashier sees it.
        logger.info({ readyMs: Math.round(performance.now()), loadedMs, openedMs }, 'ui ready');
        // Not before: the first round's network code and request would delay the PIN screen.
        monitor.start();
      }}
    />,
    // Ctrl+C is the register's own key: with an open sale it asks to park or cancel instead of quitting.
    // Ink draws at most maxFps frames a second (30 by default): a key right after another frame waited up to 33 ms
    // for its own, the slowest keys of an idle register (`npm run bench -- key-latency`); 60 halves that.
    { exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
  );
  try {
    await instance.waitUntilExit();
  } catch (error) {
    if (!isExpected(error)) logger.error({ err: error }, 'ui crashed');
    throw error;
  } finally {
    await monitor.stop();
    closeRegister(ctx);
    logger.flush();
  }
}
