import { Badge, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StockItem } from '../../common/protocol/catalog';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatQuantity } from '../format';

export type StockAction = 'receive' | 'count';

function stateOf(item: StockItem): { key: 'negative' | 'low' | 'ok'; color: string } {
  if (item.negative) return { key: 'negative', color: 'red' };
  if (item.low) return { key: 'low', color: 'orange' };
  return { key: 'ok', color: 'green' };
}

export function StockTable({
  items,
  onAction,
}: {
  items: StockItem[];
  onAction: (item: StockItem, action: StockAction) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('stock.empty')}</Text>;
  const columns: ListColumn<StockItem>[] = [
    { key: 'name', label: t('stock.product'), title: true, render: (item) => item.name },
    { key: 'sku', label: t('catalog.sku'), render: (item) => item.sku },
    {
      key: 'level',
      label: t('stock.level'),
      numeric: true,
      nowrap: true,
      testId: 'stock-level',
      render: (item) => (
        <Text
          span
          inherit
          c={item.negative ? 'red' : undefined}
          fw={item.negative ? 700 : undefined}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {formatQuantity(item.level, item.unit)} {t(`units.${item.unit}`)}
        </Text>
      ),
    },
    {
      key: 'state',
      label: t('stock.state'),
      render: (item) => {
        const state = stateOf(item);
        return (
          <Badge
            color={state.color}
            variant={state.key === 'ok' ? 'light' : 'filled'}
            miw="max-content"
            data-testid="stock-state"
          >
            {t(`stock.${state.key}`)}
          </Badge>
        );
      },
    },
  ];
  return (
    <ResponsiveList
      rows={items}
      columns={columns}
      rowKey={(item) => item.productId}
      rowTestId={(item) => `stock-${item.sku}`}
      rowAttributes={(item) => ({ 'data-state': stateOf(item).key })}
      actionsLabel={t('stock.actions')}
      actions={(item) => (
        <>
          <Button size="xs" variant="light" onClick={() => onAction(item, 'receive')}>
            {t('stock.receive')}
          </Button>
          <Button size="xs" variant="light" color="gray" onClick={() => onAction(item, 'count')}>
            {t('stock.count')}
          </Button>
        </>
      )}
    />
  );
}
