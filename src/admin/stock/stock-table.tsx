import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StockItem } from '../../common/protocol/catalog';
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
  return (
    // The name (with its SKU under it) and the level come first, so a phone shows them without scrolling.
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stock.product')}</Table.Th>
            <Table.Th ta="right">{t('stock.level')}</Table.Th>
            <Table.Th>{t('stock.state')}</Table.Th>
            <Table.Th>{t('stock.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const state = stateOf(item);
            return (
              <Table.Tr key={item.productId} data-testid={`stock-${item.sku}`} data-state={state.key}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {item.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.sku}
                  </Text>
                </Table.Td>
                <Table.Td
                  ta="right"
                  style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
                  c={item.negative ? 'red' : undefined}
                  fw={item.negative ? 700 : undefined}
                  data-testid="stock-level"
                >
                  {formatQuantity(item.level, item.unit)} {t(`units.${item.unit}`)}
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={state.color}
                    variant={state.key === 'ok' ? 'light' : 'filled'}
                    miw="max-content"
                    data-testid="stock-state"
                  >
                    {t(`stock.${state.key}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => onAction(item, 'receive')}>
                      {t('stock.receive')}
                    </Button>
                    <Button size="xs" variant="light" color="gray" onClick={() => onAction(item, 'count')}>
                      {t('stock.count')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
