import { pino, type Logger } from 'pino';

export type { Logger };

/** Secrets never reach the log, wherever they appear. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.ownerPassword',
  '*.deviceKey',
  '*.deviceToken',
  '*.token',
  '*.pin',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

/** For one-shot commands whose stdout is their answer (and may be --json): the log goes to stderr, unbuffered. */
export function createStderrLogger(level: string): Logger {
  return createLogger(level, pino.destination({ dest: 2, sync: true }));
}
