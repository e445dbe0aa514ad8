import type { z } from 'zod';
import { syncEventSchema, type PushResponse, type SyncEvent } from '../../common/protocol/sync.js';
import { validationError } from '../../common/validation.js';

export type PushResult = PushResponse['results'][number];

/** An event refused before it touched anything; kept in sync_events so the owner sees what was sent and why. */
export interface Rejection {
  index: number;
  /** The id the register sent (echoed in the result); null when it sent none usable. */
  id: string | null;
  type: string;
  reason: string;
  raw: unknown;
  occurredAt: number | null;
}

export interface Parsed {
  index: number;
  event: SyncEvent;
  /** Accepted, but odd: why the owner should look at it. */
  review?: string;
}

/** A batch sorted out, before any database read: well-formed events, malformed ones, repeats within the batch. */
export interface Classified {
  parsed: Parsed[];
  rejections: Rejection[];
  /** A later copy of an id already in this batch: answered as its first copy was. */
  repeats: Array<{ index: number; of: number }>;
  /** Every distinct usable id, to look up stored outcomes. */
  ids: string[];
}

function usableId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 36 ? id : null;
}

/** The first schema problem in the words an owner reads in the rejected list (English, field named). */
function reasonOf(error: z.ZodError): string {
  return validationError(error).localized('en').slice(0, 500);
}

export function rejectionOf(index: number, event: SyncEvent, reason: string): Rejection {
  return {
    index,
    id: event.id,
    type: event.type,
    reason,
    raw: event,
    occurredAt: Date.parse(event.occurredAt),
  };
}

/** Step 1 of a push, pure: parse each event with the protocol schema and spot repeats. */
export function classifyEvents(events: readonly unknown[]): Classified {
  const firstIndex = new Map<string, number>();
  const classified: Classified = { parsed: [], rejections: [], repeats: [], ids: [] };
  events.forEach((raw, index) => {
    const result = syncEventSchema.safeParse(raw);
    const id = result.success ? result.data.id : usableId(raw);
    if (id !== null) {
      const first = firstIndex.get(id);
      if (first !== undefined) return void classified.repeats.push({ index, of: first });
      firstIndex.set(id, index);
    }
    if (result.success) return void classified.parsed.push({ index, event: result.data });
    const type = (raw as { type?: unknown } | null)?.type;
    const occurredAt = Date.parse(String((raw as { occurredAt?: unknown } | null)?.occurredAt));
    classified.rejections.push({
      index,
      id,
      type: typeof type === 'string' ? type : 'unknown',
      reason: reasonOf(result.error),
      raw,
      occurredAt: Number.isFinite(occurredAt) ? occurredAt : null,
    });
  });
  classified.ids = [...firstIndex.keys()];
  return classified;
}

/** The answer to a repeat within the batch: an `applied` first copy makes the repeat a `duplicate`. */
export function answerRepeats(classified: Classified, results: Array<PushResult | undefined>): void {
  for (const { index, of } of classified.repeats) {
    const first = results[of]!;
    results[index] = first.status === 'applied' ? { ...first, status: 'duplicate' } : first;
  }
}
