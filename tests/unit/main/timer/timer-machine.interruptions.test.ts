import { describe, expect, it } from 'vitest';
import { PRESETS, type Preset } from '../../../../src-main/timer/presets.ts';
import { initialState, step } from '../../../../src-main/timer/timer-machine.ts';
import { blocksOf, Driver, MIN, noticesOf, span, T0 } from './harness.ts';

const startOn = (preset: Preset, projectId = 'p1') => ({ type: 'start', sessionId: 's1', projectId, preset }) as const;

describe('idle, suspend and lock', () => {
  const running = () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS['deep-90']));
    return d;
  };

  it('stops accruing at the idle start and keeps the time on "keep"', () => {
    const d = running();
    d.at(20, { type: 'idleDetected', idleSince: T0 + 10 * MIN });
    expect(d.state.session?.away).toEqual({ since: T0 + 10 * MIN, cause: 'idle' });
    expect(d.at(30, { type: 'userActive' })).toEqual([{ type: 'ask-away', since: T0 + 10 * MIN, cause: 'idle' }]);
    d.at(31, { type: 'idleResolved', choice: 'keep' });
    d.at(40, { type: 'stop' });
    expect(d.blocks().map(span)).toEqual([[0, 40]]);
  });

  it('drops the time on "discard" and records it as a break on "break"', () => {
    const a = running();
    a.at(20, { type: 'idleDetected', idleSince: T0 + 10 * MIN });
    a.at(31, { type: 'idleResolved', choice: 'discard' });
    a.at(40, { type: 'stop' });
    expect(a.blocks().map((b) => [b.kind, ...span(b)])).toEqual([
      ['deep', 0, 10],
      ['deep', 31, 40],
    ]);

    const b = running();
    b.at(20, { type: 'idleDetected', idleSince: T0 + 10 * MIN });
    b.at(31, { type: 'idleResolved', choice: 'break' });
    b.at(40, { type: 'stop' });
    expect(b.blocks().map((x) => [x.kind, ...span(x)])).toEqual([
      ['deep', 0, 10],
      ['break', 10, 31],
      ['deep', 31, 40],
    ]);
  });

  it('never lets idle reach back before the current segment', () => {
    const d = running();
    d.at(10, { type: 'pause' });
    d.at(12, { type: 'resume' });
    d.at(20, { type: 'idleDetected', idleSince: T0 }); // OS idle clock is older than the resume click
    expect(d.state.session?.away?.since).toBe(T0 + 12 * MIN);
  });

  it('block end waits for the away question: away time is not yet work', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(30, { type: 'idleDetected', idleSince: T0 + 20 * MIN });
    expect(d.state.status).toBe('running');
    expect(noticesOf(d.at(31, { type: 'idleResolved', choice: 'keep' }))).toEqual(['block-end']);
  });

  it('un-ends a block whose end was noticed before the idle that discards it', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(25); // block-end: the idle since 20 is not known yet
    d.at(26, { type: 'idleDetected', idleSince: T0 + 20 * MIN });
    d.at(27, { type: 'idleResolved', choice: 'discard' });
    expect(d.state).toMatchObject({ status: 'running', session: { completedBlocks: 0, period: { accruedMs: 20 * MIN } } });
    expect(noticesOf(d.at(32))).toEqual(['block-end']);
  });

  it('treats a suspend like idle from the suspend instant; a long sleep is asked about', () => {
    const d = running();
    d.at(10, { type: 'suspend' });
    expect(d.at(70, { type: 'resumeFromSuspend' })).toEqual([{ type: 'ask-away', since: T0 + 10 * MIN, cause: 'suspend' }]);
    d.at(71, { type: 'idleResolved', choice: 'discard' });
    expect(d.blocks().map(span)).toEqual([[0, 10]]);
  });

  it('keeps a short lock silently', () => {
    const d = running();
    d.at(10, { type: 'lockScreen' });
    expect(d.at(12, { type: 'unlockScreen' })).toEqual([]);
    expect(d.state.session?.away).toBeUndefined();
    d.at(20, { type: 'stop' });
    expect(d.blocks().map(span)).toEqual([[0, 20]]);
  });

  it('refuses pause, stop, switch and break while the question is open; ignores idle in a break', () => {
    const d = running();
    d.at(10, { type: 'lockScreen' });
    for (const type of ['pause', 'stop', 'startBreak'] as const) {
      expect(d.at(20, { type })).toMatchObject([{ type: 'refused', code: 'away-pending' }]);
    }
    expect(d.at(20, { type: 'switchProject', projectId: 'p2' })).toMatchObject([{ type: 'refused', code: 'away-pending' }]);
    d.at(20, { type: 'idleResolved', choice: 'keep' });
    d.at(20, { type: 'startBreak' });
    d.at(21, { type: 'idleDetected', idleSince: T0 + 20 * MIN });
    expect(d.state.session?.away).toBeUndefined();
  });
});

