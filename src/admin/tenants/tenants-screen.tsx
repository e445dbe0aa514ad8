import { useState } from 'react';
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TenantListResponse } from '../../common/protocol/tenants';
import { useTenants } from '../api/tenants';
import { DeviceKeyModal, type ShownKey } from '../components/device-key-modal';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { formatDate } from '../format';
import { BootstrapModal } from './bootstrap-modal';
import { MaxDevicesModal } from './max-devices-modal';

type TenantItem = TenantListResponse['tenants'][number];

/** The platform owner's view: every tenant's licence, raising it, and opening a new shop. */
export function TenantsScreen() {
  const { t } = useTranslation();
  const tenants = useTenants();
  const [editing, setEditing] = useState<TenantItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [shownKey, setShownKey] = useState<ShownKey | null>(null);

  if (tenants.isPending) return <PageLoader />;
  if (tenants.isError) return <ErrorAlert error={tenants.error} />;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('tenants.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('tenants.add')}</Button>
      </Group>
      {tenants.data.tenants.length === 0 ? (
        <Text c="dimmed">{t('tenants.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tenants.name')}</Table.Th>
                <Table.Th>{t('tenants.registers')}</Table.Th>
                <Table.Th>{t('tenants.created')}</Table.Th>
                <Table.Th>{t('tenants.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tenants.data.tenants.map((tenant) => (
                <Table.Tr key={tenant.id} data-testid={`tenant-${tenant.name}`}>
                  <Table.Td fw={500}>{tenant.name}</Table.Td>
                  <Table.Td data-testid="tenant-seats">
                    {tenant.used} / {tenant.maxDevices}
                  </Table.Td>
                  <Table.Td>{formatDate(tenant.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setEditing(tenant)}>
                      {t('tenants.changeLimit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MaxDevicesModal tenant={editing} onClose={() => setEditing(null)} />
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
