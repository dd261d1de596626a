import { describe, expect, it } from 'vitest';
import type { TimerBlock } from '../../../../src-preload/contract/index.ts';
import type { Phase } from '../../../../src-renderer/domain/phase.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { MIN_SAVED_BLOCK_MS, savedBySession, timerBlockInput, worthSaving } from '../../../../src-renderer/timer/timer-blocks.ts';

const T0 = Date.UTC(2026, 11, 7, 9);
const MIN = 60_000;

const block = (over: Partial<TimerBlock> = {}): TimerBlock => ({
  id: 's1:0',
  sessionId: 's1',
  seq: 0,
  kind: 'deep',
  projectId: 'p1',
  start: T0,
  end: T0 + 25 * MIN,
  cycle: 0,
  ...over,
});

const phase = (id: string, projectId: string, status: Phase['status']) => ({ id, projectId, status }) as Phase;

describe('worthSaving', () => {
  it('refuses zero and sub-minute stretches, keeps a minute and more', () => {
    expect(worthSaving(block({ end: T0 }))).toBe(false);
    expect(worthSaving(block({ end: T0 + 1 }))).toBe(false);
    expect(worthSaving(block({ end: T0 + MIN_SAVED_BLOCK_MS - 1 }))).toBe(false);
    expect(worthSaving(block({ end: T0 + MIN_SAVED_BLOCK_MS }))).toBe(true);
  });
});

describe('timerBlockInput', () => {
  const phases = [phase('ph-done', 'p1', 'done'), phase('ph-other', 'p2', 'active'), phase('ph-active', 'p1', 'active')];

  it("gives a block without a phase the project's active phase, as typed blocks get", () => {
    expect(timerBlockInput(block(), 'Europe/Lisbon', { phases, note: '' }).phaseId).toBe('ph-active');
  });

  it('keeps a phase the timer was started on', () => {
    expect(timerBlockInput(block({ phaseId: 'ph-done' }), 'Europe/Lisbon', { phases, note: '' }).phaseId).toBe('ph-done');
  });

  it('has no phase when the project has no active one', () => {
    expect('phaseId' in timerBlockInput(block({ projectId: 'p3' }), 'Europe/Lisbon', { phases, note: '' })).toBe(false);
  });

  it('carries the note on deep work, billable, under the timer id', () => {
    const input = timerBlockInput(block(), 'Europe/Lisbon', { phases, note: '  grasp detector, fold 3 ' });
    expect(input).toMatchObject({ id: 's1:0', note: 'grasp detector, fold 3', billable: true, kind: 'deep', zone: 'Europe/Lisbon' });
  });

  it('a break is neither billable nor noted', () => {
    expect(timerBlockInput(block({ kind: 'break' }), 'UTC', { phases, note: 'x' })).toMatchObject({ note: '', billable: false });
  });
});

describe('savedBySession', () => {
  const stored = (id: string, minutes: number, kind: TimeBlock['kind'] = 'deep') => ({ id, kind, start: T0, end: T0 + minutes * MIN }) as TimeBlock;

  it('adds stored and pending deep blocks of the session once each, a short one that folds into them too, without breaks or other sessions', () => {
    const total = savedBySession(
      's1',
      [stored('s1:0', 60), stored('s1:1', 5, 'break'), stored('s2:0', 30)],
      [block({ id: 's1:0', end: T0 + 60 * MIN }), block({ id: 's1:2', seq: 2, end: T0 + 25 * MIN }), block({ id: 's1:3', seq: 3, end: T0 + 20_000 })],
    );
    // The 20 s stretch s1:3 folds into a block of its session (it used to be left out: the ledger drifted from the timer).
    expect(total).toBe(85 * MIN + 20_000);
  });

  it('is zero when only a sub-minute block was timed', () => {
    expect(savedBySession('s1', [], [block({ end: T0 + 5_000 })])).toBe(0);
  });
});
