import { describe, expect, it } from 'vitest';
import { parseTimeEntry, type EntryContext } from '../../../../src-renderer/time/entry-parser.ts';
import { isPlausiblyOvernight } from '../../../../src-renderer/time/overnight.ts';

// Friday 2026-11-20, 16:00 in Berlin (UTC+1).
const BERLIN: EntryContext = { now: Date.parse('2026-11-20T15:00:00Z'), zone: 'Europe/Berlin' };

describe('reversed ranges (issue 19, finding 1)', () => {
  it('refuses "yesterday 13:00-12:00 typo" instead of saving 23 hours, naming what was typed and the likely fix', () => {
    const result = parseTimeEntry('yesterday 13:00-12:00 typo', BERLIN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('reversed-range');
    expect(result.message).toContain('"13:00-12:00" ends before it starts');
    expect(result.message).toContain('Did you mean 12:00-13:00?');
  });

  it.each(['9:30-09:00', '17:00-08:00', '18:00-09:00', '14-2', '0900-0830'])('refuses %s', (text) => {
    const result = parseTimeEntry(text, BERLIN);
    expect(result).toMatchObject({ ok: false, code: 'reversed-range' });
  });

  it.each([
    ['22:00-01:00', '2026-11-20T21:00:00.000Z', '2026-11-21T00:00:00.000Z'],
    ['18:00-08:00', '2026-11-20T17:00:00.000Z', '2026-11-21T07:00:00.000Z'],
    ['11pm-1am', '2026-11-20T22:00:00.000Z', '2026-11-21T00:00:00.000Z'],
    ['23-2', '2026-11-20T22:00:00.000Z', '2026-11-21T01:00:00.000Z'],
  ])('reads %s as running past midnight, and says so', (text, start, end) => {
    const result = parseTimeEntry(text, BERLIN);
    expect(result).toMatchObject({ ok: true, endsNextDay: true });
    if (!result.ok) return;
    expect(new Date(result.start).toISOString()).toBe(start);
    expect(new Date(result.end).toISOString()).toBe(end);
  });

  it.each(['9-11', '22:00-24:00', '9-5', '11-1pm', '14:00 45m', '1h30'])('%s does not end the next day', (text) => {
    expect(parseTimeEntry(text, BERLIN)).toMatchObject({ ok: true, endsNextDay: false });
  });

  it('the rule: from 18:00 to at most 08:00', () => {
    expect(isPlausiblyOvernight(18 * 60, 8 * 60)).toBe(true);
    expect(isPlausiblyOvernight(18 * 60 - 1, 60)).toBe(false);
    expect(isPlausiblyOvernight(22 * 60, 8 * 60 + 1)).toBe(false);
    expect(isPlausiblyOvernight(23 * 60, 23 * 60)).toBe(false);
  });
});
