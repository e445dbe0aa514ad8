import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { text } from '../messages.js';
import { printLine, style } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';
import { packageRoot } from '../../node/package-root.js';

const demoFlagsSchema = z.strictObject({
  dataDir: z.string().min(1).optional(),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  ui: z.boolean().default(true),
});

function demoDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return resolve(flag ?? join(xdg, 'posapp', 'demo'));
}

/**
 * `posapp demo`: an embedded server on SQLite, a demo shop (reused on the next run), POS-01 activated and synced,
 * then the register UI in this terminal. The server stops when the register UI is closed (or on Ctrl+C).
 */
export async function demo(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(demoFlagsSchema, command.opts());
  const base = demoDir(flags.dataDir);
  const serverDir = join(base, 'server');
  const registerDir = join(base, 'register');
  const { startServer } = await import('../../server/main.js');
  const { seedDemoStore, demoAccounts } = await import('../../server/demo/seed.js');
  const { activateRegister } = await import('../../terminal/activation.js');
  const { openRegister, closeRegister } = await import('../../terminal/register/context.js');
  const { storeExists } = await import('../../terminal/store/connection.js');
  const { updateServerUrl } = await import('../../terminal/store/queries/identity.js');
  const { syncOnce } = await import('../../terminal/sync/round.js');

  const running = await startServer({
    dataDir: serverDir,
    port: flags.port,
    host: '127.0.0.1',
    logFile: join(serverDir, 'server.log'),
  });
  try {
    const store = await seedDemoStore({ db: running.db, config: running.config, logger: running.logger });
    if (!storeExists(registerDir)) {
      const deviceKey = store.deviceKey ?? (await freshDemoKey(running, store.tenantId));
      await activateRegister({
        dataDir: registerDir,
        serverUrl: running.url,
        deviceKey,
        hostname: 'demo',
        lang: globals.lang,
      });
    }
    const register = openRegister(registerDir, globals.lang);
    try {
      if (register.identity.serverUrl !== running.url) updateServerUrl(register.db, running.url);
      await syncOnce(register.db, { ...register.identity, serverUrl: running.url }, { lang: globals.lang });
    } finally {
      closeRegister(register);
    }

    const t = (key: Parameters<typeof text>[1], params: Record<string, string> = {}) =>
      text(globals.lang, key, params);
    printLine(style.bold(t(store.created ? 'demoCreated' : 'demoReused')));
    printLine(`  ${t('demoPanel')}: ${style.cyan(`${running.url}/admin/`)}`);
    printLine(`  ${t('demoOwner')}: ${demoAccounts.owner.email} / ${demoAccounts.owner.password}`);
    printLine(
      `  ${t('demoSuperadmin')}: ${demoAccounts.superadmin.email} / ${demoAccounts.superadmin.password}`,
    );
    printLine(
      `  ${t('demoCashier')}: ${demoAccounts.cashier.name}, PIN ${style.bold(demoAccounts.cashier.pin)}`,
    );
    printLine(`  ${t('demoRegister')}: pos --data-dir ${registerDir}`);

    const untilStopped = () =>
      new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
    if (flags.ui && process.stdin.isTTY && process.stdout.isTTY) {
      const demo = { pin: demoAccounts.cashier.pin, panelUrl: `${running.url}/admin/` };
      const closedByCashier = await runRegisterUi(registerDir, globals.lang, demo, (code) =>
        printLine(style.yellow(t('demoRegisterStopped', { code }))),
      );
      if (!closedByCashier) {
        printLine(t('demoRunning'));
        await untilStopped();
      }
    } else {
      printLine(t('demoRunning'));
      await untilStopped();
    }
  } finally {
    await running.close();
  }
}

/** Restarts of a crashing register within this window before the demo stops restarting it. */
const RESTART_WINDOW_MS = 10_000;
const MAX_RESTARTS = 3;

/**
 * The register UI runs as its own process, as on a real register PC, sharing this terminal; the demo's PIN and
 * panel address go to its PIN screen. A register that stops unexpectedly (a crash, a kill) never takes the server
 * with it: it is started again and its open sale comes back. Resolves true when the cashier closed it, false when
 * it kept crashing (the server then stays up until Ctrl+C).
 */
async function runRegisterUi(
  registerDir: string,
  lang: string,
  demo: { pin: string; panelUrl: string },
  onCrash: (code: string) => void,
): Promise<boolean> {
  const posBin = join(packageRoot(), 'bin', 'pos.js');
  const runOnce = () =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, [posBin, '--data-dir', registerDir, '--lang', lang], {
        stdio: 'inherit',
        env: { ...process.env, POS_DEMO_PIN: demo.pin, POS_DEMO_PANEL: demo.panelUrl },
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  // Ctrl+C belongs to the register while it runs (it asks what to do with an open sale); a terminal that still
  // sends SIGINT to the whole process group must not stop the embedded server under it.
  const keepServer = () => {};
  process.on('SIGINT', keepServer);
  try {
    const crashes: number[] = [];
    for (;;) {
      const { code, signal } = await runOnce();
      if (code === 0) return true;
      const now = Date.now();
      crashes.push(now);
      onCrash(signal ?? `exit ${code}`);
      if (crashes.filter((at) => now - at < RESTART_WINDOW_MS).length > MAX_RESTARTS) return false;
    }
  } finally {
    process.off('SIGINT', keepServer);
  }
}

/** The register's data dir was deleted: give POS-01 a new key, as an owner would for a replaced PC. */
async function freshDemoKey(
  running: {
    db: import('../../server/db/connection.js').Db;
    config: import('../../server/config.js').ServerConfig;
    logger: import('../../server/logger.js').Logger;
  },
  tenantId: string,
): Promise<string> {
  const { listDevices, resetDeviceKey } = await import('../../server/devices/service.js');
  const ctx = {
    db: running.db,
    config: running.config,
    logger: running.logger,
    tenantId,
    actor: { kind: 'user' as const, userId: 'demo', sessionId: 'demo', role: 'owner' as const, tenantId },
  };
  const { devices } = await listDevices(ctx);
  const device = devices.find((d) => d.status !== 'revoked') ?? devices[0]!;
  return (await resetDeviceKey(ctx, device.id, true)).deviceKey;
}
