import type { Command } from 'commander';
import { z } from 'zod';
import {
  bootstrapBody,
  bootstrapResponse,
  maxDevicesResponse,
  maxDevicesSchema,
  tenantListResponse,
} from '../../common/protocol/tenants.js';
import { loggedInClient } from '../api-client.js';
import { text } from '../messages.js';
import { formatTime, printJson, printLine, printTable } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';
import { printDeviceKey } from './devices.js';

const bootstrapFlagsSchema = z.strictObject({
  tenant: z.string(),
  store: z.string(),
  ownerEmail: z.string(),
  ownerPassword: z.string(),
  maxDevices: z.coerce.number().optional(),
  currency: z.string().optional(),
});

/** `posapp bootstrap` (superadmin): a tenant, its first store, its owner and register POS-01 in one go. */
export async function bootstrap(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(bootstrapFlagsSchema, command.opts());
  // The protocol schema is the real check; it runs here so a typo never reaches the server.
  const body = parseOptions(bootstrapBody, {
    tenantName: flags.tenant,
    storeName: flags.store,
    ownerEmail: flags.ownerEmail,
    ownerPassword: flags.ownerPassword,
    maxDevices: flags.maxDevices,
    currency: flags.currency,
  });
  const { api } = loggedInClient(globals);
  const answer = await api.request('POST', '/bootstrap', { body, response: bootstrapResponse });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'tenantLine', answer.tenant));
  printLine(text(globals.lang, 'storeLine', answer.store));
  printLine(text(globals.lang, 'ownerLine', answer.owner));
  printLine();
  printDeviceKey(globals.lang, answer.device.name, answer.deviceKey, api.server);
}

export async function listTenants(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/tenants', { response: tenantListResponse });
  if (globals.json) return printJson(answer);
  if (answer.tenants.length === 0) return printLine(text(globals.lang, 'noTenants'));
  const t = (key: Parameters<typeof text>[1]) => text(globals.lang, key);
  printTable(
    [t('colId'), t('colName'), t('colRegisters'), t('colCreated')],
    answer.tenants.map((tenant) => [
      tenant.id,
      tenant.name,
      `${tenant.used}/${tenant.maxDevices}`,
      formatTime(tenant.createdAt),
    ]),
  );
}

const maxDevicesArgs = z.strictObject({
  tenantId: z.uuid(),
  maxDevices: z.coerce.number().pipe(maxDevicesSchema),
});

/** `posapp tenants max-devices` (superadmin): sells (or takes back unused) register seats. */
export async function setMaxDevices(
  tenantId: string,
  maxDevices: string,
  _options: unknown,
  command: Command,
): Promise<void> {
  const globals = globalsOf(command);
  const args = parseOptions(maxDevicesArgs, { tenantId, maxDevices });
  const { api } = loggedInClient(globals);
  const answer = await api.request('PATCH', `/tenants/${args.tenantId}/max-devices`, {
    body: { maxDevices: args.maxDevices },
    response: maxDevicesResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(
    text(globals.lang, 'maxDevicesSet', { tenant: answer.tenant.name, max: answer.tenant.maxDevices }),
  );
}
