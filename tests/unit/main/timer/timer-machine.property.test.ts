/**
 * Property tests with a fake clock: random sequences of start, pause, resume,
 * idle (keep, discard, break), suspend, lock, breaks, project switches, kill
 * switches, vault acknowledgements, crashes and restarts.
 *
 * The oracle does not re-implement the machine. It only watches what a person
 * could see: how long the tray showed a running (or overrun) timer, and which
 * away stretches the person discarded or turned into a break. The recorded
 * deep time must equal the first minus the second, to the millisecond.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants, journalDue, recover, serializeJournal } from '../../../../src-main/timer/journal.ts';
import { customPreset, PRESETS, type Preset } from '../../../../src-main/timer/presets.ts';
import { DEFAULT_SETTINGS, initialState, step } from '../../../../src-main/timer/timer-machine.ts';
import type { IdleChoice, TimeBlock, TimerEffect, TimerEvent, TimerState } from '../../../../src-main/timer/timer-types.ts';
import { MIN, T0 } from './harness.ts';

const custom = (w: number, b: number): Preset => {
  const r = customPreset(w, b);
  if (!r.ok) throw new Error(r.message);
  return r.preset;
};
const PRESET_CHOICES: Preset[] = [PRESETS.pomodoro, PRESETS['fifty-ten'], PRESETS['deep-90'], custom(1, 1), custom(3, 2)];
const PROJECTS = ['p0', 'p1', 'p2'];

type Cmd =
  | { k: 'wait'; ms: number }
  | { k: 'tick' | 'pause' | 'resume' | 'stop' | 'suspend' | 'wake' | 'lock' | 'unlock' | 'active' | 'startBreak' | 'skipBreak' }
  | { k: 'start'; project: number; preset: number }
  | { k: 'idle'; backMs: number }
  | { k: 'resolve'; choice: IdleChoice }
  | { k: 'switch' | 'kill' | 'ack'; project: number }
  | { k: 'store'; index: number }
  | { k: 'resend' }
  | { k: 'crash'; loseEffects: boolean }
  | { k: 'restart' };

const project = fc.integer({ min: 0, max: PROJECTS.length - 1 });
const simple = fc.constantFrom(
  ...(['tick', 'pause', 'resume', 'resume', 'tick', 'suspend', 'wake', 'lock', 'unlock', 'active', 'startBreak', 'skipBreak'] as const),
);
const start = fc.record({ k: fc.constant('start' as const), project, preset: fc.integer({ min: 0, max: PRESET_CHOICES.length - 1 }) });

/** `wait` dominates so that time passes in every state; its scale spans ms to hours. */
function commands(withClockJumps: boolean): fc.Arbitrary<Cmd[]> {
  const wait = fc.oneof(
    fc.integer({ min: 0, max: 5_000 }),
    fc.integer({ min: 0, max: 20 * MIN }),
    fc.integer({ min: 0, max: 3 * 60 * MIN }),
    ...(withClockJumps ? [fc.integer({ min: -3 * 60 * MIN, max: 0 })] : []),
  );
  const cmd: fc.Arbitrary<Cmd> = fc.oneof(
    { weight: 8, arbitrary: wait.map((ms) => ({ k: 'wait' as const, ms })) },
    { weight: 5, arbitrary: simple.map((k) => ({ k })) },
    { weight: 3, arbitrary: start },
    { weight: 1, arbitrary: fc.constant({ k: 'stop' as const }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 30 * MIN }).map((backMs) => ({ k: 'idle' as const, backMs })) },
    { weight: 3, arbitrary: fc.constantFrom<IdleChoice>('keep', 'discard', 'break').map((choice) => ({ k: 'resolve' as const, choice })) },
    { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('switch' as const, 'kill' as const, 'ack' as const), project }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }).map((index) => ({ k: 'store' as const, index })) },
    { weight: 1, arbitrary: fc.constant({ k: 'resend' as const }) },
    { weight: 1, arbitrary: fc.boolean().map((loseEffects) => ({ k: 'crash' as const, loseEffects })) },
    { weight: 2, arbitrary: fc.constant({ k: 'restart' as const }) },
  );
  // Most runs begin with a start, so that most of the budget is spent with a timer running.
  return fc
    .tuple(fc.option(start, { freq: 5 }), fc.array(cmd, { minLength: 1, maxLength: 120, size: 'large' }))
    .map(([first, rest]) => (first ? [first, ...rest] : rest));
}

