import { MAX_QUICK_KEYS, QUICK_KEY_LABELS } from '../../common/protocol/settings.js';

/** A product on the quick-key grid as the editor shows it. */
export interface QuickKeyItem {
  id: string;
  name: string;
  sku: string;
  /** False once the product was taken off sale: its key is dead at the registers until removed. */
  active: boolean;
}

/** The register's key for a cell: `1`…`0`, then `Q`…`P`. */
export function keyLabel(index: number): string {
  return (QUICK_KEY_LABELS[index] ?? '').toUpperCase();
}

/** The grid as the server has it: ids in order, names from the products the answer carries. */
export function gridOf(
  ids: readonly string[],
  products: readonly { id: string; name: string; sku: string; active?: boolean }[],
): QuickKeyItem[] {
  const byId = new Map(products.map((p) => [p.id, p] as const));
  return ids.map((id) => {
    const p = byId.get(id);
    return { id, name: p?.name ?? id, sku: p?.sku ?? '', active: p?.active ?? true };
  });
}

/** Adds at the end; a product already on the grid or a full grid leaves it as it was. */
export function addKey(grid: readonly QuickKeyItem[], item: QuickKeyItem): QuickKeyItem[] {
  if (grid.length >= MAX_QUICK_KEYS || grid.some((k) => k.id === item.id)) return [...grid];
  return [...grid, item];
}

/** Swaps a cell with its neighbour (`-1` up, `+1` down); at an end nothing moves. */
export function moveKey(grid: readonly QuickKeyItem[], index: number, by: -1 | 1): QuickKeyItem[] {
  const to = index + by;
  if (index < 0 || index >= grid.length || to < 0 || to >= grid.length) return [...grid];
  const next = [...grid];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function removeKey(grid: readonly QuickKeyItem[], index: number): QuickKeyItem[] {
  return grid.filter((_, i) => i !== index);
}
