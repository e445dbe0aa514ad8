import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ShiftsReportResponse } from '../../common/protocol/reports';
import { useShiftsReport } from '../api/reports';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { ResponsiveList } from '../components/responsive-list';
import { formatDateTime, formatMoney } from '../format';
import { downloadCsv } from './download';
import { rangeSlug, type DayRange } from './range';
import { isShiftMoney, shiftColumns, shiftsCsv, shiftValue, type ShiftColumn } from './tables';

type Shift = ShiftsReportResponse['shifts'][number];

/** Z-reports of the shifts opened in the period: what the drawer should hold against what was counted. */
export function ShiftsTab({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  const report = useShiftsReport(range);
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <PageLoader />;
  const data = report.data;
  const labels = Object.fromEntries(shiftColumns.map((c) => [c, t(`reports.shifts.${c}`)])) as Record<
    ShiftColumn,
    string
  >;

  const download = () =>
    downloadCsv(
      `shifts-${rangeSlug(range)}.csv`,
      shiftsCsv(data, {
        currency: t('reports.currency'),
        stillOpen: t('reports.shifts.stillOpen'),
        columns: labels,
      }),
    );

  return (
    <Stack>
      <Group justify="flex-end">
        <Button variant="light" onClick={download} disabled={data.shifts.length === 0}>
          {t('reports.download')}
        </Button>
      </Group>
      {data.shifts.length === 0 ? (
        <Text c="dimmed">{t('reports.shifts.empty')}</Text>
      ) : (
        <ResponsiveList
          rows={data.shifts}
          columns={screenColumns.map((column) => ({
            key: column,
            label: labels[column],
            title: column === 'device',
            numeric: isShiftMoney(column) || column === 'salesCount',
            nowrap: true,
            testId: `cell-${column}`,
            render: (shift: Shift) => <ShiftCell shift={shift} column={column} />,
          }))}
          rowKey={(shift) => shift.id}
          rowTestId={(shift) => `shift-${shift.id}`}
          testId="shifts-table"
        />
      )}
    </Stack>
  );
}

/**
 * On screen the drawer's difference comes right after who and when, so it is in view on a 1366 px laptop
 * without scrolling; the download keeps the Z-report's own order.
 */
const screenColumns: readonly ShiftColumn[] = [
  'device',
  'cashier',
  'opened',
  'closed',
  'difference',
  'counted',
  'expected',
  ...shiftColumns.filter(
    (c) => !['device', 'cashier', 'opened', 'closed', 'difference', 'counted', 'expected'].includes(c),
  ),
];

function ShiftCell({ shift, column }: { shift: Shift; column: ShiftColumn }) {
  const { t } = useTranslation();
  if (column === 'opened') return formatDateTime(shift.openedAt);
  if (column === 'closed') {
    return shift.closedAt ? (
      formatDateTime(shift.closedAt)
    ) : (
      <Badge color="yellow" variant="light" miw="max-content">
        {t('reports.shifts.stillOpen')}
      </Badge>
    );
  }
  const value = shiftValue(shift, column);
  if (value === null) return t('common.none');
  if (column === 'difference') {
    // A short or over drawer is what the owner looks for first. An amount keeps its case (a badge shouts).
    const diff = value as number;
    return (
      <Badge
        color={diff === 0 ? 'green' : 'red'}
        variant={diff === 0 ? 'light' : 'filled'}
        miw="max-content"
        tt="none"
      >
        {formatMoney(diff)}
      </Badge>
    );
  }
  return isShiftMoney(column) ? formatMoney(value as number) : String(value);
}
