import { describe, expect, it } from 'vitest';
import { checkInvariants, journalDue, parseJournal, recover, serializeJournal } from '../../../../src-main/timer/journal.ts';
import { PRESETS } from '../../../../src-main/timer/presets.ts';
import { initialState } from '../../../../src-main/timer/timer-machine.ts';
import { blocksOf, Driver, MIN, span, T0 } from './harness.ts';

function runningAt(minutes: number): Driver {
  const d = new Driver();
  d.at(0, { type: 'start', sessionId: 's1', projectId: 'p1', phaseId: 'ph1', preset: PRESETS.pomodoro });
  d.at(minutes);
  return d;
}

describe('journal', () => {
  it('round-trips the state exactly', () => {
    const d = runningAt(3);
    d.at(4, { type: 'pause' });
    d.at(5, { type: 'killSwitchTriggered', projectId: 'p9', switchId: 'ks' });
    const parsed = parseJournal(serializeJournal(d.state));
    expect(parsed).toEqual({ ok: true, state: d.state });
  });

  it('holds ids and instants only', () => {
    const d = runningAt(3);
    const json = JSON.parse(serializeJournal(d.state)) as { v: number; state: Record<string, unknown> };
    expect(json.v).toBe(1);
    expect(Object.keys(json.state).sort()).toEqual(['at', 'killSwitches', 'outbox', 'session', 'status', 'streak']);
    expect(Object.keys(json.state.session as object).sort()).toEqual(
      ['completedBlocks', 'nextSeq', 'openSince', 'period', 'phaseId', 'preset', 'projectId', 'sessionId'].sort(),
    );
  });

  it('drops fields it does not know (a name smuggled into the file never comes back out)', () => {
    const d = runningAt(3);
    const raw = JSON.parse(serializeJournal(d.state)) as { state: { session: Record<string, unknown> } };
    raw.state.session.projectName = 'ACME GmbH';
    const parsed = parseJournal(JSON.stringify(raw));
    expect(parsed.ok && JSON.stringify(parsed.state)).not.toContain('ACME');
  });

  it.each([
    ['not-json', '{"v":1,'],
    ['unsupported-version', '{"v":2,"state":{}}'],
    ['invalid', '{"v":1,"state":{"status":"running"}}'],
    ['invalid', JSON.stringify({ v: 1, state: { ...initialState(T0), status: 'running' } })],
  ])('reports %s and starts idle, never throws', (code, text) => {
    const r = recover(text, T0 + MIN);
    expect(r.problem?.code).toBe(code);
    expect(r.problem?.message).toMatch(/timer starts stopped/);
    expect(r.state).toEqual(initialState(T0 + MIN));
    expect(r.effects).toEqual([]);
  });

  it('treats a missing journal as a first run', () => {
    expect(recover(null, T0)).toEqual({ state: initialState(T0), effects: [] });
  });

  it('rejects states this machine cannot have written', () => {
    const d = runningAt(3);
    const s = d.state;
    expect(checkInvariants(s)).toBeNull();
    expect(checkInvariants({ ...s, status: 'paused' })).toMatch(/accruing/);
    expect(checkInvariants({ ...s, session: { ...s.session!, nextSeq: 0 }, outbox: [{ ...blockLike(), seq: 0 }] })).toMatch(/reused/);
    expect(checkInvariants({ ...s, outbox: [{ ...blockLike(), end: T0 }] })).toMatch(/no duration/);
  });
});

function blockLike() {
  return { id: 's1:0', sessionId: 's1', seq: 0, kind: 'deep' as const, projectId: 'p1', start: T0, end: T0 + MIN, cycle: 0 };
}

describe('recover after a crash or restart', () => {
  it('continues a running block after a short outage, counting the outage', () => {
    const d = runningAt(10);
    const r = recover(serializeJournal(d.state), T0 + 13 * MIN);
    expect(r.state.status).toBe('running');
    expect(r.state.session?.away).toBeUndefined();
    expect(r.effects).toEqual([]);
  });

  it('turns a long outage into an away question from the last heartbeat', () => {
    const d = runningAt(10);
    const r = recover(serializeJournal(d.state), T0 + 70 * MIN);
    expect(r.state.session?.away).toEqual({ since: T0 + 10 * MIN, cause: 'restart' });
    expect(r.effects).toEqual([{ type: 'ask-away', since: T0 + 10 * MIN, cause: 'restart' }]);
    d.state = r.state;
    d.at(71, { type: 'idleResolved', choice: 'discard' });
    d.at(72, { type: 'stop' });
    expect(d.blocks().map(span)).toEqual([
      [0, 10],
      [71, 72],
    ]);
  });

  it('re-sends every block the vault has not acknowledged, with the same ids', () => {
    const d = runningAt(5);
    const first = blocksOf(d.at(5, { type: 'pause' }));
    d.at(6, { type: 'resume' });
    d.at(8, { type: 'pause' });
    d.at(8, { type: 'blockStored', blockId: first[0]!.id });
    const r = recover(serializeJournal(d.state), T0 + 9 * MIN);
    expect(blocksOf(r.effects)).toEqual([d.blocks()[1]]);
  });

  it('asks again about an away question that was open at the crash', () => {
    const d = runningAt(5);
    d.at(6, { type: 'lockScreen' });
    const r = recover(serializeJournal(d.state), T0 + 7 * MIN);
    expect(r.effects).toEqual([{ type: 'ask-away', since: T0 + 6 * MIN, cause: 'lock' }]);
  });

  it('ends a break that ran out while the app was down, at its planned end', () => {
    const d = runningAt(25);
    d.at(25, { type: 'startBreak' });
    const r = recover(serializeJournal(d.state), T0 + 60 * MIN);
    expect(r.state.status).toBe('paused');
    // the unacknowledged block is re-sent too
    expect(blocksOf(r.effects).map((b) => [b.kind, ...span(b)])).toEqual([
      ['deep', 0, 25],
      ['break', 25, 30],
    ]);
  });

  it('keeps kill switches across a restart', () => {
    const d = runningAt(5);
    d.at(6, { type: 'killSwitchTriggered', projectId: 'p1', switchId: 'ks1' });
    const r = recover(serializeJournal(d.state), T0 + 7 * MIN);
    d.state = r.state;
    expect(d.at(8, { type: 'resume' })).toMatchObject([{ type: 'refused', code: 'kill-switch' }]);
  });
});

describe('journalDue', () => {
  it('writes on any change but the clock, and on the heartbeat otherwise', () => {
    const d = runningAt(1);
    const written = d.state;
    d.now += 5_000;
    d.send({ type: 'tick' });
    expect(journalDue(written, d.state)).toBe(false);
    d.now += 10_000;
    d.send({ type: 'tick' });
    expect(journalDue(written, d.state)).toBe(true);
    expect(journalDue(written, { ...written, status: 'paused' })).toBe(true);
    expect(journalDue(undefined, written)).toBe(true);
  });
});
