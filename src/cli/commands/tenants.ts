import type { Command } from 'commander';
import { z } from 'zod';
import {
  bootstrapBody,
  bootstrapResponse,
  currencySchema,
  type BootstrapBody,
  maxDevicesResponse,
  maxDevicesSchema,
  tenantListResponse,
} from '../../common/protocol/tenants.js';
import { loggedInClient } from '../api-client.js';
import { text } from '../messages.js';
import { formatTime, printJson, printLine, printTable } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';
import { printDeviceKey } from './devices.js';

/** The protocol's own rules, under the flag names, so a typo is reported as the flag the user typed. */
const bootstrapFlagsSchema = z.strictObject({
  tenant: bootstrapBody.shape.tenantName,
  store: bootstrapBody.shape.storeName,
  ownerEmail: bootstrapBody.shape.ownerEmail,
  ownerPassword: bootstrapBody.shape.ownerPassword,
  maxDevices: z.coerce.number().pipe(maxDevicesSchema).optional(),
  currency: currencySchema.optional(),
});

/** `posapp bootstrap` (superadmin): a tenant, its first store, its owner and register POS-01 in one go. */
export async function bootstrap(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(bootstrapFlagsSchema, command.opts());
  const body: BootstrapBody = {
    tenantName: flags.tenant,
    storeName: flags.store,
    ownerEmail: flags.ownerEmail,
    ownerPassword: flags.ownerPassword,
    maxDevices: flags.maxDevices,
    currency: flags.currency,
  };
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

/** `posapp tenants max-devices` (superadmin): sells (or takes back unused) register seats. */
export async function setMaxDevices(
  tenantIdArg: string,
  maxDevicesArg: string,
  _options: unknown,
  command: Command,
): Promise<void> {
  const globals = globalsOf(command);
  const tenantId = parseOptions(z.uuid(), tenantIdArg, '<tenantId>');
  const maxDevices = parseOptions(z.coerce.number().pipe(maxDevicesSchema), maxDevicesArg, '<n>');
  const { api } = loggedInClient(globals);
  const answer = await api.request('PATCH', `/tenants/${tenantId}/max-devices`, {
    body: { maxDevices },
    response: maxDevicesResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(
    text(globals.lang, 'maxDevicesSet', { tenant: answer.tenant.name, max: answer.tenant.maxDevices }),
  );
}
