import type { Command } from 'commander';
import { z } from 'zod';
import {
  bootstrapBody,
  bootstrapResponse,
  currencySchema,
  type BootstrapBody,
  maxDevicesResponse,
  maxDevicesSchema,
  licenceHistoryResponse,
  licenceNoteSchema,
  tenantListResponse,
  tenantSorts,
} from '../../common/protocol/tenants.js';
import { loggedInClient } from '../api-client.js';
import { text, type TextKey } from '../messages.js';
import { formatTime, printJson, printLine, printNotice, printTable } from '../output.js';
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

const listFlagsSchema = z.strictObject({
  search: z.string().max(191).optional(),
  sort: z.enum(tenantSorts).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  allPages: z.boolean().optional(),
});

/**
 * `posapp tenants list` (superadmin): the seller's list of shops to call. By default the tenants who asked for more
 * registers come first; `--search` finds a shop by name, owner email or id.
 */
export async function listTenants(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(listFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const query: Record<string, string> = {
    limit: String(flags.limit ?? 100),
    sort: flags.sort ?? 'limitHits',
  };
  if (flags.search) query.search = flags.search;
  let page = await api.request('GET', '/tenants', { query, response: tenantListResponse });
  const tenants = [...page.tenants];
  while (flags.allPages && page.hasMore && page.cursor) {
    page = await api.request('GET', '/tenants', {
      query: { ...query, cursor: page.cursor },
      response: tenantListResponse,
    });
    tenants.push(...page.tenants);
  }
  if (globals.json) return printJson({ tenants, cursor: page.cursor, hasMore: page.hasMore });
  if (tenants.length === 0) return printLine(text(globals.lang, 'noTenants'));
  const t = (key: TextKey) => text(globals.lang, key);
  printTable(
    [t('colId'), t('colName'), t('colRegisters'), t('colOwner'), t('colAskedMore'), t('colCreated')],
    tenants.map((tenant) => [
      tenant.id,
      tenant.name,
      `${tenant.devicesUsed}/${tenant.maxDevices}`,
      tenant.ownerEmail ?? '—',
      tenant.limitHits > 0
        ? text(globals.lang, 'askedMore', { count: tenant.limitHits, at: formatTime(tenant.lastLimitHitAt) })
        : '—',
      formatTime(tenant.createdAt),
    ]),
  );
  if (page.hasMore) printNotice(text(globals.lang, 'morePages'));
}

const maxDevicesFlagsSchema = z.strictObject({ note: licenceNoteSchema.optional() });

/** `posapp tenants max-devices` (superadmin): sells (or takes back unused) register seats; kept as licence history. */
export async function setMaxDevices(
  tenantIdArg: string,
  maxDevicesArg: string,
  _options: unknown,
  command: Command,
): Promise<void> {
  const globals = globalsOf(command);
  const tenantId = parseOptions(z.uuid(), tenantIdArg, '<tenantId>');
  const maxDevices = parseOptions(z.coerce.number().pipe(maxDevicesSchema), maxDevicesArg, '<n>');
  const flags = parseOptions(maxDevicesFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('PATCH', `/tenants/${tenantId}/max-devices`, {
    body: { maxDevices, ...(flags.note !== undefined && { note: flags.note }) },
    response: maxDevicesResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(
    text(globals.lang, 'maxDevicesSet', { tenant: answer.tenant.name, max: answer.tenant.maxDevices }),
  );
}

/** `posapp tenants history <tenantId>` (superadmin): each licence change, newest first. */
export async function licenceHistory(
  tenantIdArg: string,
  _options: unknown,
  command: Command,
): Promise<void> {
  const globals = globalsOf(command);
  const tenantId = parseOptions(z.uuid(), tenantIdArg, '<tenantId>');
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', `/tenants/${tenantId}/licence-history`, {
    response: licenceHistoryResponse,
  });
  if (globals.json) return printJson(answer);
  if (answer.entries.length === 0) return printLine(text(globals.lang, 'noLicenceHistory'));
  const t = (key: TextKey) => text(globals.lang, key);
  printTable(
    [t('colWhen'), t('colBy'), t('colChange'), t('colNote')],
    answer.entries.map((entry) => [
      formatTime(entry.at),
      entry.by,
      `${entry.from} → ${entry.to}`,
      entry.note ?? '',
    ]),
  );
}
