import type { ReactNode } from 'react';
import { Box, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

export interface ListColumn<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** Put on the cell in both layouts, so tests and people find the same value on a phone and a desktop. */
  testId?: string;
  /** The card's heading on a phone (the row's name). */
  title?: boolean;
  /** Right-aligned on a desktop (amounts, counts). */
  numeric?: boolean;
  /** Kept on one line on a desktop (dates, amounts, badges). */
  nowrap?: boolean;
}

type DataAttributes = Record<`data-${string}`, string>;

interface Props<T> {
  rows: readonly T[];
  columns: readonly ListColumn<T>[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  /** Extra `data-*` attributes of a row or card (its state, for styling and tests). */
  rowAttributes?: (row: T) => DataAttributes;
  /** Row actions: the last column on a desktop, a wrapped button row under each card on a phone. */
  actions?: (row: T) => ReactNode;
  actionsLabel?: string;
  /** A totals row: the table's footer on a desktop, a last, bold card on a phone. */
  footer?: T;
  footerTestId?: string;
  /** The list's test id in both layouts; `list-table` / `list-cards` when not given. */
  testId?: string;
}

/** Below Mantine's `sm` breakpoint (48em = 768 px): a phone held upright. */
export const PHONE_QUERY = '(max-width: 47.99em)';

/**
 * A list that reads on every screen: a table on a desktop, one card per row on a phone, so nothing scrolls
 * sideways and every action stays within reach of a thumb. Shared by the panel's list screens.
 */
export function ResponsiveList<T>(props: Props<T>) {
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  return phone ? <Cards {...props} /> : <Rows {...props} />;
}

function Cards<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  rowAttributes,
  actions,
  footer,
  footerTestId,
  testId,
}: Props<T>) {
  const card = (
    row: T,
    key: string,
    rowId: string | undefined,
    attributes: DataAttributes,
    bold: boolean,
  ) => (
    <Card key={key} withBorder padding="sm" data-testid={rowId} {...attributes}>
      <Stack gap={4} fw={bold ? 700 : undefined}>
        {columns.map((column) =>
          column.title ? (
            <Text key={column.key} fw={600} data-testid={column.testId}>
              {column.render(row)}
            </Text>
          ) : (
            <Group key={column.key} justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed">
                {column.label}
              </Text>
              <Text size="sm" ta="right" style={{ overflowWrap: 'anywhere' }} data-testid={column.testId}>
                {column.render(row)}
              </Text>
            </Group>
          ),
        )}
        {actions && !bold && <CardActions>{actions(row)}</CardActions>}
      </Stack>
    </Card>
  );
  return (
    <Stack gap="sm" data-testid={testId ?? 'list-cards'}>
      {rows.map((row) => card(row, rowKey(row), rowTestId?.(row), rowAttributes?.(row) ?? {}, false))}
      {footer !== undefined && card(footer, 'footer', footerTestId, {}, true)}
    </Stack>
  );
}

/** No empty button row under a card whose row has no action (a revoked register, an unsigned receipt). */
function CardActions({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Group gap="xs" mt={4} wrap="wrap">
      {children}
    </Group>
  );
}

function Rows<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  rowAttributes,
  actions,
  actionsLabel,
  footer,
  footerTestId,
  testId,
}: Props<T>) {
  const cells = (row: T) =>
    columns.map((column) => (
      <Table.Td
        key={column.key}
        fw={column.title ? 500 : undefined}
        ta={column.numeric ? 'right' : undefined}
        style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}
        data-testid={column.testId}
      >
        {column.render(row)}
      </Table.Td>
    ));
  return (
    // A tablet between the phone breakpoint and a full desktop may still need to scroll a wide table.
    <Box style={{ overflowX: 'auto' }}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid={testId ?? 'list-table'}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} ta={column.numeric ? 'right' : undefined}>
                {column.label}
              </Table.Th>
            ))}
            {actions && <Table.Th>{actionsLabel}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid={rowTestId?.(row)} {...rowAttributes?.(row)}>
              {cells(row)}
              {actions && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {actions(row)}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {footer !== undefined && (
          <Table.Tfoot>
            <Table.Tr data-testid={footerTestId} fw={700}>
              {cells(footer)}
              {actions && <Table.Td />}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Box>
  );
}
