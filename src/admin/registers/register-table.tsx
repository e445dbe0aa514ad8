import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fiscalTimeLeftMs, hoursAndMinutes } from '../../common/fiscal-countdown';
import type { Device, DeviceStatus } from '../../common/protocol/devices';
import type { DeviceAction } from '../api/devices';
import { formatDate, formatDateTime } from '../format';

const statusColor: Record<DeviceStatus, string> = { active: 'green', pending: 'yellow', revoked: 'gray' };

/** Under a quarter of the unsent limit left: the owner should see it from across the room. */
const FISCAL_WARN_MS = 6 * 60 * 60 * 1000;

/** The fiscal module's state and the countdown to the unsent limit, after which it refuses sales. */
function FiscalCell({ report }: { report: Device['report'] }) {
  const { t } = useTranslation();
  const fiscal = report?.fiscal;
  if (!fiscal) return <>{t('common.none')}</>;
  if (fiscal.locked) return <Badge color="red">{t('registers.fiscalLocked')}</Badge>;
  const left = fiscalTimeLeftMs(fiscal.oldestUnsentAt);
  if (left === null) return <Badge color="green">{t('registers.fiscalAllSent')}</Badge>;
  if (left <= 0) return <Badge color="red">{t('registers.fiscalOverdue')}</Badge>;
  return (
    <Badge color={left < FISCAL_WARN_MS ? 'orange' : 'blue'} variant="light" miw="max-content">
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
  return (
    <Table.ScrollContainer minWidth={1040}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('registers.name')}</Table.Th>
            <Table.Th>{t('registers.status')}</Table.Th>
            <Table.Th>{t('registers.activated')}</Table.Th>
            <Table.Th>{t('registers.lastSeen')}</Table.Th>
            <Table.Th>{t('registers.unsent')}</Table.Th>
            <Table.Th>{t('registers.version')}</Table.Th>
            <Table.Th>{t('registers.fiscal')}</Table.Th>
            <Table.Th>{t('registers.unapplied')}</Table.Th>
            <Table.Th>{t('registers.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {devices.map((device) => (
            <Table.Tr key={device.id} data-testid={`device-${device.name}`}>
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {device.name}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={statusColor[device.status]} variant="light" miw="max-content">
                  {t(`status.${device.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(device.activatedAt) ?? none}</Table.Td>
              <Table.Td>{formatDateTime(device.lastSeenAt) ?? none}</Table.Td>
              <Table.Td>
                {device.unsentEvents ? (
                  <Badge color="orange">{device.unsentEvents}</Badge>
                ) : (
                  (device.unsentEvents ?? none)
                )}
              </Table.Td>
              <Table.Td>{device.report?.appVersion ?? none}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <FiscalCell report={device.report} />
                <FiscalModule device={device} />
              </Table.Td>
              <Table.Td>
                <UnappliedCell report={device.report} />
              </Table.Td>
              <Table.Td>
                {device.status !== 'revoked' && (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => onAction(device, 'reset-key')}>
                      {t('registers.resetKey')}
                    </Button>
                    <Button size="xs" variant="light" color="red" onClick={() => onAction(device, 'revoke')}>
                      {t('registers.revoke')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
