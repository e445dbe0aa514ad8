import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { fiscalTimeLeftMs, hoursAndMinutes } from '../../common/fiscal-countdown.js';
import type { Lang } from '../../common/i18n/index.js';
import {
  createDeviceBody,
  createDeviceResponse,
  deviceActionResponse,
  deviceListResponse,
  resetKeyResponse,
  type Device,
} from '../../common/protocol/devices.js';
import { loggedInClient, type ApiClient } from '../api-client.js';
import { text } from '../messages.js';
import { clockCell, formatTime, printJson, printLine, printTable, style } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

/** The key is shown once, together with the exact command the installer types on the register. */
export function printDeviceKey(lang: Lang, deviceName: string, deviceKey: string, server: string): void {
  printLine(text(lang, 'deviceKeyOnce', { device: deviceName }));
  printLine(`  ${style.bold(deviceKey)}`);
  printLine(text(lang, 'runOnRegister'));
  printLine(`  ${style.cyan(`pos-activate ${deviceKey} --server ${server}`)}`);
}

/** Accepts what the owner sees in `devices list`: an id, or a name such as POS-02. */
export async function resolveDevice(api: ApiClient, idOrName: string): Promise<Device> {
  const { devices } = await api.request('GET', '/devices', { response: deviceListResponse });
  const wanted = idOrName.trim();
  const found =
    devices.find((d) => d.id === wanted) ??
    devices.find((d) => d.name.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new AppError('DEVICE_NOT_FOUND', { params: { device: wanted } });
  return found;
}

const forceFlagsSchema = z.strictObject({ force: z.boolean().optional() });

export async function addDevice(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const body = parseOptions(createDeviceBody, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('POST', '/devices', { body, response: createDeviceResponse });
  if (globals.json) return printJson(answer);
  printDeviceKey(globals.lang, answer.device.name, answer.deviceKey, api.server);
}

export async function listDevices(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/devices', { response: deviceListResponse });
  if (globals.json) return printJson(answer);
  const t = (key: Parameters<typeof text>[1], params?: Record<string, number>) =>
    text(globals.lang, key, params);
  /** The fiscal module's state and the time left before it refuses sales for receipts the tax server lacks. */
  const fiscal = (report: Device['report']): string => {
    if (!report?.fiscal) return '—';
    // The FM number as its receipts print it, then its state.
    const state = (): string => {
      if (report.fiscal!.locked) return t('devicesFiscalLocked');
      const left = fiscalTimeLeftMs(report.fiscal);
      if (left === null) return t('fiscalAllSent');
      return left <= 0 ? t('fiscalOverdue') : t('devicesFiscalLeft', hoursAndMinutes(left));
    };
    return `${report.fiscal.terminalId}: ${state()}`;
  };
  printTable(
    [
      t('colName'),
      t('colStatus'),
      t('colActivated'),
      t('colLastSeen'),
      t('colUnsent'),
      t('colVersion'),
      t('colFiscal'),
      t('colUnapplied'),
      t('colClock'),
    ],
    answer.devices.map((d) => [
      d.name,
      d.status,
      formatTime(d.activatedAt),
      formatTime(d.lastSeenAt),
      d.unsentEvents ?? '—',
      d.report?.appVersion ?? '—',
      fiscal(d.report),
      d.report ? d.report.unapplied.count : '—',
      clockCell(d.clockOffsetMs ?? null),
    ]),
  );
  printLine(text(globals.lang, 'devicesUsed', { used: answer.used, max: answer.maxDevices }));
}

function forceQuery(force: boolean | undefined): Record<string, string> {
  return force ? { force: 'true' } : {};
}

export async function revokeDevice(idOrName: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { force } = parseOptions(forceFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const device = await resolveDevice(api, idOrName);
  const answer = await api.request('POST', `/devices/${encodeURIComponent(device.id)}/revoke`, {
    query: forceQuery(force),
    response: deviceActionResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'deviceRevoked', { device: answer.device.name }));
  printLine(text(globals.lang, 'unsentStillAccepted'));
}

export async function resetDeviceKey(idOrName: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { force } = parseOptions(forceFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const device = await resolveDevice(api, idOrName);
  const answer = await api.request('POST', `/devices/${encodeURIComponent(device.id)}/reset-key`, {
    query: forceQuery(force),
    response: resetKeyResponse,
  });
  if (globals.json) return printJson(answer);
  printDeviceKey(globals.lang, answer.device.name, answer.deviceKey, api.server);
  printLine(text(globals.lang, 'unsentStillAccepted'));
}
