/** One measured figure, always beside the baseline measured in the same run. */
import type { Summary } from './stats.ts';

export interface Figure {
  /** Stable id, e.g. `renderer.first-paint`. */
  id: string;
  description: string;
  unit: 'ms' | 'ops/s' | 'MB/s' | 'bytes' | 'rows';
  value: Summary;
  baseline: { description: string; value: Summary };
  /** value.median / baseline.median. */
  ratio: number;
  /** A budget from docs/performance.md, reported, never asserted. */
  goal?: string;
}

export function figure(fields: Omit<Figure, 'ratio'>): Figure {
  const ratio = Math.round((fields.value.median / fields.baseline.value.median) * 100) / 100;
  return { ...fields, ratio };
}
