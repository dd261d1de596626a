/** Labels of the block kinds, in the order pickers show them. */
import type { BlockKind } from '../domain/time-block.ts';

export const KIND_LABELS: Record<BlockKind, string> = {
  deep: 'Deep work',
  shallow: 'Shallow work',
  meeting: 'Meeting',
  break: 'Break',
};

export const KINDS = Object.keys(KIND_LABELS) as BlockKind[];
