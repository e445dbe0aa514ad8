import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { truncate } from '../format.js';
import { useUi } from '../ui-context.js';

/** The frame every dialog is drawn in, with its own error line so the cashier sees why it stayed open. */
export function DialogBox({
  title,
  error,
  children,
}: {
  title: string;
  error?: string | null;
  children: ReactNode;
}) {
  const { columns } = useUi();
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={columns}>
      <Text bold wrap="truncate">
        {truncate(title, columns - 4)}
      </Text>
      {children}
      {error ? (
        <Text color="red" wrap="truncate">
          {error}
        </Text>
      ) : null}
    </Box>
  );
}
