/**
 * What the window does with a block the timer recorded, as plain functions: whether it is worth a
 * row at all, which phase it belongs to, the note it carries, and what a stop saved.
 *
 * Main's machine records every stretch it counted, however short (its accounting must add up to
 * the second); the ledger only keeps what a person would log. A stretch under a minute (Resume
 * then Break straight away, a discarded idle then Stop) would show as a "0:00" block, so it is
 * not written as a row of its own: it is folded into the nearest block of the same session,
 * project and kind (which grows by its length), so the ledger's total stays the timer's. Only
 * where no such block exists (a 20-second session) is it dropped.
 */
import type { TimerBlock } from '../../src-preload/contract/index.ts';
import type { Phase } from '../domain/phase.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { NewTimeBlock } from '../vault/repos/time-blocks.ts';

/** Shorter timer blocks are not written to the ledger. */
export const MIN_SAVED_BLOCK_MS = 60_000;

/** A stretch long enough to be a row in the ledger. */
export function worthSaving(block: Pick<TimerBlock, 'start' | 'end'>): boolean {
  return block.end - block.start >= MIN_SAVED_BLOCK_MS;
}

/** The project's active phase, which typed blocks get too (QuickEntry); none when no phase is active. */
export function activePhaseId(phases: readonly Phase[], projectId: string): string | undefined {
  return phases.find((p) => p.projectId === projectId && p.status === 'active')?.id;
}

/**
 * The vault input for a timer block: its own phase if the timer was started on one, else the
 * project's active phase; the note typed in the timer panel for this session.
 */
export function timerBlockInput(block: TimerBlock, zone: string, context: { phases: readonly Phase[]; note: string }): NewTimeBlock {
  const phaseId = block.phaseId ?? activePhaseId(context.phases, block.projectId);
  return {
    id: block.id,
    projectId: block.projectId,
    ...(phaseId ? { phaseId } : {}),
    ...(block.experimentId ? { experimentId: block.experimentId } : {}),
    start: block.start,
    end: block.end,
    zone,
    kind: block.kind,
    billable: block.kind === 'deep',
    note: block.kind === 'deep' ? context.note.trim() : '',
  };
}

/** The position of a timer block in its session, from its `<sessionId>:<seq>` id; null for other ids. */
function seqOf(id: string, sessionId: string): number | null {
  const prefix = `${sessionId}:`;
  if (!id.startsWith(prefix)) return null;
  const seq = Number(id.slice(prefix.length));
  return Number.isSafeInteger(seq) ? seq : null;
}

/** What becomes of a stretch under a minute. */
export type ShortStretchPlan =
  /** Grow this stored block by the stretch's length: its end later (a block before) or its start earlier (a block after). */
  | { kind: 'fold'; targetId: string; patch: { start: number } | { end: number } }
  /** A block it can join is still on its way (in main's outbox) or may yet come (the session runs on its project): keep it with main for now. */
  | { kind: 'wait' }
  /** Nothing to join and nothing will come: acknowledge it unwritten. */
  | { kind: 'drop' };

/**
 * Where a sub-minute stretch goes: the nearest block of its session with the same project and kind,
 * the one before it first. Growing that block must not make it overlap any other block, nor grow a
 * billed one (it is locked); a block that cannot take it is passed over.
 */
export function planShortStretch(
  short: TimerBlock,
  context: { stored: readonly TimeBlock[]; outbox: readonly TimerBlock[]; running: { sessionId: string; projectId: string } | undefined },
): ShortStretchPlan {
  const length = short.end - short.start;
  const kin = (b: { projectId: string; kind: string }) => b.projectId === short.projectId && b.kind === short.kind;
  const siblings = context.stored
    .map((b) => ({ block: b, seq: seqOf(b.id, short.sessionId) }))
    .filter((c): c is { block: TimeBlock; seq: number } => c.seq !== null && c.seq !== short.seq && kin(c.block) && !c.block.billed);
  const before = siblings.filter((c) => c.seq < short.seq).sort((a, b) => b.seq - a.seq);
  const after = siblings.filter((c) => c.seq > short.seq).sort((a, b) => a.seq - b.seq);
  // Blocks still in main's outbox become rows too (a break stored in the same pass, another
  // session's block): the grown block must not overlap them either. Short ones are never rows.
  const storedIds = new Set(context.stored.map((b) => b.id));
  const coming = context.outbox.filter((b) => b.id !== short.id && !storedIds.has(b.id) && worthSaving(b));
  const rows = [...context.stored, ...coming];
  const fits = (id: string, start: number, end: number) => rows.every((b) => b.id === id || b.end <= start || b.start >= end);
  for (const { block } of before) {
    if (fits(block.id, block.start, block.end + length)) return { kind: 'fold', targetId: block.id, patch: { end: block.end + length } };
  }
  for (const { block } of after) {
    if (fits(block.id, block.start - length, block.end)) return { kind: 'fold', targetId: block.id, patch: { start: block.start - length } };
  }
  const joinable = coming.some((b) => b.sessionId === short.sessionId && kin(b));
  // The session may yet record a block to join only while it runs on the same project; a switch
  // away drops it rather than keep it waiting (it would hold up an erasure of that client).
  const mayCome = context.running?.sessionId === short.sessionId && context.running.projectId === short.projectId;
  if (joinable || mayCome) return { kind: 'wait' };
  return { kind: 'drop' };
}

/**
 * Deep work a session saved: its blocks already in the ledger plus those still on their way
 * (counted once by id). A stretch under a minute counts when the session has a block it folds
 * into; alone, it is not written.
 */
export function savedBySession(sessionId: string, stored: readonly TimeBlock[], outbox: readonly TimerBlock[]): number {
  const prefix = `${sessionId}:`;
  const seen = new Map<string, number>();
  for (const b of stored) if (b.id.startsWith(prefix) && b.kind !== 'break') seen.set(b.id, b.end - b.start);
  const pending = outbox.filter((b) => b.sessionId === sessionId && b.kind === 'deep' && !seen.has(b.id));
  for (const b of pending) if (worthSaving(b)) seen.set(b.id, b.end - b.start);
  const joins = (b: TimerBlock) =>
    stored.some((s) => s.id.startsWith(prefix) && s.kind === 'deep' && s.projectId === b.projectId) ||
    pending.some((p) => p.projectId === b.projectId && worthSaving(p));
  for (const b of pending) if (!worthSaving(b) && joins(b)) seen.set(b.id, b.end - b.start);
  return [...seen.values()].reduce((sum, ms) => sum + ms, 0);
}
