import type { Classified, Parsed, PushResult, Rejection } from './push-classify.js';

export interface StoredOutcome {
  id: string;
  status: string;
  error: string | null;
  version: number | null;
}

/** What a resent event is answered: `duplicate` (an ack, with its version) or its stored rejection. */
export function fromStored(id: string, stored: Omit<StoredOutcome, 'id'>): PushResult {
  if (stored.status === 'applied')
    return { id, status: 'duplicate', ...(stored.version !== null && { version: stored.version }) };
  return { id, status: 'rejected', error: stored.error ?? 'rejected' };
}

/**
 * Step 2 of a push, pure: events already recorded (a resend) are answered from their stored outcome and
 * dropped; what is left is fresh work.
 */
export function answerStored(
  classified: Classified,
  storedRows: readonly StoredOutcome[],
  results: Array<PushResult | undefined>,
): { fresh: Parsed[]; freshRejections: Rejection[] } {
  const stored = new Map(storedRows.map((row) => [row.id, row]));
  const fresh = classified.parsed.filter(({ index, event }) => {
    const row = stored.get(event.id);
    if (row) results[index] = fromStored(event.id, row);
    return !row;
  });
  const freshRejections = classified.rejections.filter((r) => {
    const row = r.id === null ? undefined : stored.get(r.id);
    if (row) results[r.index] = fromStored(row.id, row);
    return !row;
  });
  return { fresh, freshRejections };
}
