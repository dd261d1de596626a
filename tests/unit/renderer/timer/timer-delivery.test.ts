/**
 * Sub-minute timer stretches reach the ledger folded into a neighbour, so the ledger's total is the
 * timer's. On the code before this change they were acknowledged unwritten: "Resume then Break"
 * after a 25-minute block left 25:00 in the ledger for 25:40 timed.
 */
import { describe, expect, it } from 'vitest';
import type { TimerBlock } from '../../../../src-preload/contract/index.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import type { FoldMemory } from '../../../../src-renderer/timer/folded-stretches.ts';
import { deliverOutbox, deliverTimerBlock, type Delivery } from '../../../../src-renderer/timer/timer-delivery.ts';
import { planShortStretch, savedBySession } from '../../../../src-renderer/timer/timer-blocks.ts';
import { RepoError } from '../../../../src-renderer/vault/repos/errors.ts';

const T0 = Date.UTC(2026, 11, 7, 9);
const MIN = 60_000;
const SEC = 1_000;

const timerBlock = (seq: number, start: number, end: number, over: Partial<TimerBlock> = {}): TimerBlock => ({
  id: `s1:${seq}`,
  sessionId: 's1',
  seq,
  kind: 'deep',
  projectId: 'p1',
  start,
  end,
  cycle: 0,
  ...over,
});

/** The ledger and the bridge around `deliverTimerBlock`, with main's outbox. */
class World {
  ledger = new Map<string, TimeBlock>();
  outbox: TimerBlock[] = [];
  running: { sessionId: string; projectId: string } | undefined = { sessionId: 's1', projectId: 'p1' };
  memory = new Set<string>();
  folded: FoldMemory = { has: (id) => this.memory.has(id), add: (id) => void this.memory.add(id), forget: (id) => void this.memory.delete(id) };

  /** One pass of the bridge over the outbox; acknowledged blocks leave it. */
  async pass(): Promise<Delivery[]> {
    const outbox = [...this.outbox];
    const results: Delivery[] = [];
    for (const block of outbox) {
      const result = await deliverTimerBlock(block, {
        stored: () => [...this.ledger.values()],
        outbox,
        running: this.running,
        addBlock: async (input) => {
          if (this.ledger.has(input.id!)) throw new RepoError('already-exists', 'exists');
          this.ledger.set(input.id!, { ...input, clientId: 'c1', billed: false, note: '', createdAt: 0, updatedAt: 0 } as TimeBlock);
        },
        patchBlock: async (id, patch) => void this.ledger.set(id, { ...this.ledger.get(id)!, ...patch } as TimeBlock),
        input: (b) => ({ id: b.id, projectId: b.projectId, start: b.start, end: b.end, zone: 'UTC', kind: b.kind, billable: b.kind === 'deep', note: '' }),
        folded: this.folded,
      });
      results.push(result);
      if (result !== 'waiting') this.outbox = this.outbox.filter((b) => b.id !== block.id);
    }
    return results;
  }

  deepTotal(): number {
    return [...this.ledger.values()].filter((b) => b.kind === 'deep').reduce((sum, b) => sum + b.end - b.start, 0);
  }
}

