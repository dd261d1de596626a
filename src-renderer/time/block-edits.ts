/**
 * Edits over time blocks that the timeline and the table offer (split, merge, overlap warnings),
 * as pure functions over plain objects: the caller persists the result through the repositories,
 * so these never see Dexie, ids generators or clocks. Ranges are half-open [start, end), so a block
 * ending at 10:00 and one starting at 10:00 touch but do not overlap.
 */
import { formatDuration } from './format.ts';
import { MAX_BLOCK_MS } from '../domain/time-block.ts';

/** The least a block needs for range edits; the generic functions keep every other field. */
export interface Span {
  id: string;
  /** UTC epoch ms, inclusive. */
  start: number;
  /** UTC epoch ms, exclusive. */
  end: number;
}

/**
 * What decides whether two blocks may become one. Merging must not change what a block means for
 * billing or reports, so every field that reports group by has to agree; see {@link canMerge}.
 */
export interface MergeableBlock extends Span {
  projectId: string;
  phaseId?: string | undefined;
  experimentId?: string | undefined;
  kind: string;
  billable: boolean;
  billed?: boolean | undefined;
  /** Kept on merge: every block's note, joined in time order. */
  note?: string | undefined;
}

/** Why an edit was refused, for code that reacts beyond showing the message. */
export type EditErrorCode =
  | 'split-outside'
  | 'same-id'
  | 'too-few'
  | 'duplicate-id'
  | 'different-project'
  | 'different-phase'
  | 'different-experiment'
  | 'different-kind'
  | 'different-billable'
  | 'billed'
  | 'too-long';

/** A refused edit with a sentence to show as is. */
export interface EditError {
  ok: false;
  code: EditErrorCode;
  message: string;
}

/**
 * Cuts a block in two at `at`: the first part keeps the block's id and [start, at), the second is
 * a copy with `newId` and [at, end). The caller supplies the id because ids encode where a block
 * came from (the timer's `<session>:<seq>`), which this module cannot know.
 */
export function splitAt<T extends Span>(block: T, at: number, newId: string): { ok: true; parts: [T, T] } | EditError {
  if (!Number.isFinite(at) || at <= block.start || at >= block.end) {
    return fail('split-outside', 'Pick a split point inside the block: after its start and before its end.');
  }
  if (newId === block.id) return fail('same-id', 'The second part needs an id of its own.');
  return {
    ok: true,
    parts: [
      { ...block, end: at },
      { ...block, id: newId, start: at },
    ],
  };
}

/**
 * Whether two blocks may be merged, and if not, why. Rules:
 * - same project, phase and experiment: those are what invoices and experiment reports count by;
 * - same kind: a merged "deep" + "meeting" block would misreport one of them;
 * - same `billable`, and neither already `billed`: merging must not change an invoice;
 * - any distance apart: the merged block spans min(start)..max(end), gap included (the UI shows
 *   the gap via {@link mergeRanges}' `gapMs`), but at most 24 hours.
 */
export function canMerge(a: MergeableBlock, b: MergeableBlock): { ok: true } | EditError {
  const merged = mergeRanges([a, b]);
  return merged.ok ? { ok: true } : merged;
}

/** The outcome of a merge: one block to keep (the earliest, widened) and the ids to delete. */
export interface MergeOutcome<T> {
  ok: true;
  /** The earliest block with its range widened and every note joined ({@link joinNotes}); its id and other fields are kept. */
  merged: T;
  /** Ids of the other blocks, which the merge replaces. */
  removedIds: string[];
  /** Time inside the merged range that no block covered: newly counted work, worth a warning. */
  gapMs: number;
  /** Time that two or more blocks covered at once and now counts once. */
  overlapMs: number;
}

