import type { Command } from '../keys.js';

/** Highlighted row of a list after a list command; `page` rows per PgUp/PgDn. */
export function reduceList(selected: number, command: Command, count: number, page = 10): number {
  if (count === 0) return 0;
  const next =
    command === 'list.up'
      ? selected - 1
      : command === 'list.down'
        ? selected + 1
        : command === 'list.pageUp'
          ? selected - page
          : command === 'list.pageDown'
            ? selected + page
            : selected;
  return Math.min(Math.max(0, next), count - 1);
}
