import { useState } from 'react';
import { Box, Text } from 'ink';
import { commandFor } from '../keys.js';
import { useKeys } from '../hooks/use-keys.js';
import { DialogBox } from './dialog-box.js';

/** A receipt or a report on screen; arrows scroll, Enter or Esc closes, Ctrl+P prints a report. */
export function TextView({
  title,
  lines,
  rows,
  onClose,
  onPrint,
}: {
  title: string;
  lines: readonly string[];
  rows: number;
  onClose(): void;
  /** An X or Z report: Ctrl+P prints it. */
  onPrint?(): void;
}) {
  // A row for the scroll position when the text is longer than the screen.
  const scrolls = lines.length > Math.max(1, rows - 3);
  const visible = Math.max(1, rows - (scrolls ? 4 : 3));
  const [top, setTop] = useState(0);
  const last = Math.max(0, lines.length - visible);
  useKeys((key) => {
    const command = commandFor(key, onPrint ? ['report', 'view'] : ['view']);
    if (command === 'view.close') return onClose();
    if (command === 'report.print') return onPrint?.();
    if (command === 'view.scrollUp') setTop((t) => Math.max(0, t - (key.name === 'pageup' ? visible : 1)));
    if (command === 'view.scrollDown')
      setTop((t) => Math.min(last, t + (key.name === 'pagedown' ? visible : 1)));
  });
  return (
    <DialogBox title={title}>
      <Box flexDirection="column" height={visible} overflow="hidden">
        {lines.slice(top, top + visible).map((line, i) => (
          <Text key={top + i} wrap="truncate">
            {line || ' '}
          </Text>
        ))}
      </Box>
      {scrolls ? (
        <Text dimColor>{`↑↓ ${top + 1}–${Math.min(lines.length, top + visible)} / ${lines.length}`}</Text>
      ) : null}
    </DialogBox>
  );
}
