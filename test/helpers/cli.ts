import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The story tests drive the built binaries, as a user would; `npm test` builds before mocha. */
export function assertBuilt(): void {
  for (const file of ['dist/cli/posapp.js', 'dist/pos/pos.js', 'dist/cli/pos-activate.js']) {
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
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
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
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`posapp server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`posapp server did not answer /health within 20 s:\n${output}`);
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

/** Environment that runs a command with its clock `skewMs` away from the real one (a PC whose clock is wrong). */
export function skewedClockEnv(skewMs: number): Record<string, string> {
  const preload = pathToFileURL(join(ROOT, 'test', 'helpers', 'skewed-clock.mjs')).href;
  return { NODE_OPTIONS: `--import=${preload}`, TEST_CLOCK_SKEW_MS: String(skewMs) };
}
