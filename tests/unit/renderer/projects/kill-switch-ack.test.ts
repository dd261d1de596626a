import { describe, expect, it } from 'vitest';
import { killSwitchSchema, type KillSwitch } from '../../../../src-renderer/domain/kill-switch.ts';
import { acknowledgementPatch, decisionProblem } from '../../../../src-renderer/projects/kill-switch-ack.ts';
import { inputFromTrigger, triggerFromInput } from '../../../../src-renderer/projects/kill-switch-input.ts';

const TRIPPED = Date.UTC(2026, 10, 20, 10);
const NOW = Date.UTC(2026, 11, 7, 12);
const ID = '01936b1e-0000-7000-8000-000000000001';

const tripped: KillSwitch = {
  id: ID,
  projectId: '01936b1e-0000-7000-8000-000000000002',
  clientId: '01936b1e-0000-7000-8000-000000000003',
  trigger: { kind: 'hours', hours: 40 },
  warnAtRatio: 0.8,
  consequence: 'Stop and review with the client.',
  stopsTimer: true,
  state: 'tripped',
  trippedAt: TRIPPED,
  notes: '',
  createdAt: TRIPPED - 1000,
  updatedAt: TRIPPED,
};

describe('acknowledgementPatch', () => {
  it('a new budget raises the stop point, arms the switch again and keeps the old one in the record', () => {
    const patch = acknowledgementPatch(tripped, { decision: 'new-budget', note: ' 20 more hours agreed ', trigger: { kind: 'hours', hours: 60 } }, NOW);
    const next = { ...tripped, ...patch };
    delete next.trippedAt;
    expect(killSwitchSchema.safeParse(next).success).toBe(true);
    expect(next.state).toBe('armed');
    expect(next.trigger).toEqual({ kind: 'hours', hours: 60 });
    expect(next.acknowledgements).toEqual([
      { at: NOW, trippedAt: TRIPPED, decision: 'new-budget', note: '20 more hours agreed', previousTrigger: { kind: 'hours', hours: 40 } },
    ]);
    expect(next.notes).toBe('2026-12-07: acknowledged (triggered 2026-11-20). Decided: Continue with a new budget. 20 more hours agreed');
  });

  it('any other decision spends the switch and appends to earlier decisions', () => {
    const earlier = { ...tripped, notes: 'Kick-off call.', acknowledgements: [{ at: 1, trippedAt: 1, decision: 'continue' as const, note: '' }] };
    const next = { ...earlier, ...acknowledgementPatch(earlier, { decision: 'stop-project', note: '' }, NOW) };
    delete next.trippedAt;
    expect(killSwitchSchema.safeParse(next).success).toBe(true);
    expect(next.state).toBe('disarmed');
    expect(next.trigger).toEqual({ kind: 'hours', hours: 40 });
    expect(next.acknowledgements?.map((a) => a.decision)).toEqual(['continue', 'stop-project']);
    expect(next.notes).toBe('Kick-off call.\n2026-12-07: acknowledged (triggered 2026-11-20). Decided: Stop the project.');
  });

  it('a switch stored before acknowledgements existed is still valid as it is', () => {
    expect(killSwitchSchema.safeParse(tripped).success).toBe(true);
  });
});

describe('decisionProblem', () => {
  it('asks for the new budget, and for a note when the decision is "something else"', () => {
    expect(decisionProblem({ decision: 'new-budget', note: '' })).toEqual({ field: 'trigger', message: 'New stop point: type the new budget.' });
    expect(decisionProblem({ decision: 'other', note: ' ' })).toEqual({ field: 'note', message: 'Note: say what was decided.' });
    expect(decisionProblem({ decision: 'rescope', note: '' })).toBeNull();
  });
});

describe('triggerFromInput', () => {
  const base = { currency: 'EUR', experimentId: '', comparator: '<' as const };

  it('reads each kind and words errors by the field label', () => {
    expect(triggerFromInput({ ...base, kind: 'hours', threshold: '42,5' })).toEqual({ ok: true, trigger: { kind: 'hours', hours: 42.5 } });
    expect(triggerFromInput({ ...base, kind: 'spend', threshold: '1.500,00' })).toMatchObject({ ok: true, trigger: { kind: 'spend', currency: 'EUR' } });
    expect(triggerFromInput({ ...base, kind: 'hours', threshold: '-4' })).toMatchObject({
      ok: false,
      field: 'threshold',
      message: expect.stringMatching(/^Hours: /),
    });
    expect(triggerFromInput({ ...base, kind: 'spend', threshold: '-12' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Amount \(EUR\): /) });
    expect(triggerFromInput({ ...base, kind: 'date', threshold: '' })).toMatchObject({ ok: false, message: 'Date: choose the date.' });
    expect(triggerFromInput({ ...base, kind: 'metric', threshold: '0.6' })).toMatchObject({ ok: false, field: 'experiment' });
  });

  it('round-trips a stored trigger through the form', () => {
    for (const trigger of [
      { kind: 'hours', hours: 40 },
      { kind: 'spend', amountMinor: 150_000, currency: 'EUR' },
      { kind: 'date', date: '2026-12-31' },
      { kind: 'metric', experimentId: ID, comparator: '<=', threshold: 0.65 },
    ] as const) {
      expect(triggerFromInput(inputFromTrigger(trigger, 'EUR'))).toEqual({ ok: true, trigger });
    }
  });
});
