import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { languages } from '../common/i18n/index.js';

const envSchema = z.object({
  POSAPP_CONFIG_DIR: z.string().min(1).optional(),
  XDG_CONFIG_HOME: z.string().optional(),
});

/** Where `posapp login` keeps the session: `--config-dir`, else POSAPP_CONFIG_DIR, else `$XDG_CONFIG_HOME/posapp`. */
export function resolveConfigDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const parsed = envSchema.parse(env);
  const xdg = parsed.XDG_CONFIG_HOME || join(homedir(), '.config');
  return resolve(flag ?? parsed.POSAPP_CONFIG_DIR ?? join(xdg, 'posapp'));
}

export const serverUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** Options every program accepts (posapp, pos, pos-activate); each declares the ones it uses. */
export const globalOptionsSchema = z.strictObject({
  json: z.boolean().default(false),
  lang: z.enum(languages).default('uz'),
  debug: z.boolean().default(false),
  server: serverUrlSchema.optional(),
  configDir: z.string().min(1).optional(),
  dataDir: z.string().min(1).optional(),
});
export type GlobalOptions = z.output<typeof globalOptionsSchema>;
