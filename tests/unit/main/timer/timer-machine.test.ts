import { describe, expect, it } from 'vitest';
import { customPreset, PRESETS, type Preset } from '../../../../src-main/timer/presets.ts';
import { resolveSettings } from '../../../../src-main/timer/timer-machine.ts';
import { blocksOf, Driver, MIN, noticesOf, span, T0 } from './harness.ts';

const startOn = (preset: Preset, projectId = 'p1') => ({ type: 'start', sessionId: 's1', projectId, preset }) as const;

describe('pomodoro (25/5, long break 15 after 4)', () => {
  it('runs four blocks with short breaks, then a long one', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    let t = 0;
    for (let cycle = 0; cycle < 4; cycle++) {
      expect(d.at(t + 24.99)).toEqual([]);
      expect(d.state.status).toBe('running');
      expect(noticesOf(d.at(t + 25))).toEqual(['block-end']);
      expect(d.state.status).toBe('overrun');
      d.at(t + 25, { type: 'startBreak' });
      const long = cycle === 3;
      expect(d.state.session?.period).toMatchObject({ kind: 'break', long, plannedMs: (long ? 15 : 5) * MIN });
      const breakEnd = t + 25 + (long ? 15 : 5);
      expect(noticesOf(d.at(breakEnd))).toEqual(['break-end']);
      expect(d.state.status).toBe('paused');
      expect(d.state.session?.period).toMatchObject({ kind: 'deep', cycle: cycle + 1, accruedMs: 0 });
      d.at(breakEnd, { type: 'resume' });
      t = breakEnd;
    }
    const kinds = d.blocks().map((b) => `${b.kind}:${b.cycle}`);
    expect(kinds).toEqual(['deep:0', 'break:0', 'deep:1', 'break:1', 'deep:2', 'break:2', 'deep:3', 'break:3']);
    expect(d.blocks().map((b) => b.id)).toEqual(['s1:0', 's1:1', 's1:2', 's1:3', 's1:4', 's1:5', 's1:6', 's1:7']);
  });

  it('ends a break at its planned instant even when the tick is late', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(10, { type: 'startBreak' });
    const effects = d.at(47); // the machine was not ticked for half an hour
    expect(blocksOf(effects).map(span)).toEqual([[10, 15]]);
    expect(noticesOf(effects)).toEqual(['break-end']);
  });

  it('gives a short break after an early break (the block did not complete)', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(10, { type: 'startBreak' });
    expect(d.state.session?.period).toMatchObject({ kind: 'break', plannedMs: 5 * MIN, long: false });
    expect(d.state.session?.completedBlocks).toBe(0);
  });
});

describe('50/10 and deep-90', () => {
  it('50/10 ends the block at 50 and the break at 10, never a long break', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS['fifty-ten']));
    expect(d.at(49.9)).toEqual([]);
    expect(noticesOf(d.at(50))).toEqual(['block-end']);
    for (let i = 0; i < 4; i++) {
      d.at(50 + i * 60, { type: 'startBreak' });
      expect(d.state.session?.period).toMatchObject({ plannedMs: 10 * MIN, long: false });
      expect(noticesOf(d.at(60 + i * 60))).toEqual(['break-end']);
      d.at(60 + i * 60, { type: 'resume' });
      d.at(110 + i * 60);
    }
  });

  it('deep-90 runs 90 minutes with no reminder inside the planned block, then a 15-minute break', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS['deep-90']));
    for (let m = 1; m < 90; m++) expect(d.at(m)).toEqual([]);
    expect(noticesOf(d.at(90))).toEqual(['block-end']);
    d.at(90, { type: 'startBreak' });
    expect(noticesOf(d.at(105))).toEqual(['break-end']);
    expect(d.blocks().map(span)).toEqual([
      [0, 90],
      [90, 105],
    ]);
  });

  it('deep-90 overrun past two hours of continuous work brings the reminder', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS['deep-90']));
    d.at(90);
    expect(noticesOf(d.at(119.9))).toEqual([]);
    expect(noticesOf(d.at(120))).toEqual(['break-reminder']);
  });
});

