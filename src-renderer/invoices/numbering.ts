/**
 * Invoice numbers without gaps: `<prefix><year>-<sequence>` ("RE-2026-0007"), counted per series
 * (the prefix) and year, from the workspace's invoice register, which every device holds in full
 * (also one that does not hold the client), so the next number is the same on each.
 *
 * Invoices and credit notes share a count when their series have the same prefix; with different
 * prefixes each has its own. Numbers written before series existed ("2026-0001") are the series
 * with the empty prefix. A number that is not in this format (typed by hand in an older version)
 * belongs to no series: it is neither counted nor checked.
 *
 * Pure: no vault, no clock. The register is the truth; the profile's `continueFrom` only says
 * where a year's count starts when it was begun in another tool.
 */
import type { NumberSeries } from '../domain/business-profile.ts';

/** What numbering needs of a register entry. */
export interface NumberedEntry {
  readonly number: string;
  /** The series the entry was numbered in, when it says (entries issued from a document do). */
  readonly series?: string | undefined;
}

/** A number taken apart. */
export interface ParsedNumber {
  readonly prefix: string;
  readonly year: number;
  readonly sequence: number;
}

// The year is the four digits right before the last "-", so a prefix may itself end in digits.
const NUMBER_RE = /^([A-Za-z0-9/_-]*?)(\d{4})-(\d{4,15})$/u;

/** `prefix`, `year` and `sequence` as a number: at least four digits, more past 9999. */
export function formatNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}${String(year).padStart(4, '0')}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of `number`, or undefined when it is in no series. `series`, when known, must be its prefix. */
export function parseNumber(number: string, series?: string): ParsedNumber | undefined {
  if (series !== undefined) {
    if (!number.startsWith(series)) return undefined;
    const rest = /^(\d{4})-(\d{4,15})$/u.exec(number.slice(series.length));
    return rest === null ? undefined : { prefix: series, year: Number(rest[1]), sequence: Number(rest[2]) };
  }
  const match = NUMBER_RE.exec(number);
  if (match === null) return undefined;
  // Greedy on the prefix would be as right; the lazy match plus the anchored year gives one answer.
  return { prefix: match[1] ?? '', year: Number(match[2]), sequence: Number(match[3]) };
}

/** The sequences of `register` in series `prefix` and `year`, sorted, duplicates kept. */
function sequencesOf(register: readonly NumberedEntry[], prefix: string, year: number): number[] {
  const out: number[] = [];
  for (const entry of register) {
    const parsed = parseNumber(entry.number, entry.series);
    if (parsed !== undefined && parsed.prefix === prefix && parsed.year === year) out.push(parsed.sequence);
  }
  return out.sort((a, b) => a - b);
}

/** Where `series`'s count of `year` starts: the profile's `continueFrom` for that year, else 1. */
function firstOf(series: NumberSeries, year: number): number {
  return series.continueFrom?.year === year ? series.continueFrom.next : 1;
}

/** The series as the person reads it: "RE-2026", "2026" (no prefix). */
export function seriesLabel(prefix: string, year: number): string {
  return `${prefix}${year}`;
}

/** Why a number cannot be given, in words; `next` is what would be given. */
export type NextNumber = { readonly ok: true; readonly number: string } | { readonly ok: false; readonly problem: string };

/**
 * The next number of `series` in `year`: one past the highest number of that series and year in
 * the register, or where the profile continues a count begun elsewhere. Refused, in words, when it
 * would leave a gap: the profile continues the count past numbers the register does not hold
 * (the register already has numbers of that year, so the count did not begin elsewhere).
 */
export function nextNumber(register: readonly NumberedEntry[], series: NumberSeries, year: number): NextNumber {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) return { ok: false, problem: `Issue date: the year ${year} is outside 2000 to 9999.` };
  const used = sequencesOf(register, series.prefix, year);
  const highest = used.at(-1);
  const first = firstOf(series, year);
  if (highest === undefined) return { ok: true, number: formatNumber(series.prefix, year, first) };
  if (first > highest + 1) {
    return {
      ok: false,
      problem: `Number series: your business profile continues ${seriesLabel(series.prefix, year)} at ${first}, but your register already holds ${formatNumber(series.prefix, year, highest)}; numbering would skip ${highest + 1} to ${first - 1}. Change "continue from" in your business profile, or remove it.`,
    };
  }
  return { ok: true, number: formatNumber(series.prefix, year, highest + 1) };
}

