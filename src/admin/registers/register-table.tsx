import { Badge, Button, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fiscalTimeLeftMs, hoursAndMinutes } from '../../common/fiscal-countdown';
import type { Device, DeviceStatus } from '../../common/protocol/devices';
import { clockOff } from '../../common/time';
import type { DeviceAction } from '../api/devices';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatDate, formatDateTime } from '../format';

const statusColor: Record<DeviceStatus, string> = { active: 'green', pending: 'yellow', revoked: 'gray' };

/** Under a quarter of the register's unsent limit left: the owner should see it from across the room. */
function warnBelowMs(fiscal: { blockAfterHours?: number }): number {
  return ((fiscal.blockAfterHours ?? 24) * 60 * 60 * 1000) / 4;
}

/** The fiscal module's state and the countdown to the unsent limit, after which it refuses sales. */
function FiscalCell({ report }: { report: Device['report'] }) {
  const { t } = useTranslation();
  const fiscal = report?.fiscal;
  if (!fiscal) return <>{t('common.none')}</>;
  if (fiscal.locked) return <Badge color="red">{t('registers.fiscalLocked')}</Badge>;
  const left = fiscalTimeLeftMs(fiscal);
  if (left === null) return <Badge color="green">{t('registers.fiscalAllSent')}</Badge>;
  if (left <= 0) return <Badge color="red">{t('registers.fiscalOverdue')}</Badge>;
  return (
    <Badge color={left < warnBelowMs(fiscal) ? 'orange' : 'blue'} variant="light" miw="max-content">
      {t('registers.fiscalLeft', hoursAndMinutes(left))}
    </Badge>
  );
}

/** The FM number printed on its receipts, and the FactoryID the register is set to, under the countdown. */
function FiscalModule({ device }: { device: Device }) {
  const terminalId = device.report?.fiscal?.terminalId;
  if (!terminalId && !device.fiscalModuleId) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="fiscal-module">
      {[terminalId, device.fiscalModuleId].filter(Boolean).join(' · ')}
    </Text>
  );
}

/** Pulled changes the register could not apply; the list behind the count says what and why. */
function UnappliedCell({ report }: { report: Device['report'] }) {
  const { t } = useTranslation();
  if (!report) return <>{t('common.none')}</>;
  const { count, items } = report.unapplied;
  if (count === 0) return <>0</>;
  const lines = items.map((c) => `${c.entity} ${c.id} (v${c.version}): ${c.reason}`).join('\n');
  return (
    <Tooltip label={lines} multiline maw={420} style={{ whiteSpace: 'pre-line' }}>
      <Badge color="orange" data-testid="unapplied">
        {count}
      </Badge>
    </Tooltip>
  );
}

/** The register's clock as its last push found it: red when more than two minutes off. */
function ClockCell({ offsetMs }: { offsetMs: number | null | undefined }) {
  const { t } = useTranslation();
  if (offsetMs === null || offsetMs === undefined) return <>{t('common.none')}</>;
  const off = clockOff(offsetMs);
  if (!off) return <>{t('registers.clockOk')}</>;
  const span = { hours: off.hours, minutes: off.minutes };
  return (
    <Tooltip label={t('registers.clockHint')} multiline maw={320}>
      <Badge color="red" miw="max-content" data-testid="clock-off">
        {t(off.behind ? 'registers.clockBehind' : 'registers.clockAhead', span)}
      </Badge>
    </Tooltip>
  );
}

export function RegisterTable({
  devices,
  onAction,
}: {
  devices: Device[];
  onAction: (device: Device, action: DeviceAction) => void;
}) {
  const { t } = useTranslation();
  const none = t('common.none');
  if (devices.length === 0) return <Text c="dimmed">{t('registers.empty')}</Text>;
  const columns: ListColumn<Device>[] = [
    { key: 'name', label: t('registers.name'), title: true, nowrap: true, render: (d) => d.name },
    {
      key: 'status',
      label: t('registers.status'),
      nowrap: true,
      render: (d) => (
        <Badge color={statusColor[d.status]} variant="light" miw="max-content">
          {t(`status.${d.status}`)}
        </Badge>
      ),
    },
    { key: 'activated', label: t('registers.activated'), render: (d) => formatDate(d.activatedAt) ?? none },
    { key: 'lastSeen', label: t('registers.lastSeen'), render: (d) => formatDateTime(d.lastSeenAt) ?? none },
    {
      key: 'unsent',
      label: t('registers.unsent'),
      render: (d) =>
        d.unsentEvents ? <Badge color="orange">{d.unsentEvents}</Badge> : (d.unsentEvents ?? none),
    },
    { key: 'version', label: t('registers.version'), render: (d) => d.report?.appVersion ?? none },
    {
      key: 'fiscal',
      label: t('registers.fiscal'),
      nowrap: true,
      render: (d) => (
        <>
          <FiscalCell report={d.report} />
          <FiscalModule device={d} />
        </>
      ),
    },
    { key: 'unapplied', label: t('registers.unapplied'), render: (d) => <UnappliedCell report={d.report} /> },
    {
      key: 'clock',
      label: t('registers.clock'),
      nowrap: true,
      render: (d) => <ClockCell offsetMs={d.clockOffsetMs} />,
    },
  ];
  return (
    <ResponsiveList
      rows={devices}
      columns={columns}
      rowKey={(d) => d.id}
      rowTestId={(d) => `device-${d.name}`}
      actionsLabel={t('registers.actions')}
      actions={(device) =>
        device.status !== 'revoked' && (
          <>
            <Button size="xs" variant="light" onClick={() => onAction(device, 'reset-key')}>
              {t('registers.resetKey')}
            </Button>
            <Button size="xs" variant="light" color="red" onClick={() => onAction(device, 'revoke')}>
              {t('registers.revoke')}
            </Button>
          </>
        )
      }
    />
  );
}
