import { useSyncExternalStore } from 'react';
import type { SyncMonitor, SyncStatus } from '../sync-monitor.js';

export function useSyncStatus(monitor: SyncMonitor): SyncStatus {
  return useSyncExternalStore(monitor.subscribe, monitor.read);
}