/** Merges blocks into one spanning their earliest start to latest end, under the rules of {@link canMerge}. */
export function mergeRanges<T extends MergeableBlock>(blocks: readonly T[]): MergeOutcome<T> | EditError {
  if (blocks.length < 2) return fail('too-few', 'Select at least two blocks to merge.');
  if (new Set(blocks.map((b) => b.id)).size !== blocks.length) return fail('duplicate-id', 'The same block was selected twice.');
  const sorted = [...blocks].sort(byStart);
  const first = sorted[0] as T;
  for (const b of sorted) {
    const refusal = mergeRefusal(first, b);
    if (refusal !== undefined) return refusal;
  }
  let end = first.end;
  let covered = 0;
  let total = 0;
  let reach = first.start;
  for (const b of sorted) {
    end = Math.max(end, b.end);
    total += Math.max(0, b.end - b.start);
    covered += Math.max(0, b.end - Math.max(b.start, reach));
    reach = Math.max(reach, b.end);
  }
  if (end - first.start > MAX_BLOCK_MS) {
    return fail('too-long', `The merged block would last ${formatDuration(end - first.start)}; a block is at most 24 h.`);
  }
  return {
    ok: true,
    merged: first.note === undefined ? { ...first, end } : { ...first, end, note: joinNotes(sorted.map((b) => b.note ?? '')) },
    removedIds: sorted.slice(1).map((b) => b.id),
    gapMs: end - first.start - covered,
    overlapMs: total - covered,
  };
}

/**
 * The notes of merged blocks, in the order given (time order), as one: "a; b". Empty notes and
 * repeats are dropped, so merging "review" with "review" keeps "review" once; no note is lost.
 */
export function joinNotes(notes: readonly string[]): string {
  const kept: string[] = [];
  for (const note of notes) {
    const trimmed = note.trim();
    if (trimmed !== '' && !kept.includes(trimmed)) kept.push(trimmed);
  }
  return kept.join('; ');
}

function mergeRefusal(a: MergeableBlock, b: MergeableBlock): EditError | undefined {
  if (a.billed === true || b.billed === true) {
    return fail('billed', 'A block that is already on an invoice cannot be merged; the invoice would change.');
  }
  if (a.projectId !== b.projectId) return fail('different-project', 'These blocks belong to different projects. Only blocks of one project can be merged.');
  if (a.phaseId !== b.phaseId) return fail('different-phase', 'These blocks are in different phases. Move them to one phase first.');
  if (a.experimentId !== b.experimentId)
    return fail('different-experiment', 'These blocks count towards different experiments. Move them to one experiment first.');
  if (a.kind !== b.kind) return fail('different-kind', `These blocks are of different kinds (${a.kind}, ${b.kind}). Give them the same kind first.`);
  if (a.billable !== b.billable) return fail('different-billable', 'Some of these blocks are billable and some are not. Make them the same first.');
  return undefined;
}

/**
 * Every pair of blocks that overlap, each pair as [earlier id, later id] (by start, then end, then id), in
 * O(n log n + pairs). Empty or inverted blocks overlap nothing: they hold no time.
 */
export function findOverlaps(blocks: readonly Span[]): Array<[string, string]> {
  const sorted = blocks.filter((b) => b.end > b.start).sort(byStart);
  const pairs: Array<[string, string]> = [];
  let active: Span[] = [];
  for (const b of sorted) {
    // Each kept block yields a pair and each dropped one is dropped once, so the sweep stays linear.
    active = active.filter((a) => a.end > b.start);
    for (const a of active) pairs.push([a.id, b.id]);
    active.push(b);
  }
  return pairs;
}

/**
 * The blocks that `candidate` overlaps, earliest first, for "this overlaps 10:00–11:00 Acme" while
 * a block is being typed or dragged. A block with the candidate's id is skipped: it is the one
 * being edited.
 */
export function overlapsWith<T extends Span>(candidate: Pick<Span, 'start' | 'end'> & { id?: string }, blocks: readonly T[]): T[] {
  if (!(candidate.end > candidate.start)) return [];
  return blocks.filter((b) => b.id !== candidate.id && b.end > b.start && b.start < candidate.end && candidate.start < b.end).sort(byStart);
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function fail(code: EditErrorCode, message: string): EditError {
  return { ok: false, code, message };
}
