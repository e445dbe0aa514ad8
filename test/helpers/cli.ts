import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { readSession } from '../../src/cli/session.js';
import type { Dialect } from '../../src/server/db/connection.js';
import { freshDb, type TestDb } from './db.js';
import { freePort } from './http.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The story tests drive the built binaries, as a user would; `npm test` builds before mocha. */
export function assertBuilt(): void {
  for (const file of ['dist/bundle/posapp.js', 'dist/bundle/pos.js', 'dist/bundle/pos-activate.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment of every child: no colour, and nothing inherited that would point at a real user's files. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // A cheap password hash: every child server's logins would otherwise cost half a second of CPU each.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PASSWORD_HASH_COST: '10', ...extra };
  for (const name of [
    'POSAPP_CONFIG_DIR',
    'POS_DATA_DIR',
    'DATABASE_URL',
    'POSAPP_DATA_DIR',
    'FORCE_COLOR',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Runs `node bin/<bin>.js …args` to the end; `input` is typed into its stdin. */
export function runCli(
  bin: 'posapp' | 'pos' | 'pos-activate',
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', `${bin}.js`), ...args], {
      cwd: ROOT,
      env: childEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `posapp …args` to the end, in a child or in this process (see {@link runPosappInProcess}). */
export type PosappRunner = (args: string[]) => Promise<CliResult>;

export const runPosappBinary: PosappRunner = (args) => runCli('posapp', args);

let inProcessQueue: Promise<unknown> = Promise.resolve();

/**
 * `posapp …args` inside the test process: the same program, commands and output code as the binary, without a
 * new Node per command (about 0.15 s of CPU to start one). For suites about what the owner's commands do; the
 * licensing story, the lazy loading and the exit of the binary itself still run `bin/posapp.js`. One command at a
 * time, since it borrows the process's stdout, stderr and exit code; colour is stripped, as a pipe would get none.
 */
export const runPosappInProcess: PosappRunner = (args) => {
  const run = inProcessQueue.then(() => runCaptured(args));
  inProcessQueue = run.catch(() => undefined);
  return run;
};

async function runCaptured(args: string[]): Promise<CliResult> {
  const { main } = await import('../../src/cli/posapp.js');
  const output = { stdout: '', stderr: '' };
  const streams = { stdout: process.stdout, stderr: process.stderr } as const;
  const saved = { stdout: streams.stdout.write, stderr: streams.stderr.write, exitCode: process.exitCode };
  for (const name of ['stdout', 'stderr'] as const) {
    // A pipe, as for a child: no colour, no progress bar.
    Object.defineProperty(streams[name], 'isTTY', { value: false, configurable: true });
    streams[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    }) as typeof process.stdout.write;
  }
  process.exitCode = undefined;
  try {
    await main([process.execPath, 'posapp', ...args]);
    return {
      code: Number(process.exitCode ?? 0),
      stdout: stripVTControlCharacters(output.stdout),
      stderr: stripVTControlCharacters(output.stderr),
    };
  } finally {
    for (const name of ['stdout', 'stderr'] as const) {
      streams[name].write = saved[name];
      delete (streams[name] as { isTTY?: boolean }).isTTY;
    }
    process.exitCode = saved.exitCode;
  }
}

/** Fails the test with the command's output unless it exited 0. */
export function ok(result: CliResult): CliResult {
  assert.equal(result.code, 0, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

/** `posapp superadmin create` straight into the database, as an installer does before the first start. */
export function createSuperadminCli(
  dbUrl: string,
  dataDir: string,
  account: { email: string; password: string },
): Promise<CliResult> {
  return runCli('posapp', [
    'superadmin',
    'create',
    '--email',
    account.email,
    '--password',
    account.password,
    '--db',
    dbUrl,
    '--data-dir',
    dataDir,
  ]);
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `posapp server` as a child and waits until /health answers. */
export async function startServerProcess(
  args: string[],
  env: Record<string, string>,
): Promise<ServerProcess> {
  const portIndex = args.indexOf('--port');
  const url = `http://127.0.0.1:${args[portIndex + 1]}`;
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'posapp.js'), 'server', ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Generous: on a loaded machine a cold start of the built server takes many seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`posapp server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`posapp server did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The platform owner every CLI fixture server has (its password hashed at the test cost, see childEnv). */
export const CLI_SUPERADMIN = { email: 'root@posapp.uz', password: 'platform-pass-1' };

const CLI_JWT_SECRET = 'cli-fixture-secret-that-is-at-least-32-chars';

/** A `posapp server` child on a fresh database with a superadmin, and a scratch directory for config and data dirs. */
export interface CliServer {
  url: string;
  db: TestDb;
  scratch: string;
  child: ServerProcess;
  /** `posapp --config-dir <superadmin's> …args`, logged in on first use. */
  asRoot(...args: string[]): Promise<CliResult>;
  /** A superadmin bearer token from the API. */
  rootToken(): Promise<string>;
  /** The JSON answer of an API call; fails with the server's answer unless 2xx. */
  api(path: string, token: string | null, body?: unknown): Promise<Record<string, unknown>>;
  /** Stops the server (SIGTERM unless told), removes the database and the scratch directory; the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

let scratchCounter = 0;

export async function startCliServer(dialect: Dialect, name = 'cli'): Promise<CliServer> {
  assertBuilt();
  const scratch = mkdtempSync(join(tmpdir(), `posapp-${name}-`));
  const db = await freshDb(dialect);
  const dataDir = join(scratch, 'server');
  ok(await createSuperadminCli(db.url, dataDir, CLI_SUPERADMIN));
  const child = await startServerProcess(
    ['--port', String(await freePort()), '--host', '127.0.0.1', '--db', db.url, '--data-dir', dataDir],
    { JWT_SECRET: CLI_JWT_SECRET, LOG_LEVEL: 'warn' },
  );
  const url = child.url;
  const rootDir = join(scratch, 'config-root');
  let rootLogin: Promise<CliResult> | undefined;
  let token: Promise<string> | undefined;
  const api: CliServer['api'] = async (path, bearerToken, body) => {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.ok, `${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    url,
    db,
    scratch,
    child,
    async asRoot(...args) {
      rootLogin ??= runCli('posapp', [
        '--config-dir',
        rootDir,
        'login',
        '--server',
        url,
        '--email',
        CLI_SUPERADMIN.email,
        '--password',
        CLI_SUPERADMIN.password,
      ]).then(ok);
      await rootLogin;
      return runCli('posapp', ['--config-dir', rootDir, ...args]);
    },
    rootToken() {
      token ??= api('/auth/login', null, CLI_SUPERADMIN).then((body) => body.token as string);
      return token;
    },
    api,
    async stop(signal = 'SIGTERM') {
      const code = await child.stop(signal);
      await db.destroy();
      rmSync(scratch, { recursive: true, force: true });
      return code;
    },
  };
}

export interface CliShopOptions {
  tenantName?: string;
  storeName?: string;
  owner?: { email: string; password: string };
  maxDevices?: number;
  /** Registers in all, POS-01 included; the extra ones are added by the owner (pending, keys kept). */
  devices?: number;
  /** `posapp login` of the owner into its config dir, so `asOwner` runs commands at once. */
  loginOwner?: boolean;
  /** `--lang` given to every `asOwner` command. */
  lang?: 'uz' | 'ru' | 'en';
  /** How `asOwner` runs `posapp`: the built binary unless told. */
  posapp?: PosappRunner;
}

/** A tenant bootstrapped on a CLI fixture server, its owner and its registers' keys. */
export interface CliShop {
  tenantId: string;
  tenantName: string;
  owner: { email: string; password: string };
  ownerDir: string;
  /** Device keys by register name (`POS-01`…), as shown once when made. */
  keys: Record<string, string>;
  asOwner(...args: string[]): Promise<CliResult>;
  ownerToken(): Promise<string>;
  /** `pos-activate <key of name> --server … --data-dir <dir>`. */
  activate(name: string, dataDir: string): Promise<CliResult>;
  /** A register's device token from the API, activating its key (no data dir): for pushing events. */
  deviceToken(name?: string): Promise<string>;
}

/** Bootstraps a shop through the API (the CLI bootstrap has its own test) and brings it to the options' state. */
export async function cliShop(server: CliServer, options: CliShopOptions = {}): Promise<CliShop> {
  const n = ++scratchCounter;
  const owner = options.owner ?? { email: `owner${n}-${Date.now()}@shop.uz`, password: 'owner-pass-1' };
  const tenantName = options.tenantName ?? `Shop ${n}`;
  const maxDevices = Math.max(options.maxDevices ?? 1, options.devices ?? 1);
  const boot = await server.api('/bootstrap', await server.rootToken(), {
    tenantName,
    storeName: options.storeName ?? 'Main store',
    ownerEmail: owner.email,
    ownerPassword: owner.password,
    maxDevices,
  });
  const keys: Record<string, string> = {
    [(boot.device as { name: string }).name]: boot.deviceKey as string,
  };
  const ownerDir = join(server.scratch, `config-owner-${n}`);
  const langArgs = options.lang ? ['--lang', options.lang] : [];
  const posapp = options.posapp ?? runPosappBinary;
  const asOwner = (...args: string[]) => posapp(['--config-dir', ownerDir, ...langArgs, ...args]);
  let token: Promise<string> | undefined;
  if (options.loginOwner) {
    ok(await asOwner('login', '--server', server.url, '--email', owner.email, '--password', owner.password));
    // The CLI's own session token: one password check fewer per shop.
    token = Promise.resolve(readSession(ownerDir)!.token);
  }
  const ownerToken = () => {
    token ??= server.api('/auth/login', null, owner).then((body) => body.token as string);
    return token;
  };
  for (let i = 1; i < (options.devices ?? 1); i++) {
    const added = await server.api('/devices', await ownerToken(), {});
    keys[(added.device as { name: string }).name] = added.deviceKey as string;
  }
  const tokens: Record<string, string> = {};
  return {
    tenantId: (boot.tenant as { id: string }).id,
    tenantName,
    owner,
    ownerDir,
    keys,
    asOwner,
    ownerToken,
    activate: (name, dataDir) =>
      runCli('pos-activate', [keys[name]!, '--server', server.url, '--data-dir', dataDir]),
    async deviceToken(name = 'POS-01') {
      tokens[name] ??= (await server.api('/devices/activate', null, { deviceKey: keys[name] }))
        .deviceToken as string;
      return tokens[name];
    },
  };
}

/** Environment that runs a command with its clock `skewMs` away from the real one (a PC whose clock is wrong). */
export function skewedClockEnv(skewMs: number): Record<string, string> {
  const preload = pathToFileURL(join(ROOT, 'test', 'helpers', 'skewed-clock.mjs')).href;
  return { NODE_OPTIONS: `--import=${preload}`, TEST_CLOCK_SKEW_MS: String(skewMs) };
}
