import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditKinds } from '../../common/protocol/sync';
import { formatMoney } from '../../common/money';
import { useDevices } from '../api/devices';
import { useAuditReport, type AuditFilters } from '../api/reports';
import { useUsers } from '../api/users';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { formatDateTime } from '../format';
import type { DayRange } from './range';

/** Loss-relevant acts at the registers, newest first, filtered by register, cashier and kind. */
export function AuditTab({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ device: null, cashier: null, kind: null });
  const devices = useDevices();
  const users = useUsers();
  const report = useAuditReport(range, filters);
  const events = report.data?.pages.flatMap((page) => page.events) ?? [];
  const set = (key: keyof AuditFilters) => (value: string | null) => setFilters({ ...filters, [key]: value });

  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t('reports.audit.register')}
          placeholder={t('reports.audit.all')}
          clearable
          data={(devices.data?.devices ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={filters.device}
          onChange={set('device')}
        />
        <Select
          label={t('reports.audit.cashier')}
          placeholder={t('reports.audit.all')}
          clearable
          searchable
          data={(users.data?.users ?? [])
            .filter((u) => u.role === 'cashier' || u.role === 'supervisor')
            .map((u) => ({ value: u.id, label: u.name }))}
          value={filters.cashier}
          onChange={set('cashier')}
        />
        <Select
          label={t('reports.audit.kind')}
          placeholder={t('reports.audit.all')}
          clearable
          data={auditKinds.map((kind) => ({ value: kind, label: t(`reports.audit.kinds.${kind}`) }))}
          value={filters.kind}
          onChange={set('kind')}
        />
      </Group>
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <ErrorAlert error={report.error} />
      ) : events.length === 0 ? (
        <Text c="dimmed">{t('reports.audit.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.audit.time')}</Table.Th>
                <Table.Th>{t('reports.audit.register')}</Table.Th>
                <Table.Th>{t('reports.audit.cashier')}</Table.Th>
                <Table.Th>{t('reports.audit.kind')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('reports.audit.amount')}</Table.Th>
                <Table.Th>{t('reports.audit.reason')}</Table.Th>
                <Table.Th>{t('reports.audit.approvedBy')}</Table.Th>
                <Table.Th>{t('reports.audit.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.occurredAt)}</Table.Td>
                  <Table.Td>{e.device ?? e.deviceId}</Table.Td>
                  <Table.Td>{e.cashier ?? ''}</Table.Td>
                  <Table.Td>{t(`reports.audit.kinds.${e.kind}`)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {e.amount === null ? '' : formatMoney(e.amount)}
                  </Table.Td>
                  <Table.Td>{e.reason ?? ''}</Table.Td>
                  <Table.Td>{e.approver ?? ''}</Table.Td>
                  <Table.Td>
                    {Object.entries(e.detail)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(', ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {report.hasNextPage && (
        <Button variant="light" loading={report.isFetchingNextPage} onClick={() => report.fetchNextPage()}>
          {t('reports.audit.more')}
        </Button>
      )}
    </Stack>
  );
}