/**
 * Refuses, in words, `number` unless it is exactly the next number of its series and year in
 * `register` (the check right before a number is written, against the register read again).
 */
export function numberProblem(register: readonly NumberedEntry[], series: NumberSeries, number: string): string | undefined {
  const parsed = parseNumber(number, series.prefix);
  if (parsed === undefined) return `Number ${number} is not in the series "${series.prefix}", whose numbers read ${series.prefix}<year>-0001.`;
  const next = nextNumber(register, series, parsed.year);
  if (!next.ok) return next.problem;
  if (next.number === number) return undefined;
  return register.some((r) => r.number === number)
    ? `Number ${number} is already in your register; numbers are never reused. The next number is ${next.number}.`
    : `Number ${number} would leave a gap in ${seriesLabel(series.prefix, parsed.year)}; the next number is ${next.number}.`;
}

/** What is wrong with one series and year of the register. */
export interface SeriesCheck {
  readonly prefix: string;
  readonly year: number;
  /** Sequences missing between the first and the last number used, as ranges (inclusive). */
  readonly gaps: ReadonlyArray<readonly [number, number]>;
  /** Numbers used by more than one entry (two devices issued offline), each once. */
  readonly duplicates: readonly string[];
  /** The problems in words, one per gap and per duplicate. */
  readonly problems: readonly string[];
}

/**
 * Gaps and duplicates in every series and year of the register (for the Invoices screen). A
 * series' year starts at 1, or where `series` (the profile's, by prefix) continues a count begun
 * elsewhere; numbers below that start are the other tool's and not a gap. Only series and years
 * with a problem are listed, by prefix and year.
 */
export function checkNumbering(register: readonly NumberedEntry[], series: readonly NumberSeries[] = []): SeriesCheck[] {
  const groups = new Map<string, { prefix: string; year: number; numbers: string[] }>();
  for (const entry of register) {
    const parsed = parseNumber(entry.number, entry.series);
    if (parsed === undefined) continue;
    const id = `${parsed.prefix}\u0000${parsed.year}`;
    const group = groups.get(id) ?? { prefix: parsed.prefix, year: parsed.year, numbers: [] };
    group.numbers.push(entry.number);
    groups.set(id, group);
  }
  const out: SeriesCheck[] = [];
  for (const { prefix, year, numbers } of groups.values()) {
    const sequences = numbers.map((n) => parseNumber(n, prefix)?.sequence ?? 0).sort((a, b) => a - b);
    const profile = series.find((s) => s.prefix === prefix);
    const start = Math.min(profile === undefined ? 1 : firstOf(profile, year), sequences[0] ?? 1);
    const gaps: Array<[number, number]> = [];
    let expected = start;
    for (const sequence of new Set(sequences)) {
      if (sequence > expected) gaps.push([expected, sequence - 1]);
      expected = sequence + 1;
    }
    const counts = new Map<string, number>();
    for (const n of numbers) counts.set(n, (counts.get(n) ?? 0) + 1);
    const duplicates = [...counts].filter(([, c]) => c > 1).map(([n]) => n);
    if (gaps.length === 0 && duplicates.length === 0) continue;
    const problems = [
      ...gaps.map(([from, to]) =>
        from === to
          ? `${formatNumber(prefix, year, from)} is missing from your register: numbers in ${seriesLabel(prefix, year)} skip it.`
          : `${formatNumber(prefix, year, from)} to ${formatNumber(prefix, year, to)} are missing from your register: numbers in ${seriesLabel(prefix, year)} skip them.`,
      ),
      ...duplicates.map(
        (n) =>
          `${n} was given to ${counts.get(n)} invoices (issued on two devices before they synced): void one of them with a credit note and issue it again.`,
      ),
    ];
    out.push({ prefix, year, gaps, duplicates, problems });
  }
  return out.sort((a, b) => a.prefix.localeCompare(b.prefix) || a.year - b.year);
}
