import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MIN_REGISTER_VERSION } from '../common/version.js';

export interface ServerConfig {
  readonly dbUrl: string;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly jwtSecret: string;
  /** log2 of scrypt's N; production 17, tests lower to stay fast. */
  readonly passwordHashCost: number;
  readonly sessionTtlMs: number;
  readonly bodyLimit: string;
  /** Express `trust proxy`: false, the number of proxy hops in front, or the proxies' addresses / subnets. */
  readonly trustProxy: TrustProxy;
  readonly rateLimit: {
    readonly windowMs: number;
    /** Failed attempts per (account, address) in a window. */
    readonly maxFailures: number;
    /** Failed attempts per address over all accounts (a shop's staff behind one NAT share it). */
    readonly maxFailuresPerAddress: number;
  };
  readonly logLevel: string;
  /** Days a pushed event keeps its JSON on the server; its id and status stay forever (exactly-once). 0 = forever. */
  readonly eventPayloadDays: number;
  /** Registers older than this (`x.y.z`) are told to update instead of pulling; default DEFAULT_MIN_REGISTER_VERSION. */
  readonly minRegisterVersion?: string;
}

export type TrustProxy = false | number | readonly string[];

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: a hop count (`1` behind one nginx), or a comma-separated list of proxy addresses / CIDR subnets
 * (or `loopback`, `linklocal`, `uniquelocal`). `true` means one hop: trusting every hop would let a client pick
 * its own address by writing X-Forwarded-For, and with it escape the login limits.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const list = value.split(',').map((part) => part.trim());
  for (const part of list) {
    const [address, bits, ...rest] = part.split('/');
    const ok =
      proxyNames.has(part) ||
      (address !== undefined &&
        isIP(address) !== 0 &&
        rest.length === 0 &&
        (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128))));
    if (!ok) throw new Error(`TRUST_PROXY: "${part}" is not a hop count, an address or a subnet`);
  }
  return Object.freeze(list);
}

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  POSAPP_DATA_DIR: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  EVENT_PAYLOAD_DAYS: z.coerce.number().int().min(0).max(36_500).optional(),
  PASSWORD_HASH_COST: z.coerce
    .number()
    .int()
    .min(10, 'PASSWORD_HASH_COST must be between 10 and 20')
    .max(20, 'PASSWORD_HASH_COST must be between 10 and 20')
    .optional(),
  XDG_DATA_HOME: z.string().optional(),
  POSAPP_MIN_REGISTER_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'POSAPP_MIN_REGISTER_VERSION must look like 1.2.3')
    .optional(),
});

export interface ServerFlags {
  db?: string;
  dataDir?: string;
  port?: number;
  host?: string;
}

export function defaultServerDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(xdg, 'posapp', 'server');
}

/**
 * The JWT secret comes from JWT_SECRET or from `<dataDir>/jwt-secret`, made on first start (0600).
 * Several servers behind a load balancer must share JWT_SECRET.
 */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * The database `posapp server` and `posapp migrate` use: `--db`, else DATABASE_URL, else `posapp.sqlite` in the
 * data dir (`--data-dir`, POSAPP_DATA_DIR, the user's data dir). Also read by knexfile.ts for the knex CLI, so
 * both always reach the same database; it needs no JWT secret.
 */
export function serverDbUrl(
  flags: Pick<ServerFlags, 'db' | 'dataDir'> = {},
  env: NodeJS.ProcessEnv = process.env,
) {
  const parsed = envSchema.parse(env);
  const dataDir = flags.dataDir ?? parsed.POSAPP_DATA_DIR ?? defaultServerDataDir(env);
  return flags.db ?? parsed.DATABASE_URL ?? `sqlite:${join(dataDir, 'posapp.sqlite')}`;
}

/** Read once from flags and environment, validated, frozen; nothing else reads process.env. */
export function loadServerConfig(
  flags: ServerFlags = {},
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const parsed = envSchema.parse(env);
  const dataDir = flags.dataDir ?? parsed.POSAPP_DATA_DIR ?? defaultServerDataDir(env);
  return Object.freeze({
    dbUrl: serverDbUrl({ db: flags.db, dataDir }, env),
    dataDir,
    port: flags.port ?? parsed.PORT ?? 8080,
    host: flags.host ?? parsed.HOST ?? '0.0.0.0',
    jwtSecret: parsed.JWT_SECRET ?? loadOrCreateSecret(dataDir),
    // log2 of scrypt's N; 17 costs a login about half a second of CPU here, which tests and demos can lower.
    passwordHashCost: parsed.PASSWORD_HASH_COST ?? 17,
    sessionTtlMs: 30 * 24 * 3600 * 1000,
    bodyLimit: '1mb',
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    rateLimit: Object.freeze({ windowMs: 15 * 60 * 1000, maxFailures: 10, maxFailuresPerAddress: 30 }),
    logLevel: parsed.LOG_LEVEL ?? 'info',
    eventPayloadDays: parsed.EVENT_PAYLOAD_DAYS ?? 90,
    minRegisterVersion: parsed.POSAPP_MIN_REGISTER_VERSION ?? DEFAULT_MIN_REGISTER_VERSION,
  });
}
