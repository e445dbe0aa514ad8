import type { Server } from 'node:http';
import { createApp } from './app.js';
import { loadServerConfig, type ServerConfig, type ServerFlags } from './config.js';
import { connect, migrateLatest, type Db } from './db/connection.js';
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

/** config → db → migrations → app → listen. */
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
  if (flags.migrate !== false) {
    const applied = await migrateLatest(db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const app = createApp({ db, config, logger });
  const stopPruning = schedulePayloadPruning({ db, config, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url, dialect: db.dialect }, 'posapp server listening');
  return {
    server,
    db,
    config,
    logger,
    url,
    async close() {
      stopPruning();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.knex.destroy();
    },
  };
}
