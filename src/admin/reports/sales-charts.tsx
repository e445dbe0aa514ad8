import { Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SalesReportResponse } from '../../common/protocol/reports';
import { currentLanguage } from '../i18n/index';
import { formatMoney } from '../format';
import { daysOf, formatDay } from './range';

type Method = keyof SalesReportResponse['payments'];
const methods: readonly Method[] = ['cash', 'card', 'qr'];
const methodColor: Record<Method, string> = {
  cash: 'var(--mantine-color-teal-6)',
  card: 'var(--mantine-color-blue-6)',
  qr: 'var(--mantine-color-violet-6)',
};

/** Axis ticks in whole so‘m, short (`1,2 mln`); exact sums are in the tooltip and the table. */
function compactSom(minor: number): string {
  return new Intl.NumberFormat(currentLanguage(), { notation: 'compact', maximumFractionDigits: 1 }).format(
    minor / 100,
  );
}

/**
 * Net sales per store day as bars, and where the money came in as a pie with the exact amounts beside it.
 * No animation: a report is read, not watched, and a half-drawn chart must not be what a printout shows.
 */
export function SalesCharts({
  byDay,
  payments,
}: {
  byDay: SalesReportResponse;
  payments: SalesReportResponse['payments'];
}) {
  const { t } = useTranslation();
  const net = new Map(byDay.rows.map((row) => [row.label, row.net]));
  const days = daysOf(byDay).map((day) => ({ day: formatDay(day), net: net.get(day) ?? 0 }));
  const slices = methods
    .filter((method) => payments[method] > 0)
    .map((method) => ({ method, name: t(`reports.methods.${method}`), value: payments[method] }));
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder p="md" h="100%">
          <Title order={5} mb="sm">
            {t('reports.salesByDay')}
          </Title>
          {byDay.rows.length === 0 ? (
            // No bars to draw: say so instead of an axis of zeros.
            <Text c="dimmed" h={240} data-testid="chart-empty">
              {t('reports.noSales')}
            </Text>
          ) : (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={days} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="day"
                  tick={{ fontSize: 12 }}
                  tickFormatter={(day: string) => day.slice(0, 5)}
                />
                <YAxis tickFormatter={compactSom} tick={{ fontSize: 12 }} width={56} />
                <Tooltip formatter={(value) => [formatMoney(Number(value)), t('reports.columns.net')]} />
                <Bar
                  dataKey="net"
                  fill="var(--mantine-color-blue-6)"
                  radius={[4, 4, 0, 0]}
                  maxBarSize={48}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md" h="100%">
          <Title order={5} mb="sm">
            {t('reports.payments')}
          </Title>
          {slices.length === 0 ? (
            <Text c="dimmed">{t('reports.noPayments')}</Text>
          ) : (
            <ResponsiveContainer width="100%" height={160}>
              <PieChart>
                <Pie
                  data={slices}
                  dataKey="value"
                  nameKey="name"
                  innerRadius={40}
                  outerRadius={70}
                  stroke="none"
                >
                  {slices.map((slice) => (
                    <Cell key={slice.method} fill={methodColor[slice.method]} />
                  ))}
                </Pie>
                <Tooltip formatter={(value) => formatMoney(Number(value))} />
              </PieChart>
            </ResponsiveContainer>
          )}
          <Stack gap={4} mt="sm">
            {methods.map((method) => (
              <Group key={method} justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  <span style={{ width: 10, height: 10, borderRadius: 2, background: methodColor[method] }} />
                  <Text size="sm">{t(`reports.methods.${method}`)}</Text>
                </Group>
                <Text size="sm" fw={500} data-testid={`pay-${method}`}>
                  {formatMoney(payments[method])}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