describe('custom presets', () => {
  it('builds from whole minutes and runs its own rhythm', () => {
    const custom = customPreset(40, 8);
    expect(custom).toEqual({ ok: true, preset: { id: 'custom', workMs: 40 * MIN, breakMs: 8 * MIN, longBreakMs: 8 * MIN, longBreakEvery: 0 } });
    if (!custom.ok) return;
    const d = new Driver();
    d.at(0, startOn(custom.preset));
    expect(noticesOf(d.at(40))).toEqual(['block-end']);
    d.at(40, { type: 'startBreak' });
    expect(noticesOf(d.at(48))).toEqual(['break-end']);
  });

  it('refuses out-of-range or fractional minutes with a message', () => {
    for (const [w, b] of [
      [0, 5],
      [241, 5],
      [25.5, 5],
      [25, 0],
      [25, 61],
      [Number.NaN, 5],
    ] as const) {
      const result = customPreset(w, b);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/minutes from/);
    }
  });

  it('refuses to start with a malformed preset or ids', () => {
    const d = new Driver();
    const effects = d.at(0, { type: 'start', sessionId: 's1', projectId: 'p1', preset: { ...PRESETS.pomodoro, workMs: -1 } });
    expect(effects).toMatchObject([{ type: 'refused', action: 'start', code: 'invalid' }]);
    expect(d.at(0, { type: 'start', sessionId: '', projectId: 'p1', preset: PRESETS.pomodoro })[0]).toMatchObject({ code: 'invalid' });
    expect(d.state.status).toBe('idle');
  });
});

describe('overrun', () => {
  it('keeps counting after the planned time, until a break or stop', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(25);
    d.at(41, { type: 'stop' });
    expect(d.blocks().map(span)).toEqual([[0, 41]]);
    expect(d.state.status).toBe('idle');
  });

  it('resumes into overrun after a pause past the planned time', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(30, { type: 'pause' });
    d.at(31, { type: 'resume' });
    expect(d.state.status).toBe('overrun');
    expect(d.notices()).toEqual(['block-end']); // said once
  });

  it('skipping the break starts the next block at once', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(27, { type: 'skipBreak' });
    expect(d.state).toMatchObject({ status: 'running', session: { period: { kind: 'deep', cycle: 1, accruedMs: 0 } } });
    expect(noticesOf(d.at(52))).toEqual(['block-end']);
    expect(d.blocks().map(span)).toEqual([[0, 27]]);
  });
});

describe('break reminder after continuous work', () => {
  it('fires at 60 minutes of work without a break, then every 60 minutes', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(25, { type: 'skipBreak' });
    d.at(50, { type: 'skipBreak' });
    expect(noticesOf(d.at(59.99))).toEqual([]);
    expect(noticesOf(d.at(60))).toEqual(['break-reminder']);
    expect(noticesOf(d.at(61))).toEqual([]);
    d.at(75, { type: 'skipBreak' });
    expect(noticesOf(d.at(100))).toEqual(['block-end']);
    expect(noticesOf(d.at(119.9))).toEqual([]);
    expect(noticesOf(d.at(120))).toEqual(['break-reminder']);
  });

  it('a pause shorter than the rest threshold does not reset the streak; a longer one does', () => {
    const d = new Driver(T0, { settings: { breakReminderMs: 30 * MIN } });
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(25, { type: 'skipBreak' });
    d.at(28, { type: 'pause' });
    d.at(32, { type: 'resume' }); // 4 minutes: not a rest
    expect(noticesOf(d.at(33.9))).toEqual([]);
    expect(noticesOf(d.at(34))).toEqual(['break-reminder']); // 28 + 2 minutes of work
    d.at(35, { type: 'pause' });
    d.at(40, { type: 'resume' }); // 5 minutes: a rest
    expect(d.state.streak.accruedMs).toBe(0);
    expect(noticesOf(d.at(59))).toEqual(['block-end']); // block 2: 3 + 3 + 19 minutes
    expect(noticesOf(d.at(69.9))).toEqual([]);
    expect(noticesOf(d.at(70))).toEqual(['break-reminder']);
  });

  it('does not stack a reminder on a block-end notice', () => {
    const d = new Driver(T0, { settings: { breakReminderMs: 25 * MIN } });
    d.at(0, startOn(PRESETS.pomodoro));
    expect(noticesOf(d.at(25))).toEqual(['block-end']);
    expect(noticesOf(d.at(49))).toEqual([]);
    expect(noticesOf(d.at(50))).toEqual(['break-reminder']);
  });

  it('spans sessions: stopping and starting on another project is not a rest', () => {
    const d = new Driver();
    d.at(0, startOn(PRESETS['fifty-ten']));
    d.at(50);
    d.at(55, { type: 'stop' });
    d.at(55, { type: 'start', sessionId: 's2', projectId: 'p2', preset: PRESETS.pomodoro });
    expect(noticesOf(d.at(60))).toEqual(['break-reminder']);
  });

  it('can be turned off', () => {
    const d = new Driver(T0, { settings: { breakReminderMs: 0 } });
    d.at(0, startOn(PRESETS.pomodoro));
    d.at(25);
    expect(noticesOf(d.at(300))).toEqual([]);
  });

  it('resolves settings with floors: idle at least a minute', () => {
    expect(resolveSettings({ idleThresholdMs: 10 })).toMatchObject({ idleThresholdMs: MIN });
    expect(resolveSettings()).toEqual({ idleThresholdMs: 5 * MIN, breakReminderMs: 60 * MIN, restMs: 5 * MIN, longSessionMs: 0 });
  });
});
