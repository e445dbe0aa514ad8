import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useStock, type StockFilter } from '../api/stock';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { StockModal, type PendingStock } from './stock-modal';
import { StockTable } from './stock-table';

/**
 * Levels of the active products a page at a time, negatives and low stock marked (or only those listed);
 * receive and count.
 */
export function StockScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [only, setOnly] = useState<StockFilter>('all');
  const stock = useStock(debounced, only);
  const [pending, setPending] = useState<PendingStock | null>(null);
  const items = stock.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={2}>{t('stock.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('stock.legend')}
      </Text>
      <Group align="flex-end">
        <TextInput
          aria-label={t('catalog.search')}
          placeholder={t('stock.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', sm: 360 }}
        />
        <SegmentedControl
          aria-label={t('stock.show')}
          value={only}
          onChange={(value) => setOnly(value as StockFilter)}
          data={[
            { value: 'all', label: t('stock.showAll') },
            { value: 'negative', label: t('stock.onlyNegative') },
            { value: 'low', label: t('stock.onlyLow') },
          ]}
        />
      </Group>
      {stock.isPending ? (
        <PageLoader />
      ) : stock.isError && items.length === 0 ? (
        <ErrorAlert error={stock.error} onRetry={() => void stock.refetch()} />
      ) : (
        <>
          <StockTable items={items} onAction={(item, action) => setPending({ item, action })} />
          <ErrorAlert
            error={stock.isFetchNextPageError ? stock.error : null}
            onRetry={() => void stock.fetchNextPage()}
          />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('catalog.shown', { count: items.length })}
            </Text>
            {stock.hasNextPage && (
              <Button
                variant="default"
                onClick={() => void stock.fetchNextPage()}
                loading={stock.isFetchingNextPage}
              >
                {t('catalog.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
      <StockModal pending={pending} onClose={() => setPending(null)} />
    </Stack>
  );
}
