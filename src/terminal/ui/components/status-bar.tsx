import { Box, Text } from 'ink';
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

/** One row: who and where, then the sync state; a revoked register is shown in red. */
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
  const left = truncate(
    [store, device, cashier].filter(Boolean).join(' · '),
    Math.max(10, columns - right.length - 2),
  );
  const color = sync.revoked ? 'red' : sync.online ? 'green' : 'yellow';
  return (
    <Box width={columns} justifyContent="space-between">
      <Text bold wrap="truncate">
        {left}
      </Text>
      <Text color={color} bold={sync.revoked} wrap="truncate">
        {right}
      </Text>
    </Box>
  );
}
