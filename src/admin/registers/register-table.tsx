import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Device, DeviceStatus } from '../../common/protocol/devices';
import type { DeviceAction } from '../api/devices';
import { formatDate, formatDateTime } from '../format';

const statusColor: Record<DeviceStatus, string> = { active: 'green', pending: 'yellow', revoked: 'gray' };

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
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('registers.name')}</Table.Th>
            <Table.Th>{t('registers.status')}</Table.Th>
            <Table.Th>{t('registers.activated')}</Table.Th>
            <Table.Th>{t('registers.lastSeen')}</Table.Th>
            <Table.Th>{t('registers.unsent')}</Table.Th>
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
