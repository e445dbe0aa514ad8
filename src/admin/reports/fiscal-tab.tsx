import { Anchor, Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReceiptsReportResponse } from '../../common/protocol/reports';
import { useReceiptsReport } from '../api/reports';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { ResponsiveList } from '../components/responsive-list';
import { formatMoney } from '../format';
import type { DayRange } from './range';
import { receiptColumns, receiptValue, type ReceiptColumn } from './tables';

type Receipt = ReceiptsReportResponse['receipts'][number];

/** Each sale and refund of the period with what the fiscal module signed, and the tax office's check link. */
export function FiscalTab({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  const report = useReceiptsReport(range);
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <PageLoader />;
  const { receipts } = report.data;
  if (receipts.length === 0) return <Text c="dimmed">{t('reports.fiscal.empty')}</Text>;
  return (
    <ResponsiveList
      rows={receipts}
      columns={receiptColumns.map((column) => ({
        key: column,
        label: t(`reports.fiscal.${column}`),
        title: column === 'number',
        numeric: column === 'total' || column === 'receiptSeq',
        // The fiscal sign is long: it may wrap rather than widen the table.
        nowrap: column !== 'fiscalSign',
        testId: `cell-${column}`,
        render: (receipt: Receipt) => <ReceiptCell receipt={receipt} column={column} />,
      }))}
      rowKey={(receipt) => receipt.id}
      rowTestId={(receipt) => `receipt-${receipt.number}`}
      testId="receipts-table"
      actions={(receipt) =>
        receipt.fiscal ? (
          <Anchor href={receipt.fiscal.qrUrl} target="_blank" rel="noreferrer" data-testid="check-link">
            {t('reports.fiscal.check')}
          </Anchor>
        ) : null
      }
    />
  );
}

function ReceiptCell({ receipt, column }: { receipt: Receipt; column: ReceiptColumn }) {
  const { t } = useTranslation();
  if (column === 'kind') return t(`reports.fiscal.kinds.${receipt.kind}`);
  if (column === 'total') return formatMoney(receipt.total);
  const value = receiptValue(receipt, column);
  if (value !== null) return String(value);
  // One badge where the FM's result would be, so a receipt the FM has not signed stands out.
  return column === 'terminalId' ? (
    <Badge color="yellow" variant="light" miw="max-content">
      {t('reports.fiscal.notFiscal')}
    </Badge>
  ) : (
    t('common.none')
  );
}
