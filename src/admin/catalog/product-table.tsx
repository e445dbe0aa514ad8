import { Badge, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../common/protocol/catalog';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
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
  const columns: ListColumn<Product>[] = [
    { key: 'name', label: t('catalog.name'), title: true, testId: 'product-name', render: (p) => p.name },
    { key: 'sku', label: t('catalog.sku'), render: (p) => p.sku },
    {
      key: 'price',
      label: t('catalog.price'),
      numeric: true,
      nowrap: true,
      testId: 'product-price',
      render: (p) => formatMoney(p.price),
    },
    {
      key: 'barcodes',
      label: t('catalog.barcodes'),
      render: (p) =>
        p.barcodes.map((code) => (
          <Text key={code} span size="sm" ff="monospace" display="block">
            {code}
          </Text>
        )),
    },
    { key: 'unit', label: t('catalog.unit'), render: (p) => t(`units.${p.unit}`) },
    { key: 'vat', label: t('catalog.vat'), numeric: true, render: (p) => `${p.vatRate / 100}%` },
    {
      key: 'active',
      label: t('catalog.active'),
      render: (p) => (
        <Badge color={p.active ? 'green' : 'gray'} variant="light" miw="max-content">
          {t(p.active ? 'catalog.isActive' : 'catalog.isInactive')}
        </Badge>
      ),
    },
  ];
  return (
    <ResponsiveList
      rows={products}
      columns={columns}
      rowKey={(p) => p.id}
      rowTestId={(p) => `product-${p.sku}`}
      actionsLabel={t('catalog.actions')}
      actions={(product) => (
        <>
          <Button size="xs" variant="light" onClick={() => onEdit(product)}>
            {t('catalog.edit')}
          </Button>
          {product.active && (
            <Button size="xs" variant="light" color="red" onClick={() => onDeactivate(product)}>
              {t('catalog.deactivate')}
            </Button>
          )}
        </>
      )}
    />
  );
}