describe('sub-minute timer stretches', () => {
  it('Resume then Break: the 40 s stretch grows the block before it, and the ledger holds all 25:40', async () => {
    const w = new World();
    w.outbox = [timerBlock(0, T0, T0 + 25 * MIN)];
    await w.pass();
    // Paused 5 minutes, resumed, and took the break 40 s later.
    w.outbox = [timerBlock(1, T0 + 30 * MIN, T0 + 30 * MIN + 40 * SEC), timerBlock(2, T0 + 30 * MIN + 40 * SEC, T0 + 35 * MIN, { kind: 'break' })];
    expect(await w.pass()).toEqual(['folded', 'stored']);
    expect(w.outbox).toEqual([]);
    expect(w.ledger.get('s1:0')).toMatchObject({ start: T0, end: T0 + 25 * MIN + 40 * SEC });
    expect(w.ledger.has('s1:1')).toBe(false);
    expect(w.deepTotal()).toBe(25 * MIN + 40 * SEC);
  });

  it('a re-sent stretch (its acknowledgement was lost) is not added twice', async () => {
    const w = new World();
    w.outbox = [timerBlock(0, T0, T0 + 25 * MIN)];
    await w.pass();
    const short = timerBlock(1, T0 + 30 * MIN, T0 + 30 * MIN + 40 * SEC);
    w.outbox = [short];
    await w.pass();
    w.outbox = [short];
    expect(await w.pass()).toEqual(['folded']);
    expect(w.deepTotal()).toBe(25 * MIN + 40 * SEC);
  });

  it('a short first stretch waits with main while the session runs, then grows the next block backwards', async () => {
    const w = new World();
    const first = timerBlock(0, T0, T0 + 30 * SEC);
    w.outbox = [first];
    expect(await w.pass()).toEqual(['waiting']);
    expect(w.outbox).toEqual([first]);
    w.outbox.push(timerBlock(1, T0 + 2 * MIN, T0 + 50 * MIN));
    expect(await w.pass()).toEqual(['waiting', 'stored']);
    expect(await w.pass()).toEqual(['folded']);
    expect(w.ledger.get('s1:1')).toMatchObject({ start: T0 + 2 * MIN - 30 * SEC, end: T0 + 50 * MIN });
    expect(w.deepTotal()).toBe(48 * MIN + 30 * SEC);
  });

  it('a short stretch stops waiting when the running session moves to another project', async () => {
    const w = new World();
    w.outbox = [timerBlock(0, T0, T0 + 30 * SEC)];
    expect(await w.pass()).toEqual(['waiting']);
    w.running = { sessionId: 's1', projectId: 'p2' };
    expect(await w.pass()).toEqual(['dropped']);
    expect(w.outbox).toEqual([]);
  });

  it('a 20 s session is dropped once it has stopped: nothing to join and nothing will come', async () => {
    const w = new World();
    w.outbox = [timerBlock(0, T0, T0 + 20 * SEC)];
    w.running = undefined;
    expect(await w.pass()).toEqual(['dropped']);
    expect(w.ledger.size).toBe(0);
    expect(w.outbox).toEqual([]);
    expect(savedBySession('s1', [], [timerBlock(0, T0, T0 + 20 * SEC)])).toBe(0);
  });

  it('joins only the same project and kind; another session’s or a break’s block is not grown', async () => {
    const stored = [
      { id: 's1:0', projectId: 'p2', kind: 'deep', start: T0, end: T0 + 10 * MIN, billed: false },
      { id: 's1:1', projectId: 'p1', kind: 'break', start: T0 + 10 * MIN, end: T0 + 15 * MIN, billed: false },
      { id: 's0:4', projectId: 'p1', kind: 'deep', start: T0 - 60 * MIN, end: T0 - 30 * MIN, billed: false },
    ] as TimeBlock[];
    const short = timerBlock(2, T0 + 16 * MIN, T0 + 16 * MIN + 10 * SEC);
    expect(planShortStretch(short, { stored, outbox: [short], running: undefined })).toEqual({ kind: 'drop' });
  });

  it('passes over a billed block and one the growth would overlap, for the next candidate', () => {
    const stored = [
      { id: 's1:0', projectId: 'p1', kind: 'deep', start: T0, end: T0 + 10 * MIN, billed: false },
      { id: 's1:1', projectId: 'p1', kind: 'deep', start: T0 + 20 * MIN, end: T0 + 30 * MIN, billed: true },
      // A typed meeting right after s1:0: growing s1:0 by 30 s would overlap it.
      { id: 'typed', projectId: 'p9', kind: 'meeting', start: T0 + 10 * MIN, end: T0 + 12 * MIN, billed: false },
      { id: 's1:3', projectId: 'p1', kind: 'deep', start: T0 + 40 * MIN, end: T0 + 50 * MIN, billed: false },
    ] as TimeBlock[];
    const short = timerBlock(2, T0 + 35 * MIN, T0 + 35 * MIN + 30 * SEC);
    expect(planShortStretch(short, { stored, outbox: [short], running: undefined })).toEqual({
      kind: 'fold',
      targetId: 's1:3',
      patch: { start: T0 + 40 * MIN - 30 * SEC },
    });
  });

  it('the Stop message counts a stretch that will fold, not one alone', () => {
    const stored = [{ id: 's1:0', projectId: 'p1', kind: 'deep', start: T0, end: T0 + 25 * MIN, billed: false }] as TimeBlock[];
    expect(savedBySession('s1', stored, [timerBlock(1, T0 + 30 * MIN, T0 + 30 * MIN + 40 * SEC)])).toBe(25 * MIN + 40 * SEC);
  });

  it('a break still in the outbox keeps a block from growing over it', () => {
    // 25 min of work, a 5 min break, then 30 s of work before Stop: growing s1:0 by 30 s would run
    // into the break, which is stored in the same pass.
    const stored = [{ id: 's1:0', projectId: 'p1', kind: 'deep', start: T0, end: T0 + 25 * MIN, billed: false }] as TimeBlock[];
    const brk = timerBlock(1, T0 + 25 * MIN, T0 + 30 * MIN, { kind: 'break' });
    const short = timerBlock(2, T0 + 30 * MIN, T0 + 30 * MIN + 30 * SEC);
    expect(planShortStretch(short, { stored, outbox: [brk, short], running: undefined })).toEqual({ kind: 'drop' });
  });
});

