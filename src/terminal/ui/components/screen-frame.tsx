import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { helpItems, packHelp, type Scope } from '../keys.js';
import { say, type UiKey } from '../text.js';
import { bodyRows, HELP_ROWS, useUi } from '../ui-context.js';
import type { Notice } from '../state/sale-session.js';

/** A screen under the status bar: its body, the message line, and the help line generated from keys.ts. */
export function ScreenFrame({
  scopes,
  notice,
  children,
}: {
  scopes: readonly Scope[];
  notice: Notice | null;
  children: ReactNode;
}) {
  const { lang, columns, rows, fault, fiscalWarning } = useUi();
  const shown = notice ?? (fault ? { kind: 'error' as const, text: fault } : null);
  // Nothing else to say: the FM's warning stays in sight until the receipts are sent.
  const color = shown ? (shown.kind === 'error' ? 'red' : 'green') : fiscalWarning?.color;
  const help = packHelp(
    helpItems(scopes).map((item) => ({ keys: item.keys, label: say(lang, item.labelKey as UiKey) })),
    columns,
    HELP_ROWS,
  );
  return (
    <Box flexDirection="column" width={columns}>
      <Box flexDirection="column" height={bodyRows(rows)} overflow="hidden">
        {children}
      </Box>
      <Text color={color} wrap="truncate">
        {shown?.text ?? fiscalWarning?.text ?? ' '}
      </Text>
      {Array.from({ length: HELP_ROWS }, (_, row) => (
        <Text key={row} dimColor wrap="truncate">
          {help[row] ?? ' '}
        </Text>
      ))}
    </Box>
  );
}
