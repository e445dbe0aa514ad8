import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditReportResponse } from '../../common/protocol/reports';
import { auditKinds } from '../../common/protocol/sync';
import { useDevices } from '../api/devices';
import { useAuditReport, type AuditFilters } from '../api/reports';
import { useUsers } from '../api/users';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatDateTime, formatMoney } from '../format';
import type { DayRange } from './range';

type AuditEvent = AuditReportResponse['events'][number];

/** Loss-relevant acts at the registers, newest first, filtered by register, cashier and kind. */
export function AuditTab({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ device: null, cashier: null, kind: null });
  const devices = useDevices();
  const users = useUsers();
  const report = useAuditReport(range, filters);
  const events = report.data?.pages.flatMap((page) => page.events) ?? [];
  const columns: ListColumn<AuditEvent>[] = [
    {
      key: 'kind',
      label: t('reports.audit.kind'),
      title: true,
      render: (e) => t(`reports.audit.kinds.${e.kind}`),
    },
    {
      key: 'time',
      label: t('reports.audit.time'),
      nowrap: true,
      render: (e) => formatDateTime(e.occurredAt),
    },
    { key: 'register', label: t('reports.audit.register'), render: (e) => e.device ?? e.deviceId },
    { key: 'cashier', label: t('reports.audit.cashier'), render: (e) => e.cashier ?? '' },
    {
      key: 'amount',
      label: t('reports.audit.amount'),
      numeric: true,
      nowrap: true,
      render: (e) => (e.amount === null ? '' : formatMoney(e.amount)),
    },
    { key: 'reason', label: t('reports.audit.reason'), render: (e) => e.reason ?? '' },
    { key: 'approvedBy', label: t('reports.audit.approvedBy'), render: (e) => e.approver ?? '' },
    {
      key: 'detail',
      label: t('reports.audit.detail'),
      render: (e) =>
        Object.entries(e.detail)
          .map(([key, value]) => `${key}: ${String(value)}`)
          .join(', '),
    },
  ];
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
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : events.length === 0 ? (
        <Text c="dimmed">{t('reports.audit.empty')}</Text>
      ) : (
        <ResponsiveList
          rows={events}
          columns={columns}
          rowKey={(e) => e.id}
          rowTestId={() => 'audit-row'}
          testId="audit-table"
        />
      )}
      {report.hasNextPage && (
        <Button variant="light" loading={report.isFetchingNextPage} onClick={() => report.fetchNextPage()}>
          {t('reports.audit.more')}
        </Button>
      )}
    </Stack>
  );
}
