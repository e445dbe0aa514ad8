import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../common/protocol/catalog';
import { formatMoney } from '../format';

export function ProductTable({
  products,
  onEdit,
  onDeactivate,
}: {
  products: Product[];
  onEdit: (product: Product) => void;
  onDeactivate: (product: Product) => void;
}) {
  const { t } = useTranslation();
  if (products.length === 0) return <Text c="dimmed">{t('catalog.empty')}</Text>;
  return (
    // Name (SKU under it) and price first, so a phone shows what matters before it scrolls sideways.
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              {t('catalog.name')} / {t('catalog.sku')}
            </Table.Th>
            <Table.Th ta="right">{t('catalog.price')}</Table.Th>
            <Table.Th>{t('catalog.barcodes')}</Table.Th>
            <Table.Th>{t('catalog.unit')}</Table.Th>
            <Table.Th ta="right">{t('catalog.vat')}</Table.Th>
            <Table.Th>{t('catalog.active')}</Table.Th>
            <Table.Th>{t('catalog.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((product) => (
            <Table.Tr key={product.id} data-testid={`product-${product.sku}`}>
              <Table.Td>
                <Text size="sm" fw={500} data-testid="product-name">
                  {product.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {product.sku}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="product-price">
                {formatMoney(product.price)}
              </Table.Td>
              <Table.Td>
                {product.barcodes.map((code) => (
                  <Text key={code} size="sm" ff="monospace">
                    {code}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>{t(`units.${product.unit}`)}</Table.Td>
              <Table.Td ta="right">{product.vatRate / 100}%</Table.Td>
              <Table.Td>
                <Badge color={product.active ? 'green' : 'gray'} variant="light" miw="max-content">
                  {t(product.active ? 'catalog.isActive' : 'catalog.isInactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="light" onClick={() => onEdit(product)}>
                    {t('catalog.edit')}
                  </Button>
                  {product.active && (
                    <Button size="xs" variant="light" color="red" onClick={() => onDeactivate(product)}>
                      {t('catalog.deactivate')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
