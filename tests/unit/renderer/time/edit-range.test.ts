import { describe, expect, it } from 'vitest';
import { readEditedRange } from '../../../../src-renderer/time/edit-range.ts';

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
