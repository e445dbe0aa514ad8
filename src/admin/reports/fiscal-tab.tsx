import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReceiptsReportResponse } from '../../common/protocol/reports';
import { useReceiptsReport } from '../api/reports';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { formatMoney } from '../format';
import type { DayRange } from './range';
import { receiptColumns, receiptValue, type ReceiptColumn } from './tables';

type Receipt = ReceiptsReportResponse['receipts'][number];

/** Each sale and refund of the period with what the fiscal module signed, and the tax office's check link. */
export function FiscalTab({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  const report = useReceiptsReport(range);
  if (report.isError) return <ErrorAlert error={report.error} />;
  if (!report.data) return <PageLoader />;
  const { receipts } = report.data;
  if (receipts.length === 0) return <Text c="dimmed">{t('reports.fiscal.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="receipts-table">
        <Table.Thead>
          <Table.Tr>
            {receiptColumns.map((column) => (
              <Table.Th key={column} style={alignOf(column)}>
                {t(`reports.fiscal.${column}`)}
              </Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {receipts.map((receipt) => (
            <Table.Tr key={receipt.id} data-testid={`receipt-${receipt.number}`}>
              {receiptColumns.map((column) => (
                <Table.Td key={column} style={alignOf(column)} data-testid={`cell-${column}`}>
                  <ReceiptCell receipt={receipt} column={column} />
                </Table.Td>
              ))}
              <Table.Td style={text}>
                {receipt.fiscal ? (
                  <Anchor
                    href={receipt.fiscal.qrUrl}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="check-link"
                  >
                    {t('reports.fiscal.check')}
                  </Anchor>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const numeric = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
const text = { whiteSpace: 'nowrap' } as const;
const alignOf = (column: ReceiptColumn) => (column === 'total' || column === 'receiptSeq' ? numeric : text);

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
