/**
 * Timer blocks from main's outbox into the ledger, with every dependency injected (the bridge
 * passes the store and the IPC; tests pass fakes).
 *
 * A block of a minute or more is stored under its timer id (a re-send is recognised as
 * 'already-exists'). A shorter stretch is folded into its neighbour or dropped (timer-blocks.ts
 * says which); the fold is remembered before the neighbour grows, so a re-sent stretch is never
 * added twice (a crash in between loses under a minute rather than billing it twice), and
 * forgotten again when the growth is refused, so the stretch stays with main and is tried again.
 *
 * The outbox is delivered one block at a time, in main's order: a fold writes the neighbour's new
 * end (or start) as planned from the stored blocks, so two folds into one block planned at once
 * would each write their own growth and the last would win.
 */
import type { TimerBlock } from '../../src-preload/contract/index.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { NewTimeBlock, TimeBlockPatch } from '../vault/repos/time-blocks.ts';
import { RepoError } from '../vault/repos/errors.ts';
import type { FoldMemory } from './folded-stretches.ts';
import { planShortStretch, worthSaving } from './timer-blocks.ts';

export interface DeliveryDeps {
  /** The stored blocks as they are now (read again for every block). */
  stored: () => readonly TimeBlock[];
  outbox: readonly TimerBlock[];
  /** The session the timer is running now, and its project. */
  running: { sessionId: string; projectId: string } | undefined;
  addBlock: (input: NewTimeBlock) => Promise<unknown>;
  patchBlock: (id: string, patch: TimeBlockPatch) => Promise<unknown>;
  /** The vault input for a block worth a row (phase, note, zone). */
  input: (block: TimerBlock) => NewTimeBlock;
  folded: FoldMemory;
}

/** 'stored' and 'folded' and 'dropped' are acknowledged to main; 'waiting' stays in its outbox. */
export type Delivery = 'stored' | 'folded' | 'dropped' | 'waiting';

export async function deliverTimerBlock(block: TimerBlock, deps: DeliveryDeps): Promise<Delivery> {
  if (worthSaving(block)) {
    try {
      await deps.addBlock(deps.input(block));
    } catch (error) {
      // Stored before, but main never heard: it counts as stored.
      if (!(error instanceof RepoError && error.code === 'already-exists')) throw error;
    }
    return 'stored';
  }
  if (deps.folded.has(block.id)) return 'folded';
  const plan = planShortStretch(block, { stored: deps.stored(), outbox: deps.outbox, running: deps.running });
  if (plan.kind === 'wait') return 'waiting';
  if (plan.kind === 'drop') return 'dropped';
  deps.folded.add(block.id);
  try {
    await deps.patchBlock(plan.targetId, plan.patch);
  } catch (error) {
    // Not grown (vault locked, block billed meanwhile): not acknowledged either, so main sends it
    // again and it is planned afresh.
    deps.folded.forget(block.id);
    throw error;
  }
  return 'folded';
}

export interface OutboxDeps extends Omit<DeliveryDeps, 'outbox'> {
  /** Tells main it may drop the block. */
  acknowledge: (id: string) => Promise<unknown>;
  /** False once the vault locked: the rest waits for the next unlock. */
  open: () => boolean;
  /** A block that could not be saved; it stays with main and the pass goes on with the next. */
  failed: (block: TimerBlock, error: unknown) => void;
}

/** One pass over main's outbox, each block delivered and acknowledged before the next starts. */
export async function deliverOutbox(outbox: readonly TimerBlock[], deps: OutboxDeps): Promise<void> {
  for (const block of outbox) {
    if (!deps.open()) return;
    try {
      const delivery = await deliverTimerBlock(block, { ...deps, outbox });
      if (delivery !== 'waiting') await deps.acknowledge(block.id);
    } catch (error) {
      deps.failed(block, error);
    }
  }
}
