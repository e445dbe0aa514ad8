import type { ReactNode } from 'react';
import { Card, Group, Stack, Table, Text } from '@mantine/core';
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
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly ListColumn<T>[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  /** Row actions: the last column on a desktop, a wrapped button row under each card on a phone. */
  actions?: (row: T) => ReactNode;
  actionsLabel?: string;
}

/** Below Mantine's `sm` breakpoint (48em = 768 px): a phone held upright. */
export const PHONE_QUERY = '(max-width: 47.99em)';

/**
 * A list that reads on every screen: a table on a desktop, one card per row on a phone, so nothing scrolls
 * sideways and every action stays within reach of a thumb. Shared by the panel's list screens.
 */
export function ResponsiveList<T>({ rows, columns, rowKey, rowTestId, actions, actionsLabel }: Props<T>) {
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  if (phone) {
    return (
      <Stack gap="sm" data-testid="list-cards">
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="sm" data-testid={rowTestId?.(row)}>
            <Stack gap={4}>
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
                    <Text
                      size="sm"
                      ta="right"
                      style={{ overflowWrap: 'anywhere' }}
                      data-testid={column.testId}
                    >
                      {column.render(row)}
                    </Text>
                  </Group>
                ),
              )}
              {actions && (
                <Group gap="xs" mt={4} wrap="wrap">
                  {actions(row)}
                </Group>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped highlightOnHover verticalSpacing="sm" data-testid="list-table">
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
          <Table.Tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
            {columns.map((column) => (
              <Table.Td
                key={column.key}
                fw={column.title ? 500 : undefined}
                ta={column.numeric ? 'right' : undefined}
                data-testid={column.testId}
              >
                {column.render(row)}
              </Table.Td>
            ))}
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
    </Table>
  );
}
