import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface TerminalConfig {
  /** Holds pos.sqlite (and later the register's log). */
  readonly dataDir: string;
  /** Set by `posapp demo` for the register it starts: shown on the PIN screen so a newcomer gets in. */
  readonly demo?: { readonly pin: string; readonly panelUrl: string };
}

export interface TerminalFlags {
  dataDir?: string;
}

const envSchema = z.object({
  POS_DATA_DIR: z.string().min(1).optional(),
  XDG_DATA_HOME: z.string().optional(),
  POS_DEMO_PIN: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
  POS_DEMO_PANEL: z.url().optional(),
});

/** `--data-dir`, else POS_DATA_DIR, else `$XDG_DATA_HOME/posapp` (i.e. `~/.local/share/posapp`). */
export function loadTerminalConfig(
  flags: TerminalFlags = {},
  env: NodeJS.ProcessEnv = process.env,
): TerminalConfig {
  const parsed = envSchema.parse(env);
  const xdg = parsed.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  const dataDir = flags.dataDir ?? parsed.POS_DATA_DIR ?? join(xdg, 'posapp');
  const demo =
    parsed.POS_DEMO_PIN && parsed.POS_DEMO_PANEL
      ? Object.freeze({ pin: parsed.POS_DEMO_PIN, panelUrl: parsed.POS_DEMO_PANEL })
      : undefined;
  return Object.freeze({ dataDir: resolve(dataDir), ...(demo ? { demo } : {}) });
}
