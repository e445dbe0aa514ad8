import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { MAX_QUICK_KEYS } from '../../common/protocol/settings';
import { useProducts } from '../api/catalog';
import { useUpdateSettings } from '../api/settings';
import { ErrorAlert } from '../components/error-alert';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatMoney } from '../format';
import { addKey, keyLabel, moveKey, removeKey, type QuickKeyItem } from './quick-keys';

/** Search answers shown at once: enough to pick from, short enough for a phone. */
const SHOWN_MATCHES = 8;

/**
 * The quick-key grid of the registers (F10): products found by name, SKU or barcode, put in the order the cashier
 * sees them, saved on their own (`PATCH /settings {quickKeys}`), the same grid `posapp settings quick-keys` sets.
 */
export function QuickKeysEditor({ saved }: { saved: QuickKeyItem[] }) {
  const { t } = useTranslation();
  const [grid, setGrid] = useState<QuickKeyItem[]>(saved);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const update = useUpdateSettings();
  const changed = JSON.stringify(grid.map((k) => k.id)) !== JSON.stringify(saved.map((k) => k.id));
  const full = grid.length >= MAX_QUICK_KEYS;

  const columns: ListColumn<QuickKeyItem & { index: number }>[] = [
    {
      key: 'key',
      label: t('settings.quickKeys.key'),
      render: (k) => keyLabel(k.index),
      testId: 'quick-key-label',
      nowrap: true,
    },
    {
      key: 'name',
      label: t('settings.quickKeys.product'),
      title: true,
      testId: 'quick-key-name',
      render: (k) => (
        <Group gap="xs" wrap="nowrap">
          <span>{k.name}</span>
          {!k.active && (
            <Badge color="red" variant="light">
              {t('settings.quickKeys.offSale')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'sku', label: t('settings.quickKeys.sku'), render: (k) => k.sku, nowrap: true },
  ];

  const save = () =>
    update.mutate(
      { quickKeys: grid.map((k) => k.id) },
      { onSuccess: () => notifications.show({ color: 'green', message: t('settings.quickKeys.saved') }) },
    );

  return (
    <Paper withBorder p="md" data-testid="quick-keys">
      <Stack>
        <Group justify="space-between" align="baseline">
          <Title order={4}>{t('settings.quickKeys.title')}</Title>
          <Text size="sm" c="dimmed" data-testid="quick-keys-count">
            {t('settings.quickKeys.count', { count: grid.length, max: MAX_QUICK_KEYS })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.quickKeys.hint', { max: MAX_QUICK_KEYS })}
        </Text>
        <TextInput
          label={t('settings.quickKeys.search')}
          placeholder={t('settings.quickKeys.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
        />
        {debounced.trim() !== '' && (
          <Matches
            search={debounced}
            isOnGrid={(id) => grid.some((k) => k.id === id)}
            full={full}
            onAdd={(item) => setGrid((g) => addKey(g, item))}
          />
        )}
        {full && (
          <Alert color="yellow" variant="light">
            {t('settings.quickKeys.full', { max: MAX_QUICK_KEYS })}
          </Alert>
        )}
        {grid.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('settings.quickKeys.empty')}
          </Text>
        ) : (
          <ResponsiveList
            rows={grid.map((k, index) => ({ ...k, index }))}
            columns={columns}
            rowKey={(k) => k.id}
            rowTestId={(k) => `quick-key-${k.sku}`}
            testId="quick-keys-grid"
            actionsLabel={t('settings.quickKeys.actions')}
            actions={(k) => (
              <>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('settings.quickKeys.up', { name: k.name })}
                  disabled={k.index === 0}
                  onClick={() => setGrid((g) => moveKey(g, k.index, -1))}
                >
                  ↑
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('settings.quickKeys.down', { name: k.name })}
                  disabled={k.index === grid.length - 1}
                  onClick={() => setGrid((g) => moveKey(g, k.index, 1))}
                >
                  ↓
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  aria-label={t('settings.quickKeys.remove', { name: k.name })}
                  onClick={() => setGrid((g) => removeKey(g, k.index))}
                >
                  ×
                </Button>
              </>
            )}
          />
        )}
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button onClick={save} disabled={!changed} loading={update.isPending}>
            {t('settings.quickKeys.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The first products on sale matching the search, each with its add button. */
function Matches({
  search,
  isOnGrid,
  full,
  onAdd,
}: {
  search: string;
  isOnGrid: (id: string) => boolean;
  full: boolean;
  onAdd: (item: QuickKeyItem) => void;
}) {
  const { t } = useTranslation();
  const products = useProducts(search, 'true');
  if (products.isError) return <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />;
  const found = products.data?.pages[0]?.products.slice(0, SHOWN_MATCHES) ?? [];
  if (products.isPending) return null;
  if (found.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('settings.quickKeys.noMatch')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="quick-key-matches">
      {found.map((p) => {
        const taken = isOnGrid(p.id);
        return (
          <Group key={p.id} justify="space-between" wrap="nowrap" data-testid={`quick-key-match-${p.sku}`}>
            <Text size="sm" truncate>
              {p.name} · {p.sku} · {formatMoney(p.price)}
            </Text>
            <Button
              size="xs"
              variant="light"
              disabled={taken || full}
              aria-label={`${t('settings.quickKeys.add')}: ${p.name}`}
              onClick={() => onAdd({ id: p.id, name: p.name, sku: p.sku, active: p.active })}
            >
              {taken ? t('settings.quickKeys.added') : t('settings.quickKeys.add')}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}
