/** Sync's state in a few words, for the status bar and the Sync screen. Pure. */
import type { SyncStatus } from './sync-slice.ts';

export function syncStatusText(status: SyncStatus, now: number, format: (ms: number) => string): string {
  const since = status.lastSuccessAt !== undefined ? `last synced ${format(status.lastSuccessAt)}` : 'not synced yet';
  switch (status.phase) {
    case 'none':
      return 'Sync: no target';
    case 'running':
      return status.receiving && status.receiving.total > 0
        ? `Syncing: received ${status.receiving.done} of ${status.receiving.total} batches of changes…`
        : 'Syncing…';
    case 'paused':
      return `Sync paused (${since})`;
    case 'offline':
      return `Offline: sync waits (${since})`;
    case 'backoff': {
      const wait = status.retryAt !== undefined ? Math.max(0, Math.round((status.retryAt - now) / 1000)) : undefined;
      return `Sync error: ${status.error ?? 'unknown'}${wait !== undefined ? ` (retrying in ${wait} s)` : ''}`;
    }
    default:
      return status.error ? `Sync error: ${status.error}` : `Up to date (${since})`;
  }
}