/** The app, its journal file, the vault, and the oracle's stopwatch. */
class World {
  now = T0;
  alive = true;
  state: TimerState = initialState(T0);
  written: TimerState = this.state;
  journal = serializeJournal(this.state);
  undelivered: TimerEffect[] = [];
  vault = new Map<string, TimeBlock>();
  conflicts: string[] = [];
  broken: string[] = [];
  sessions = 0;
  presets = new Map<string, Preset>();
  /** Away stretches the person turned into breaks, as `start-end`. */
  converted = new Set<string>();
  // oracle
  runningMs = 0;
  breakMs = 0;
  discardedMs = 0;
  toBreakMs = 0;

  /** One event through the machine, journaled write-ahead as the adapter must. */
  send(event: TimerEvent): void {
    if (!this.alive) return;
    const before = this.state;
    const away = before.session?.away;
    const { state, effects } = step(before, event, this.now);
    const t = Math.max(this.now, before.at); // the machine's clock never runs back
    if (event.type === 'idleResolved' && away && state.session?.away === undefined && event.choice !== 'keep') {
      if (event.choice === 'discard') this.discardedMs += t - away.since;
      else {
        this.toBreakMs += t - away.since;
        this.converted.add(`${away.since}-${t}`);
      }
    }
    this.checkAwayStart(event, t, away?.since, state.session?.away?.since);
    this.state = state;
    const problem = checkInvariants(state);
    if (problem) this.broken.push(problem);
    if (journalDue(this.written, state)) {
      this.written = state;
      this.journal = serializeJournal(state);
    }
    this.undelivered.push(...effects);
  }

  /**
   * Where an away stretch may begin, from what the oracle saw: never before
   * the OS says idle began, exactly at a lock or sleep.
   */
  checkAwayStart(event: TimerEvent, t: number, before: number | undefined, after: number | undefined): void {
    if (after === undefined || after === before) return;
    const floor = event.type === 'idleDetected' ? Math.min(event.idleSince, before ?? Infinity) : t;
    if (event.type !== 'idleDetected' && event.type !== 'lockScreen' && event.type !== 'suspend') this.broken.push(`away began on ${event.type}`);
    else if (after < floor || after > t) this.broken.push(`away since ${after} outside [${floor}, ${t}]`);
  }

  /** The adapter hands blocks to the renderer; the vault upserts by id. */
  deliver(): void {
    for (const effect of this.undelivered) if (effect.type === 'record-block') this.put(effect.block);
    this.undelivered = [];
  }

  put(block: TimeBlock): void {
    const known = this.vault.get(block.id);
    if (known && JSON.stringify(known) !== JSON.stringify(block)) this.conflicts.push(block.id);
    this.vault.set(block.id, structuredClone(block));
  }

  wait(ms: number): void {
    const status = this.state.status; // after a crash: what the journal says was running
    const elapsed = Math.max(0, ms);
    if (status === 'running' || status === 'overrun') this.runningMs += elapsed;
    if (status === 'break') this.breakMs += elapsed;
    this.now += ms;
  }

  run(cmd: Cmd): void {
    if (cmd.k !== 'crash') this.deliver();
    switch (cmd.k) {
      case 'wait':
        return this.wait(cmd.ms);
      case 'start': {
        const sessionId = `session-${++this.sessions}`;
        this.presets.set(sessionId, PRESET_CHOICES[cmd.preset]!);
        return this.send({ type: 'start', sessionId, projectId: PROJECTS[cmd.project]!, preset: PRESET_CHOICES[cmd.preset]! });
      }
      case 'idle':
        return this.send({ type: 'idleDetected', idleSince: this.now - cmd.backMs });
      case 'resolve':
        return this.send({ type: 'idleResolved', choice: cmd.choice });
      case 'switch':
        return this.send({ type: 'switchProject', projectId: PROJECTS[cmd.project]! });
      case 'kill':
        return this.send({ type: 'killSwitchTriggered', projectId: PROJECTS[cmd.project]!, switchId: 'ks' });
      case 'ack':
        return this.send({ type: 'killSwitchAcknowledged', projectId: PROJECTS[cmd.project]! });
      case 'store': {
        // The renderer acknowledges only what the vault really holds.
        const block = this.state.outbox[cmd.index];
        if (block && this.vault.has(block.id)) this.send({ type: 'blockStored', blockId: block.id });
        return;
      }
      case 'resend': // the renderer reconnected: main re-sends its outbox
        if (this.alive) for (const block of this.state.outbox) this.put(block);
        return;
      case 'crash':
        if (!cmd.loseEffects) this.deliver();
        this.undelivered = [];
        this.alive = false;
        return;
      case 'restart': {
        if (this.alive) return;
        const r = recover(this.journal, this.now);
        if (r.problem) this.broken.push(r.problem.message);
        // Downtime is in doubt from the last instant the journal proves the app alive, not earlier.
        const lastAlive = (JSON.parse(this.journal) as { state: TimerState }).state;
        const since = r.state.session?.away?.since;
        if (since !== undefined && since !== lastAlive.session?.away?.since && since < lastAlive.at) this.broken.push('restart discards live time');
        const wasWorking = (lastAlive.status === 'running' || lastAlive.status === 'overrun') && !lastAlive.session?.away;
        const longOutage = this.now - lastAlive.at > DEFAULT_SETTINGS.idleThresholdMs;
        if (wasWorking && longOutage !== (r.state.session?.away?.cause === 'restart')) this.broken.push('outage not asked about');
        this.alive = true;
        this.state = r.state;
        this.written = r.state;
        this.journal = serializeJournal(r.state);
        this.undelivered.push(...r.effects);
        return;
      }
      case 'suspend':
        return this.send({ type: 'suspend' });
      case 'wake':
        return this.send({ type: 'resumeFromSuspend' });
      case 'lock':
        return this.send({ type: 'lockScreen' });
      case 'unlock':
        return this.send({ type: 'unlockScreen' });
      case 'active':
        return this.send({ type: 'userActive' });
      default:
        return this.send({ type: cmd.k });
    }
  }

