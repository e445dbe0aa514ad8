import type { z } from 'zod';
import { changeSchema, type Change } from '../../common/protocol/sync.js';
import type { StoreDb } from '../store/connection.js';
import { applyChange } from '../store/queries/catalog.js';
import { countUnapplied, forgetUnapplied, keepUnapplied, keptChanges } from '../store/queries/drift.js';

/**
 * A pulled change this register cannot apply is kept (entity, id, reason, server version, the change itself),
 * never skipped in silence: `pos status` lists it, `device.status` reports it to the owner, and it is tried again
 * at every pull, so a register updated to understand it catches up without a full re-pull.
 */

const knownEntities = new Set<string>(changeSchema.options.map((option) => option.shape.entity.value));

function field(raw: unknown, name: string): unknown {
  return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown, max: number, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : fallback;
}

function schemaReason(raw: unknown, error: z.ZodError): string {
  const entity = field(raw, 'entity');
  if (typeof entity === 'string' && !knownEntities.has(entity))
    return `unknown entity ${entity.slice(0, 32)}`;
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue?.message ?? 'not a change'}`;
}

function keep(db: StoreDb, raw: unknown, reason: string, pageVersion: number): void {
  const version = field(raw, 'version');
  keepUnapplied(db, {
    entity: text(field(raw, 'entity'), 32, 'unknown'),
    id: text(field(raw, 'id'), 64, ''),
    reason: reason.slice(0, 500),
    version:
      typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : pageVersion,
    change: raw,
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Applies one page and moves the cursor with it, in one transaction: a pull cut off anywhere resumes without loss
 * or duplication. The page first goes in without a savepoint per change (a savepoint per change makes FTS5 write
 * a segment per product); if a change fails, that attempt is rolled back and the page redone with one savepoint
 * per change, so one odd change is kept aside and never blocks the others.
 */
export function applyPulledChanges(
  db: StoreDb,
  raws: readonly unknown[],
  pageVersion: number,
  moveCursor: () => void,
): { pulled: number; kept: number } {
  const apply = (isolated: boolean) =>
    db
      .transaction(() => {
        const counts = { pulled: 0, kept: 0 };
        // Only a register holding kept changes pays a statement per change to forget the ones now superseded.
        const holdsKept = countUnapplied(db) > 0;
        // Checked as applied, so each checked copy is garbage at once and a page costs little memory.
        for (const raw of raws) {
          const parsed = changeSchema.safeParse(raw);
          if (!parsed.success) {
            keep(db, raw, schemaReason(raw, parsed.error), pageVersion);
            counts.kept++;
            continue;
          }
          if (!isolated) applyChange(db, parsed.data);
          else {
            try {
              db.transaction(() => applyChange(db, parsed.data))();
            } catch (error) {
              keep(db, raw, errorText(error), pageVersion);
              counts.kept++;
              continue;
            }
          }
          if (holdsKept) forgetUnapplied(db, parsed.data.entity, parsed.data.id);
          counts.pulled++;
        }
        moveCursor();
        return counts;
        // IMMEDIATE: it reads before it writes, and a deferred one could not wait for another process's lock.
      })
      .immediate();
  try {
    return apply(false);
  } catch {
    return apply(true);
  }
}

/** Tries the kept changes again (oldest first); those that apply now are forgotten. Returns how many applied. */
export function retryKeptChanges(db: StoreDb): number {
  if (countUnapplied(db) === 0) return 0;
  let applied = 0;
  for (const kept of keptChanges(db)) {
    const parsed = changeSchema.safeParse(kept.change);
    if (!parsed.success) continue;
    try {
      db.transaction((change: Change) => {
        applyChange(db, change);
        forgetUnapplied(db, kept.entity, kept.id);
      }).immediate(parsed.data);
      applied++;
    } catch {
      // Still not applicable: it stays kept with its first reason.
    }
  }
  return applied;
}