/** The ledger behind the bridge's store, with writes that take a moment, as the vault's do. */
function slowLedger(blocks: TimeBlock[]) {
  const ledger = { blocks, acknowledged: [] as string[], failures: [] as string[], refusePatch: false };
  const memory = new Set<string>();
  const deps = {
    stored: () => ledger.blocks,
    running: undefined,
    addBlock: async (input: { id?: string }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ledger.blocks = [...ledger.blocks, { ...input, billed: false } as TimeBlock];
    },
    patchBlock: async (id: string, patch: object) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (ledger.refusePatch) throw new Error('The vault is locked.');
      ledger.blocks = ledger.blocks.map((b) => (b.id === id ? { ...b, ...patch } : b));
    },
    input: (b: TimerBlock) => ({ id: b.id, projectId: b.projectId, start: b.start, end: b.end, zone: 'UTC', kind: b.kind, billable: true, note: '' }),
    folded: { has: (id: string) => memory.has(id), add: (id: string) => void memory.add(id), forget: (id: string) => void memory.delete(id) },
    acknowledge: async (id: string) => void ledger.acknowledged.push(id),
    open: () => true,
    failed: (block: TimerBlock) => void ledger.failures.push(block.id),
  };
  return { ledger, deps };
}

describe('delivering the outbox', () => {
  it('two stretches folded into one block in one pass both count (40 s + 50 s grow it by 90 s)', async () => {
    const { ledger, deps } = slowLedger([{ id: 's1:0', projectId: 'p1', kind: 'deep', start: T0, end: T0 + 25 * MIN, billed: false } as TimeBlock]);
    const outbox = [timerBlock(1, T0 + 30 * MIN, T0 + 30 * MIN + 40 * SEC), timerBlock(2, T0 + 35 * MIN, T0 + 35 * MIN + 50 * SEC)];
    await deliverOutbox(outbox, deps);
    expect(ledger.blocks[0]).toMatchObject({ start: T0, end: T0 + 25 * MIN + 90 * SEC });
    expect(ledger.acknowledged).toEqual(['s1:1', 's1:2']);
  });

  it('a fold whose growth is refused is not acknowledged, and folds when main sends it again', async () => {
    const { ledger, deps } = slowLedger([{ id: 's1:0', projectId: 'p1', kind: 'deep', start: T0, end: T0 + 25 * MIN, billed: false } as TimeBlock]);
    const outbox = [timerBlock(1, T0 + 30 * MIN, T0 + 30 * MIN + 40 * SEC)];
    ledger.refusePatch = true;
    await deliverOutbox(outbox, deps);
    expect(ledger.failures).toEqual(['s1:1']);
    expect(ledger.acknowledged).toEqual([]);
    ledger.refusePatch = false;
    await deliverOutbox(outbox, deps);
    expect(ledger.acknowledged).toEqual(['s1:1']);
    expect(ledger.blocks[0]).toMatchObject({ end: T0 + 25 * MIN + 40 * SEC });
  });

  it('stops at a lock and leaves the rest with main', async () => {
    const { ledger, deps } = slowLedger([]);
    let open = true;
    const outbox = [timerBlock(0, T0, T0 + 25 * MIN), timerBlock(1, T0 + 30 * MIN, T0 + 55 * MIN)];
    await deliverOutbox(outbox, {
      ...deps,
      open: () => open,
      acknowledge: async (id) => {
        ledger.acknowledged.push(id);
        open = false;
      },
    });
    expect(ledger.acknowledged).toEqual(['s1:0']);
    expect(ledger.blocks.map((b) => b.id)).toEqual(['s1:0']);
  });
});
