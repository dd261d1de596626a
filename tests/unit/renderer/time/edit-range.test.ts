import { describe, expect, it } from 'vitest';
import { rangeOrStored, readEditedRange } from '../../../../src-renderer/time/edit-range.ts';

const ZONE = 'Europe/Lisbon';

describe('readEditedRange (the Edit dialog, issue 19 finding 1)', () => {
  it('End 09:00 with Start 09:30 is an error on End, not a 23:30 block', () => {
    const result = readEditedRange('2026-11-20', '09:30', '09:00', ZONE);
    expect(result).toMatchObject({ ok: false, field: 'end' });
    if (result.ok) return;
    expect(result.message).toContain('End: 09:00 is before Start (09:30)');
    expect(result.message).not.toMatch(/expected|schema|\[/u);
  });

  it('End equal to Start is an error on End', () => {
    expect(readEditedRange('2026-11-20', '09:30', '09:30', ZONE)).toMatchObject({ ok: false, field: 'end' });
  });

  it('an evening running past midnight ends the next day', () => {
    const result = readEditedRange('2026-11-20', '22:00', '01:30', ZONE);
    expect(result).toMatchObject({ ok: true, endsNextDay: true });
    if (!result.ok) return;
    expect(new Date(result.start).toISOString()).toBe('2026-11-20T22:00:00.000Z');
    expect(new Date(result.end).toISOString()).toBe('2026-11-21T01:30:00.000Z');
  });

  it('a normal range stays on its day', () => {
    const result = readEditedRange('2026-11-20', '09:30', '11:00', ZONE);
    expect(result).toMatchObject({ ok: true, endsNextDay: false });
    if (!result.ok) return;
    expect(result.end - result.start).toBe(90 * 60_000);
  });

  it('marks the field that is incomplete', () => {
    expect(readEditedRange('', '09:30', '11:00', ZONE)).toMatchObject({ ok: false, field: 'date' });
    expect(readEditedRange('2026-11-20', '', '11:00', ZONE)).toMatchObject({ ok: false, field: 'start' });
    expect(readEditedRange('2026-11-20', '09:30', '', ZONE)).toMatchObject({ ok: false, field: 'end' });
  });
});

describe('rangeOrStored (the Edit dialog keeps what the app stored while the times are untouched)', () => {
  const BERLIN = 'Europe/Berlin';

  it('a timer block from 17:00 to 02:00 saves a new note unchanged, though the evening rule alone would refuse it', () => {
    const block = { start: Date.parse('2026-11-20T16:00:00Z'), end: Date.parse('2026-11-21T01:00:00Z'), zone: BERLIN };
    expect(readEditedRange('2026-11-20', '17:00', '02:00', BERLIN)).toMatchObject({ ok: false, field: 'end' });
    expect(rangeOrStored(block, '2026-11-20', '17:00', '02:00')).toEqual({ ok: true, start: block.start, end: block.end, endsNextDay: true });
    // Changed by the person, the rule applies.
    expect(rangeOrStored(block, '2026-11-20', '17:30', '02:00')).toMatchObject({ ok: false, field: 'end' });
  });

  it('a block in the repeated hour of the autumn change keeps its instants and its length', () => {
    // 2026-10-25 in Berlin: 02:00-03:00 happens twice. 01:30 (first) to 02:30 (second pass) is 2 h.
    const block = { start: Date.parse('2026-10-24T23:30:00Z'), end: Date.parse('2026-10-25T01:30:00Z'), zone: BERLIN };
    const kept = rangeOrStored(block, '2026-10-25', '01:30', '02:30');
    expect(kept).toEqual({ ok: true, start: block.start, end: block.end, endsNextDay: false });
    if (kept.ok) expect(kept.end - kept.start).toBe(2 * 3_600_000);
  });
});
