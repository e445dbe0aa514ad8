import '@mantine/dates/styles.css';
import { useState } from 'react';
import { Group, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StoreTimeNote } from '../components/store-time-note';
import { presetRange, type DayRange } from './range';
import { RangePicker } from './range-picker';
import { AuditTab } from './audit-tab';
import { FiscalTab } from './fiscal-tab';
import { SalesTab } from './sales-tab';
import { ShiftsTab } from './shifts-tab';

/**
 * Sales by day, register, cashier or product with charts, the shifts' Z-reports, and what the registers recorded
 * (voids, cancels, discounts, drawer opens, wrong PINs), and each receipt's fiscal result, for one period.
 */
export function ReportsScreen() {
  const { t } = useTranslation();
  const [range, setRange] = useState<DayRange>(() => presetRange('week'));
  const [tab, setTab] = useState<string | null>('sales');
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('reports.title')}</Title>
        <RangePicker range={range} onChange={setRange} />
      </Group>
      <StoreTimeNote />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sales">{t('reports.tabs.sales')}</Tabs.Tab>
          <Tabs.Tab value="shifts">{t('reports.tabs.shifts')}</Tabs.Tab>
          <Tabs.Tab value="audit">{t('reports.tabs.audit')}</Tabs.Tab>
          <Tabs.Tab value="fiscal">{t('reports.tabs.fiscal')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sales" pt="md">
          <SalesTab range={range} />
        </Tabs.Panel>
        <Tabs.Panel value="shifts" pt="md">
          <ShiftsTab range={range} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditTab range={range} />
        </Tabs.Panel>
        <Tabs.Panel value="fiscal" pt="md">
          <FiscalTab range={range} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
