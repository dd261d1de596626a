/**
 * The compaction safety margin (docs/sync-layout.md "Snapshots and compaction"): how long a
 * covering snapshot must have been on the target before anything it covers is deleted. Its own
 * module because compaction and catch-up (a segment counts as gone only after it) both need it.
 */
import type { RoundDeps } from './round-types.ts';

const HOUR = 3_600_000;

export function safetyMarginMs(deps: Pick<RoundDeps, 'targetKind' | 'compaction'>): number {
  if (deps.compaction?.marginMs !== undefined) return deps.compaction.marginMs;
  // Unknown kind: the folder's, the longer one (a synced folder propagates slowest).
  return deps.targetKind === 'webdav' || deps.targetKind === 's3' ? 4 * HOUR : 24 * HOUR;
}
