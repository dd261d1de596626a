/** Summary statistics for benchmark samples. */
export interface Summary {
  median: number;
  p90: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { median: round(at(0.5)), p90: round(at(0.9)), min: round(sorted[0] as number), max: round(sorted.at(-1) as number), runs: samples.length };
}
