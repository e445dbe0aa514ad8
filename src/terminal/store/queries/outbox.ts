import type { StoreDb } from '../connection.js';

export function countPendingEvents(db: StoreDb): number {
  return db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").pluck().get() as number;
}