  /** Brings the app back, answers any open question, stops, and lets the vault catch up. */
  finish(choice: IdleChoice): void {
    this.run({ k: 'restart' });
    this.run({ k: 'resolve', choice });
    this.run({ k: 'stop' });
    this.deliver();
  }

  blocks(): TimeBlock[] {
    return [...this.vault.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

const total = (blocks: TimeBlock[], kind: 'deep' | 'break') => blocks.filter((b) => b.kind === kind).reduce((sum, b) => sum + (b.end - b.start), 0);

function expectSound(world: World): TimeBlock[] {
  expect(world.broken).toEqual([]);
  expect(world.conflicts).toEqual([]);
  const blocks = world.blocks();
  for (const b of blocks) {
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.id).toBe(`${b.sessionId}:${b.seq}`);
    expect(Number.isInteger(b.start) && Number.isInteger(b.end)).toBe(true);
  }
  for (let i = 1; i < blocks.length; i++) expect(blocks[i]!.start).toBeGreaterThanOrEqual(blocks[i - 1]!.end);
  // A planned break never records more than its plan, however late the clock ticked.
  const perBreak = new Map<string, number>();
  for (const b of blocks) {
    if (b.kind !== 'break' || world.converted.has(`${b.start}-${b.end}`)) continue;
    const key = `${b.sessionId}/${b.cycle}`;
    perBreak.set(key, (perBreak.get(key) ?? 0) + b.end - b.start);
  }
  for (const [key, ms] of perBreak) expect(ms).toBeLessThanOrEqual(world.presets.get(key.split('/')[0]!)!.longBreakMs);
  return blocks;
}

describe('timer machine properties (fake clock)', () => {
  it('records exactly the running time minus discarded idle, once, across crashes and restarts', () => {
    fc.assert(
      fc.property(commands(false), fc.constantFrom<IdleChoice>('keep', 'discard', 'break'), (cmds, finalChoice) => {
        const world = new World();
        for (const cmd of cmds) world.run(cmd);
        world.finish(finalChoice);
        const blocks = expectSound(world);
        expect(world.state.status).toBe('idle');
        expect(total(blocks, 'deep')).toBe(world.runningMs - world.discardedMs - world.toBreakMs);
        expect(total(blocks, 'break')).toBeLessThanOrEqual(world.breakMs + world.toBreakMs);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays sound when the wall clock jumps backwards', () => {
    fc.assert(
      fc.property(commands(true), (cmds) => {
        const world = new World();
        for (const cmd of cmds) world.run(cmd);
        world.finish('keep');
        expectSound(world);
      }),
      { numRuns: 500 },
    );
  });

  it('replaying every effect twice changes nothing in the vault', () => {
    fc.assert(
      fc.property(commands(false), (cmds) => {
        const world = new World();
        const seen: TimerEffect[] = [];
        const original = world.deliver.bind(world);
        world.deliver = () => {
          seen.push(...world.undelivered);
          original();
        };
        for (const cmd of cmds) world.run(cmd);
        world.finish('keep');
        const once = JSON.stringify(world.blocks());
        for (const effect of seen) if (effect.type === 'record-block') world.put(effect.block);
        expect(JSON.stringify(world.blocks())).toBe(once);
        expect(world.conflicts).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('recover never throws and always yields a valid state, whatever the file holds', () => {
    const valid = serializeJournal(initialState(T0));
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.tuple(fc.nat({ max: valid.length }), fc.string()).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i)),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 2 * T0 }), (t, now) => {
        const r = recover(t, now);
        expect(checkInvariants(r.state)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
