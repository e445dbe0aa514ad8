import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../common/protocol/catalog';
import { useProducts, type ActiveFilter } from '../api/catalog';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { DeactivateModal } from './deactivate-modal';
import { ImportModal } from './import-modal';
import { ProductModal, type Editing } from './product-modal';
import { ProductTable } from './product-table';

/**
 * The shop's products: searched by the server (name anywhere, apostrophes folded; an exact SKU or barcode
 * first) and shown a page at a time by its cursor, so a 100k catalog costs one page per screen.
 */
export function CatalogScreen() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [active, setActive] = useState<ActiveFilter>('all');
  const products = useProducts(debounced, active);
  const [editing, setEditing] = useState<Editing>(null);
  const [deactivating, setDeactivating] = useState<Product | null>(null);
  const [importing, setImporting] = useState(false);

  const shown = products.data?.pages.flatMap((page) => page.products) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('catalog.title')}</Title>
        <Group gap="xs">
          <Button variant="light" onClick={() => setImporting(true)}>
            {t('catalog.import')}
          </Button>
          <Button onClick={() => setEditing('new')}>{t('catalog.add')}</Button>
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('catalog.search')}
          placeholder={t('catalog.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
          maw={480}
        />
        <SegmentedControl
          aria-label={t('catalog.filter')}
          value={active}
          onChange={(value) => setActive(value as ActiveFilter)}
          data={[
            { value: 'all', label: t('catalog.filterAll') },
            { value: 'true', label: t('catalog.filterActive') },
            { value: 'false', label: t('catalog.filterInactive') },
          ]}
        />
      </Group>
      {products.isPending ? (
        <PageLoader />
      ) : products.isError && shown.length === 0 ? (
        <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />
      ) : (
        <>
          <ProductTable products={shown} onEdit={setEditing} onDeactivate={setDeactivating} />
          <ErrorAlert
            error={products.isFetchNextPageError ? products.error : null}
            onRetry={() => void products.fetchNextPage()}
          />
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="products-shown">
              {t('catalog.shown', { count: shown.length })}
            </Text>
            {products.hasNextPage && (
              <Button
                variant="default"
                onClick={() => void products.fetchNextPage()}
                loading={products.isFetchingNextPage}
              >
                {t('catalog.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
      <ProductModal editing={editing} onClose={() => setEditing(null)} />
      <DeactivateModal product={deactivating} onClose={() => setDeactivating(null)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
