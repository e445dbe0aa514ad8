import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { TenantListItem } from '../../common/protocol/tenants';
import { useTenants, type TenantSort } from '../api/tenants';
import { DeviceKeyModal, type ShownKey } from '../components/device-key-modal';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { StoreTimeNote } from '../components/store-time-note';
import { formatDate, formatDateTime } from '../format';
import { BootstrapModal } from './bootstrap-modal';
import { LicenceHistoryModal } from './licence-history-modal';
import { MaxDevicesModal } from './max-devices-modal';

/**
 * The platform owner's view: every tenant's licence, who asked for more registers (the seller's list of shops to
 * call, first by default), raising a licence with its payment note, its history, and opening a new shop.
 */
export function TenantsScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<TenantSort>('limitHits');
  const tenants = useTenants(debounced, sort);
  const [editing, setEditing] = useState<TenantListItem | null>(null);
  const [history, setHistory] = useState<TenantListItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [shownKey, setShownKey] = useState<ShownKey | null>(null);

  const shown = tenants.data?.pages.flatMap((page) => page.tenants) ?? [];
  const columns: ListColumn<TenantListItem>[] = [
    { key: 'name', label: t('tenants.name'), title: true, render: (x) => x.name },
    {
      key: 'seats',
      label: t('tenants.registers'),
      testId: 'tenant-seats',
      render: (x) => `${x.devicesUsed} / ${x.maxDevices}`,
    },
    { key: 'owner', label: t('tenants.owner'), testId: 'tenant-owner', render: (x) => x.ownerEmail ?? '—' },
    {
      key: 'asked',
      label: t('tenants.askedMore'),
      testId: 'tenant-asked',
      render: (x) =>
        x.limitHits > 0
          ? t('tenants.askedTimes', { count: x.limitHits, at: formatDateTime(x.lastLimitHitAt) })
          : '—',
    },
    { key: 'created', label: t('tenants.created'), render: (x) => formatDate(x.createdAt) },
  ];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('tenants.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('tenants.add')}</Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('tenants.search')}
          placeholder={t('tenants.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          maw={480}
        />
        <SegmentedControl
          aria-label={t('tenants.sort')}
          value={sort}
          onChange={(value) => setSort(value as TenantSort)}
          data={[
            { value: 'limitHits', label: t('tenants.sortLimitHits') },
            { value: 'created', label: t('tenants.sortCreated') },
          ]}
        />
      </Group>
      <StoreTimeNote />
      {tenants.isPending ? (
        <PageLoader />
      ) : tenants.isError && shown.length === 0 ? (
        <ErrorAlert error={tenants.error} onRetry={() => void tenants.refetch()} />
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t('tenants.empty')}</Text>
      ) : (
        <>
          <ResponsiveList
            rows={shown}
            columns={columns}
            rowKey={(x) => x.id}
            rowTestId={(x) => `tenant-${x.name}`}
            actionsLabel={t('tenants.actions')}
            actions={(x) => (
              <>
                <Button size="xs" variant="light" onClick={() => setEditing(x)}>
                  {t('tenants.changeLimit')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setHistory(x)}>
                  {t('tenants.history')}
                </Button>
              </>
            )}
          />
          <ErrorAlert
            error={tenants.isFetchNextPageError ? tenants.error : null}
            onRetry={() => void tenants.fetchNextPage()}
          />
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="tenants-shown">
              {t('tenants.shown', { count: shown.length })}
            </Text>
            {tenants.hasNextPage && (
              <Button
                variant="default"
                onClick={() => void tenants.fetchNextPage()}
                loading={tenants.isFetchingNextPage}
              >
                {t('tenants.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
      <MaxDevicesModal tenant={editing} onClose={() => setEditing(null)} />
      <LicenceHistoryModal tenant={history} onClose={() => setHistory(null)} />
      <BootstrapModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setShownKey(key);
        }}
      />
      <DeviceKeyModal shown={shownKey} onClose={() => setShownKey(null)} />
    </Stack>
  );
}
