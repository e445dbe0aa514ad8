import { useState } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { reportGroups, type SalesReportResponse } from '../../common/protocol/reports';
import { formatQuantity } from '../../common/quantity';
import { useSalesReport } from '../api/reports';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatMoney } from '../format';
import { downloadCsv } from './download';
import { rangeSlug, type DayRange } from './range';
import { SalesCharts } from './sales-charts';
import { countColumns, countOf, rowLabel, salesColumns, salesCsv, type SalesColumn } from './tables';

type Group = SalesReportResponse['groupBy'];

/**
 * Sales of the period grouped as the owner chooses. Every figure is the server's, totals included; the chart
 * always reads the per-day report of the same period (the same request when grouping by day).
 */
export function SalesTab({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<Group>('day');
  const report = useSalesReport(range, groupBy);
  const byDay = useSalesReport(range, 'day');

  const download = (data: SalesReportResponse) =>
    downloadCsv(
      `sales-${data.groupBy}-${rangeSlug(range)}.csv`,
      salesCsv(data, {
        group: t(`reports.columns.${data.groupBy}`),
        total: t('reports.total'),
        currency: t('reports.currency'),
        columns: {
          qty: t('reports.columns.qty'),
          count: t('reports.columns.count'),
          sales: t('reports.columns.sales'),
          refunds: t('reports.columns.refunds'),
          net: t('reports.columns.net'),
          vat: t('reports.columns.vat'),
          voids: t('reports.columns.voids'),
          cancels: t('reports.columns.cancels'),
          refundCount: t('reports.columns.refundCount'),
        },
      }),
    );

  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <PageLoader />;
  const data = report.data;

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('reports.columns.net')} value={formatMoney(data.totals.net)} testId="total-net" />
        <Stat label={t('reports.columns.count')} value={String(data.totals.count)} testId="total-count" />
        <Stat
          label={t('reports.columns.refunds')}
          value={formatMoney(data.totals.refunds)}
          testId="total-refunds"
        />
        <Stat label={t('reports.columns.vat')} value={formatMoney(data.totals.vat)} testId="total-vat" />
      </SimpleGrid>
      {byDay.data && <SalesCharts byDay={byDay.data} payments={data.payments} />}
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('reports.groupBy')}
          value={groupBy}
          onChange={(value) => value && setGroupBy(value as Group)}
          allowDeselect={false}
          data={reportGroups.map((group) => ({ value: group, label: t(`reports.groups.${group}`) }))}
          w={200}
        />
        <Button variant="light" onClick={() => download(data)} disabled={data.rows.length === 0}>
          {t('reports.download')}
        </Button>
      </Group>
      {data.rows.length === 0 ? <Text c="dimmed">{t('reports.empty')}</Text> : <SalesTable report={data} />}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Paper>
  );
}

function figure(
  column: SalesColumn,
  figures: SalesReportResponse['totals'] & Partial<SalesReportResponse['rows'][number]>,
): string {
  if (column === 'qty') return figures.qty === undefined ? '' : formatQuantity(figures.qty);
  if (countColumns.has(column)) return String(countOf(column, figures) ?? '');
  return formatMoney(figures[column as 'sales' | 'refunds' | 'net' | 'vat']);
}

interface Line {
  key: string;
  label: string;
  figures: SalesReportResponse['totals'] & Partial<SalesReportResponse['rows'][number]>;
}

function SalesTable({ report }: { report: SalesReportResponse }) {
  const { t } = useTranslation();
  const columns: ListColumn<Line>[] = [
    {
      key: 'label',
      label: t(`reports.columns.${report.groupBy}`),
      title: true,
      render: (line) => line.label,
    },
    ...salesColumns(report.groupBy).map((column): ListColumn<Line> => ({
      key: column,
      label: t(`reports.columns.${column}`),
      numeric: true,
      nowrap: true,
      testId: `cell-${column}`,
      render: (line) => (column === 'qty' && line.key === '' ? '' : figure(column, line.figures)),
    })),
  ];
  const rows = report.rows.map((row) => ({ key: row.key, label: rowLabel(report, row), figures: row }));
  return (
    <ResponsiveList
      rows={rows}
      columns={columns}
      rowKey={(line) => line.key}
      rowTestId={(line) => `sales-row-${line.label}`}
      footer={{ key: '', label: t('reports.total'), figures: report.totals }}
      footerTestId="sales-totals"
      testId="sales-table"
    />
  );
}
