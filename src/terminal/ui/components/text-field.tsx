import { Text } from 'ink';
import { truncate } from '../format.js';

/** Render-only: `label: value▌`; a PIN shows as dots. */
export function TextField({
  label,
  value,
  mask = false,
  active = true,
  columns,
}: {
  label: string;
  value: string;
  mask?: boolean;
  active?: boolean;
  columns: number;
}) {
  const shown = mask ? '•'.repeat([...value].length) : value;
  const room = Math.max(4, columns - [...label].length - 3);
  // Long input scrolls left so the end being typed stays visible.
  const chars = [...shown];
  const visible = chars.length > room ? `…${chars.slice(chars.length - room + 1).join('')}` : shown;
  return (
    <Text wrap="truncate">
      <Text bold>{truncate(label, columns)}: </Text>
      <Text inverse={!active}>{visible}</Text>
      {active ? <Text inverse> </Text> : null}
    </Text>
  );
}
