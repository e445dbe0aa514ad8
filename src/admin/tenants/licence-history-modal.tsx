import { Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LicenceEntry } from '../../common/protocol/tenants';
import { useLicenceHistory } from '../api/tenants';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { ResponsiveList, type ListColumn } from '../components/responsive-list';
import { formatDateTime } from '../format';

/** Each change of a tenant's register licence: when, by whom, from → to, and the note (e.g. the payment). */
export function LicenceHistoryModal({
  tenant,
  onClose,
}: {
  tenant: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const history = useLicenceHistory(tenant?.id ?? null);
  const columns: ListColumn<LicenceEntry>[] = [
    { key: 'at', label: t('tenants.historyAt'), title: true, render: (e) => formatDateTime(e.at) },
    { key: 'by', label: t('tenants.historyBy'), render: (e) => e.by },
    {
      key: 'change',
      label: t('tenants.historyChange'),
      testId: 'history-change',
      render: (e) => `${e.from} → ${e.to}`,
    },
    { key: 'note', label: t('tenants.historyNote'), testId: 'history-note', render: (e) => e.note ?? '—' },
  ];
  return (
    <Modal
      opened={tenant !== null}
      onClose={onClose}
      size="lg"
      title={tenant ? t('tenants.historyTitle', { name: tenant.name }) : ''}
    >
      {history.isPending ? (
        <PageLoader />
      ) : history.isError ? (
        <ErrorAlert error={history.error} />
      ) : history.data.entries.length === 0 ? (
        <Text c="dimmed">{t('tenants.historyEmpty')}</Text>
      ) : (
        <ResponsiveList
          rows={history.data.entries}
          columns={columns}
          rowKey={(e) => `${e.at}-${e.from}-${e.to}`}
          rowTestId={() => 'licence-entry'}
        />
      )}
    </Modal>
  );
}
