import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface TerminalConfig {
  /** Holds pos.sqlite (and later the register's log). */
  readonly dataDir: string;
}

export interface TerminalFlags {
  dataDir?: string;
}

const envSchema = z.object({
  POS_DATA_DIR: z.string().min(1).optional(),
  XDG_DATA_HOME: z.string().optional(),
});

/** `--data-dir`, else POS_DATA_DIR, else `$XDG_DATA_HOME/posapp` (i.e. `~/.local/share/posapp`). */
export function loadTerminalConfig(
  flags: TerminalFlags = {},
  env: NodeJS.ProcessEnv = process.env,
): TerminalConfig {
  const parsed = envSchema.parse(env);
  const xdg = parsed.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  const dataDir = flags.dataDir ?? parsed.POS_DATA_DIR ?? join(xdg, 'posapp');
  return Object.freeze({ dataDir: resolve(dataDir) });
}
