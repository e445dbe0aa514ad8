import { Box, Text } from 'ink';
import { hoursAndMinutes } from '../../../common/fiscal-countdown.js';
import type { Lang } from '../../../common/i18n/index.js';
import { clockOff } from '../../../common/time.js';
import type { FiscalBar } from '../../fiscal/service.js';
import type { SyncStatus } from '../sync-monitor.js';
import { syncTimeLabel, truncate } from '../format.js';
import { say } from '../text.js';
import { useUi } from '../ui-context.js';

export interface StatusBarProps {
  store: string;
  device: string;
  cashier: string | null;
  sync: SyncStatus;
  now: Date;
}

/** The FM's countdown: green while under half the limit, yellow past half, red past three quarters and blocked. */
export function fiscalSegment(
  lang: Lang,
  fiscal: FiscalBar,
): { text: string; color: string; blocked: boolean } {
  const { countdown, locked } = fiscal;
  if (locked || countdown.level === 'blocked')
    return { text: say(lang, 'ui.status.fiscalBlocked'), color: 'red', blocked: true };
  if (countdown.leftMs === null)
    return { text: say(lang, 'ui.status.fiscalSent'), color: 'green', blocked: false };
  const { hours, minutes } = hoursAndMinutes(countdown.leftMs);
  const left = `${hours}:${String(minutes).padStart(2, '0')}`;
  const color = countdown.level === 'ok' ? 'green' : countdown.level === 'half' ? 'yellow' : 'red';
  return { text: say(lang, 'ui.status.fiscal', { left }), color, blocked: false };
}

/** The words under a warning or a block: what happens and what to do; null while the countdown is calm. */
export function fiscalWarning(lang: Lang, fiscal: FiscalBar | null): { text: string; color: string } | null {
  if (!fiscal) return null;
  const { countdown, locked } = fiscal;
  if (locked) return { text: say(lang, 'ui.fiscal.locked'), color: 'red' };
  if (countdown.level === 'ok') return null;
  if (countdown.level === 'blocked') return { text: say(lang, 'ui.fiscal.blocked'), color: 'red' };
  const params = hoursAndMinutes(countdown.leftMs ?? 0);
  return countdown.level === 'half'
    ? { text: say(lang, 'ui.fiscal.half', params), color: 'yellow' }
    : { text: say(lang, 'ui.fiscal.threeQuarters', params), color: 'red' };
}

/**
 * The register's clock when the last sync found it more than two minutes off: sales still land on the right day
 * (the server corrects them), but the fiscal module refuses a wrong clock and receipts print the wrong time.
 */
export function clockSegment(lang: Lang, offsetMs: number | null): string | null {
  const off = clockOff(offsetMs);
  if (!off) return null;
  const span = { hours: off.hours, minutes: off.minutes };
  const by = say(lang, off.hours > 0 ? 'ui.status.hoursMinutes' : 'ui.status.minutes', span);
  return say(lang, off.behind ? 'ui.status.clockBehind' : 'ui.status.clockAhead', { by });
}

/** One row: who and where, the FM countdown, then the sync state; a revoked register is shown in red. */
export function StatusBar({ store, device, cashier, sync, now }: StatusBarProps) {
  const { lang, columns } = useUi();
  const state = sync.revoked
    ? say(lang, 'ui.status.revoked')
    : say(lang, sync.online ? 'ui.status.online' : 'ui.status.offline');
  const right = [
    state,
    say(lang, 'ui.status.waiting', { count: sync.pending }),
    say(lang, 'ui.status.lastSync', { time: syncTimeLabel(sync.lastSyncAt, now, lang) }),
  ].join(' · ');
  const fiscal = sync.fiscal ? fiscalSegment(lang, sync.fiscal) : null;
  const fiscalWidth = fiscal ? fiscal.text.length + 3 : 0;
  const clock = clockSegment(lang, sync.clockOffsetMs);
  const clockWidth = clock ? clock.length + 3 : 0;
  const left = truncate(
    [store, device, cashier].filter(Boolean).join(' · '),
    Math.max(10, columns - right.length - fiscalWidth - clockWidth - 2),
  );
  const color = sync.revoked ? 'red' : sync.online ? 'green' : 'yellow';
  return (
    <Box width={columns} justifyContent="space-between">
      <Text bold wrap="truncate">
        {left}
      </Text>
      <Box>
        {clock ? (
          <Text color="red" bold wrap="truncate">
            {clock}
          </Text>
        ) : null}
        {clock ? <Text> · </Text> : null}
        {fiscal ? (
          <Text color={fiscal.color} bold={fiscal.color !== 'green'} inverse={fiscal.blocked} wrap="truncate">
            {fiscal.text}
          </Text>
        ) : null}
        {fiscal ? <Text> · </Text> : null}
        <Text color={color} bold={sync.revoked} wrap="truncate">
          {right}
        </Text>
      </Box>
    </Box>
  );
}
