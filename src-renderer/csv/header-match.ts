/**
 * Preselecting a mapping: which of a file's headers most likely holds each field, by the names
 * such columns usually have (in several languages) and by edit distance, for headers renamed by a
 * letter or two. The person confirms or changes every choice; nothing here is final.
 */

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^.*\//u, '')
    .replace(/\(.*\)/u, '')
    .replace(/[^a-z0-9ß]/gu, '');

/** Edit distance, for headers renamed by a letter or two. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j] ?? 0;
      row[j] = Math.min(next + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length] ?? 0;
}

/** How close `header` is to a field's usual names: 0 is a match, larger is further, Infinity is unrelated. */
export function closeness(header: string, hints: readonly string[]): number {
  const h = normalise(header);
  if (h === '') return Infinity;
  let best = Infinity;
  for (const hint of hints.map(normalise)) {
    if (h === hint) return 0;
    if (h.includes(hint) || hint.includes(h)) best = Math.min(best, 1);
    const d = distance(h, hint);
    if (d <= Math.max(1, Math.floor(hint.length / 4))) best = Math.min(best, 1 + d);
  }
  return best;
}

/**
 * Each field (in `order`, the most telling first) on the closest header not yet taken.
 * `expected`: the column names of the format the file resembles, tried first, so the resembled
 * format's own name beats every generic hint. `skip` leaves fields out of the suggestion.
 */
export function suggestColumns<F extends string>(
  headers: readonly string[],
  order: readonly F[],
  hints: Readonly<Record<F, readonly string[]>>,
  expected?: Partial<Record<F, string>>,
  skip: ReadonlySet<F> = new Set(),
): Partial<Record<F, string>> {
  const taken = new Set<string>();
  const out: Partial<Record<F, string>> = {};
  for (const field of order) {
    let best: { header: string; score: number } | null = null;
    for (const header of headers) {
      if (taken.has(header)) continue;
      const own = expected?.[field];
      // Below 1 (a hint's exact match is 0): the resembled format's own name beats every generic hint.
      const score = own !== undefined && closeness(header, [own]) < Infinity ? closeness(header, [own]) / 10 - 1 : closeness(header, hints[field]);
      if (score < (best?.score ?? Infinity)) best = { header, score };
    }
    if (best && !skip.has(field)) {
      out[field] = best.header;
      taken.add(best.header);
    }
  }
  return out;
}
