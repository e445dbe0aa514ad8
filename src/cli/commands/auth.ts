import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { emailSchema, loginResponse } from '../../common/protocol/auth.js';
import { ServerError } from '../../common/http.js';
import { createApiClient, loggedInClient } from '../api-client.js';
import { resolveConfigDir } from '../config.js';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';
import { askPassword } from '../prompt.js';
import { deleteSession, writeSession } from '../session.js';

const loginFlagsSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200).optional(),
});

/** `posapp login`: exchanges email and password for a token kept in the config dir. */
export async function login(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(loginFlagsSchema, command.opts());
  if (!globals.server) {
    throw new AppError('VALIDATION_FAILED', { params: { field: '--server', reason: 'required' } });
  }
  const password = flags.password ?? (await askPassword(globals.lang));
  const api = createApiClient({ server: globals.server, lang: globals.lang });
  const answer = await api.request('POST', '/auth/login', {
    body: { email: flags.email, password },
    response: loginResponse,
  });
  writeSession(resolveConfigDir(globals.configDir), {
    server: globals.server,
    token: answer.token,
    user: answer.user,
  });
  if (globals.json) return printJson({ server: globals.server, user: answer.user });
  printLine(
    text(globals.lang, 'loggedIn', {
      email: answer.user.email ?? '',
      role: answer.user.role,
      server: globals.server,
    }),
  );
}

/** `posapp logout`: ends the session on the server and always forgets it locally. */
export async function logout(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const configDir = resolveConfigDir(globals.configDir);
  try {
    await api.request('POST', '/auth/logout', { response: null });
  } catch (error) {
    // An expired or revoked session is already logged out on the server.
    if (!(error instanceof ServerError && error.httpStatus === 401)) {
      deleteSession(configDir);
      throw error;
    }
  }
  deleteSession(configDir);
  if (globals.json) return printJson({ loggedOut: true });
  printLine(text(globals.lang, 'loggedOut'));
}
