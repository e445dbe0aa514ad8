import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { userSchema } from '../common/protocol/auth.js';

export const sessionSchema = z.strictObject({ server: z.string(), token: z.string(), user: userSchema });
export type Session = z.infer<typeof sessionSchema>;

export function sessionFile(configDir: string): string {
  return join(configDir, 'session.json');
}

/** A missing or unreadable session both mean "not logged in". */
export function readSession(configDir: string): Session | null {
  const file = sessionFile(configDir);
  if (!existsSync(file)) return null;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The token is a credential: 0600 in a 0700 directory, swapped in by rename so a crash leaves no half file. */
export function writeSession(configDir: string, session: Session): void {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const file = sessionFile(configDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(session, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

export function deleteSession(configDir: string): void {
  rmSync(sessionFile(configDir), { force: true });
}
