/**
 * What the window does with a block the timer recorded, as plain functions: whether it is worth a
 * row at all, which phase it belongs to, the note it carries, and what a stop saved.
 *
 * Main's machine records every stretch it counted, however short (its accounting must add up to
 * the second); the ledger only keeps what a person would log. A stretch under a minute (Resume
 * then Break straight away, a discarded idle then Stop) would show as a "0:00" block, so it is
 * acknowledged to main without being written.
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

/**
 * Deep work a session saved: its blocks already in the ledger plus those still on their way
 * (counted once by id), leaving out the ones too short to be written.
 */
export function savedBySession(sessionId: string, stored: readonly TimeBlock[], outbox: readonly TimerBlock[]): number {
  const prefix = `${sessionId}:`;
  const seen = new Map<string, number>();
  for (const b of stored) if (b.id.startsWith(prefix) && b.kind !== 'break') seen.set(b.id, b.end - b.start);
  for (const b of outbox) if (b.sessionId === sessionId && b.kind === 'deep' && worthSaving(b)) seen.set(b.id, b.end - b.start);
  return [...seen.values()].reduce((sum, ms) => sum + ms, 0);
}
