import type { Server } from 'node:http';
import { createApp } from './app.js';
import { loadServerConfig, type ServerConfig, type ServerFlags } from './config.js';
import { AppError } from '../common/errors.js';
import { checkConnection, connect, migrateLatest, startupError, type Db } from './db/connection.js';
import { pino } from 'pino';
import { createLogger, type Logger } from './logger.js';
import { schedulePayloadPruning } from './sync/retention.js';

export interface RunningServer {
  server: Server;
  db: Db;
  config: ServerConfig;
  logger: Logger;
  url: string;
  close(): Promise<void>;
}

/**
 * config → db → migrations → app → listen. Whatever stops it from serving (port taken, database unreachable,
 * a database newer than this server) closes what it opened and is thrown, so `posapp server` exits 1 at once and
 * systemd's `Restart=on-failure` can act, instead of a process that stays alive without listening.
 */
export async function startServer(
  flags: ServerFlags & { migrate?: boolean; logFile?: string } = {},
): Promise<RunningServer> {
  const config = loadServerConfig(flags);
  // The demo shares the terminal with the register UI, so its server logs to a file.
  const logger = createLogger(
    config.logLevel,
    flags.logFile ? pino.destination({ dest: flags.logFile, mkdir: true, sync: false }) : undefined,
  );
  const db = connect(config.dbUrl);
  let server: Server | undefined;
  try {
    if (flags.migrate !== false) {
      const applied = await migrateLatest(db);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    } else await checkConnection(db);
    const app = createApp({ db, config, logger });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, config.host, (error?: Error) =>
        error ? reject(error) : resolve(listening),
      );
    });
  } catch (error) {
    await db.knex.destroy().catch(() => undefined);
    if ((error as { code?: unknown }).code === 'EADDRINUSE')
      throw new AppError('PORT_IN_USE', { params: { port: config.port }, cause: error });
    throw startupError(error);
  }
  const stopPruning = schedulePayloadPruning({ db, config, logger });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url, dialect: db.dialect }, 'posapp server listening');
  const listening = server;
  return {
    server: listening,
    db,
    config,
    logger,
    url,
    async close() {
      stopPruning();
      await new Promise<void>((resolve) => listening.close(() => resolve()));
      await db.knex.destroy();
    },
  };
}
