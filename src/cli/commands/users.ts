import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import {
  createUserBody,
  pinSchema,
  userListResponse,
  userResponse,
  type TenantUser,
} from '../../common/protocol/users.js';
import { loggedInClient, type ApiClient } from '../api-client.js';
import { text, type TextKey } from '../messages.js';
import { formatTime, printJson, printLine, printTable } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

const pinFlagsSchema = z.strictObject({ pin: pinSchema });

/** Accepts what the owner sees in `users list`: an id, or a name when only one user has it. */
export async function resolveUser(api: ApiClient, idOrName: string): Promise<TenantUser> {
  const { users } = await api.request('GET', '/users', { response: userListResponse });
  const wanted = idOrName.trim();
  const byId = users.find((u) => u.id === wanted);
  if (byId) return byId;
  const byName = users.filter((u) => u.name.toLowerCase() === wanted.toLowerCase());
  if (byName.length > 1) {
    throw new AppError('VALIDATION_FAILED', {
      params: { field: '<user>', reason: `${byName.length} users are called “${wanted}”; use the id` },
    });
  }
  if (!byName[0]) throw new AppError('NOT_FOUND');
  return byName[0];
}

/** Cashiers get a PIN for the register; admins an email and password for the server. */
export async function addUser(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const given = Object.fromEntries(Object.entries(command.opts()).filter(([, v]) => v !== undefined));
  const body = parseOptions(createUserBody, given);
  const { api } = loggedInClient(globals);
  const answer = await api.request('POST', '/users', { body, response: userResponse });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'userAdded', { name: answer.user.name, role: answer.user.role }));
}

export async function listUsers(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/users', { response: userListResponse });
  if (globals.json) return printJson(answer);
  const t = (key: TextKey) => text(globals.lang, key);
  printTable(
    [t('colId'), t('colName'), t('colRole'), t('colEmail'), t('colActive'), t('colCreated')],
    answer.users.map((u) => [
      u.id,
      u.name,
      u.role,
      u.email ?? '—',
      u.active ? t('yes') : t('no'),
      formatTime(u.createdAt),
    ]),
  );
}

export async function disableUser(idOrName: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const user = await resolveUser(api, idOrName);
  const answer = await api.request('POST', `/users/${encodeURIComponent(user.id)}/disable`, {
    response: userResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'userDisabled', { name: answer.user.name }));
}

export async function enableUser(idOrName: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const user = await resolveUser(api, idOrName);
  const answer = await api.request('POST', `/users/${encodeURIComponent(user.id)}/enable`, {
    response: userResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'userEnabled', { name: answer.user.name }));
}

export async function setUserPin(idOrName: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { pin } = parseOptions(pinFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const user = await resolveUser(api, idOrName);
  const answer = await api.request('POST', `/users/${encodeURIComponent(user.id)}/pin`, {
    body: { pin },
    response: userResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'pinChanged', { name: answer.user.name }));
}