describe('kill switches', () => {
  it('halts a running timer on trigger, refuses to resume or restart until acknowledged', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    const trigger = d.at(12, { type: 'killSwitchTriggered', projectId: 'p1', switchId: 'ks1' });
    expect(blocksOf(trigger).map(span)).toEqual([[0, 12]]);
    expect(noticesOf(trigger)).toEqual(['kill-switch']);
    expect(d.state.status).toBe('paused');
    expect(d.at(13, { type: 'resume' })).toMatchObject([{ type: 'refused', action: 'resume', code: 'kill-switch', projectId: 'p1' }]);
    d.at(13, { type: 'stop' });
    expect(d.at(14, { type: 'start', sessionId: 's2', projectId: 'p1', preset: PRESETS.pomodoro })).toMatchObject([
      { type: 'refused', action: 'start', code: 'kill-switch' },
    ]);
    // other projects are not affected
    d.at(14, { type: 'start', sessionId: 's2', projectId: 'p2', preset: PRESETS.pomodoro });
    expect(d.state.status).toBe('running');
    expect(d.at(15, { type: 'switchProject', projectId: 'p1' })).toMatchObject([{ type: 'refused', action: 'switch', code: 'kill-switch' }]);
    d.at(15, { type: 'stop' });
    d.at(16, { type: 'killSwitchAcknowledged', projectId: 'p1' });
    expect(d.at(16, { type: 'start', sessionId: 's3', projectId: 'p1', preset: PRESETS.pomodoro })).toEqual([]);
    expect(d.state.status).toBe('running');
  });

  it('consults an external gate on start and while time accrues', () => {
    let blocked = false;
    const gate = { isBlocked: () => (blocked ? { blocked: true, reason: 'Budget reached.' } : { blocked: false }) };
    const d = new Driver(T0, { gate });
    d.at(0, startOn(PRESETS.pomodoro));
    blocked = true;
    const halt = d.at(7);
    expect(blocksOf(halt).map(span)).toEqual([[0, 7]]);
    expect(noticesOf(halt)).toEqual(['kill-switch']);
    expect(d.at(8, { type: 'resume' })).toMatchObject([{ code: 'kill-switch', message: 'Budget reached.' }]);
  });

  it('fails closed when the gate throws', () => {
    const gate = {
      isBlocked: (): never => {
        throw new Error('rules unavailable');
      },
    };
    const { effects } = step(initialState(T0), startOn(PRESETS.pomodoro), T0, { gate });
    expect(effects).toMatchObject([{ type: 'refused', code: 'kill-switch' }]);
  });

  it('during an away question, takes effect once the person has answered', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(10, { type: 'lockScreen' });
    d.at(15, { type: 'killSwitchTriggered', projectId: 'p1', switchId: 'ks1' });
    expect(d.state.status).toBe('running');
    d.at(20, { type: 'idleResolved', choice: 'discard' });
    expect(d.state.status).toBe('paused');
    expect(d.blocks().map(span)).toEqual([[0, 10]]);
  });
});

describe('other rules', () => {
  it('refuses a second start while a timer runs', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    expect(d.at(1, { type: 'start', sessionId: 's2', projectId: 'p2', preset: PRESETS.pomodoro })).toMatchObject([{ type: 'refused', code: 'busy' }]);
  });

  it('switching project splits the block without losing time', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(10, { type: 'switchProject', projectId: 'p2', phaseId: 'ph1' });
    d.at(20, { type: 'stop' });
    expect(d.blocks().map((b) => [b.projectId, b.phaseId, ...span(b)])).toEqual([
      ['p1', undefined, 0, 10],
      ['p2', 'ph1', 10, 20],
    ]);
  });

  it('binds blocks to the phase and experiment', () => {
    const d = new Driver();
    d.at(0, { type: 'start', sessionId: 's1', projectId: 'p1', phaseId: 'ph', experimentId: 'ex', preset: PRESETS.pomodoro });
    d.at(5, { type: 'stop' });
    expect(d.blocks()[0]).toMatchObject({ id: 's1:0', projectId: 'p1', phaseId: 'ph', experimentId: 'ex', kind: 'deep' });
  });

  it('never runs time backwards when the wall clock jumps back', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(10);
    d.at(-30, { type: 'pause' }); // clock set back 40 minutes
    expect(d.blocks().map(span)).toEqual([[0, 10]]);
  });

  it('removes a block from the outbox once the vault has it, and never mutates its input', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(5, { type: 'pause' });
    const before = structuredClone(d.state);
    const frozen = d.state;
    d.at(6, { type: 'blockStored', blockId: 's1:0' });
    expect(frozen).toEqual(before);
    expect(d.state.outbox).toEqual([]);
  });
});
