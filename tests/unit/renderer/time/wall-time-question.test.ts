import { describe, expect, it } from 'vitest';
import { resolveTyped, wallKey, wallTimeQuestion } from '../../../../src-renderer/time/wall-time-question.ts';
import { readEditedRange, rangeOrStored } from '../../../../src-renderer/time/edit-range.ts';

const iso = (t: number) => new Date(t).toISOString();

describe('wallTimeQuestion', () => {
  it('asks about a spring gap in words, naming the jump and both readings', () => {
    const q = wallTimeQuestion({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(q?.text).toBe('02:30 does not exist on 29 March in Berlin (clocks went forward at 02:00). Use 01:59 CET or 03:30 CEST?');
    expect(q?.choices.map((c) => iso(c.at))).toEqual(['2026-03-29T00:59:00.000Z', '2026-03-29T01:30:00.000Z']);
  });

  it('asks about the repeated hour in words, with each pass’s abbreviation and offset', () => {
    const q = wallTimeQuestion({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(q?.text).toBe('02:30 happens twice on 25 October in Berlin. The first (CEST, UTC+2) or the second (CET, UTC+1)?');
    expect(q?.choices.map((c) => c.label)).toEqual(['The first (CEST, UTC+2)', 'The second (CET, UTC+1)']);
    const ny = wallTimeQuestion({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York');
    expect(ny?.text).toBe('01:30 happens twice on 1 November in New York. The first (EDT, UTC−4) or the second (EST, UTC−5)?');
  });

  it('uses offsets where a zone has no abbreviation, and names the day of a reading on another day', () => {
    expect(wallTimeQuestion({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, 'Australia/Lord_Howe')?.text).toBe(
      '02:15 does not exist on 4 October in Lord Howe (clocks went forward at 02:00). Use 01:59 UTC+10:30 or 02:45 UTC+11?',
    );
    expect(wallTimeQuestion({ year: 2026, month: 9, day: 6, hour: 0, minute: 30 }, 'America/Santiago')?.text).toBe(
      '00:30 does not exist on 6 September in Santiago (clocks went forward at 00:00). Use 23:59 UTC−4, 5 September or 01:30 UTC−3?',
    );
  });

  it('asks nothing of a time that names one instant', () => {
    expect(wallTimeQuestion({ year: 2026, month: 3, day: 29, hour: 3, minute: 0 }, 'Europe/Berlin')).toBeNull();
    expect(wallTimeQuestion({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Asia/Kolkata')).toBeNull();
  });

  it('reads an answer only when it is one of the question’s readings', () => {
    const wall = { year: 2026, month: 3, day: 29, hour: 2, minute: 30 };
    const q = wallTimeQuestion(wall, 'Europe/Berlin');
    expect(q?.key).toBe(wallKey(wall, 'Europe/Berlin'));
    const chosen = q?.choices[1].at ?? 0;
    expect(resolveTyped(wall, 'Europe/Berlin', new Map([[q?.key ?? '', chosen]]))).toEqual({ ok: true, at: chosen });
    expect(resolveTyped(wall, 'Europe/Berlin', new Map([[q?.key ?? '', chosen + 1]])).ok).toBe(false);
  });
});

describe('the Edit dialog’s range asks before reading a gap or overlap', () => {
  it('puts the question on Start, by its label, and reads the answer', () => {
    const asked = readEditedRange('2026-03-29', '02:30', '04:00', 'Europe/Berlin');
    expect(asked).toMatchObject({ ok: false, field: 'start' });
    if (asked.ok || !asked.question) throw new Error('expected a question');
    expect(asked.question.text).toMatch(/^Start: 02:30 does not exist on 29 March in Berlin/);
    const answered = readEditedRange('2026-03-29', '02:30', '04:00', 'Europe/Berlin', new Map([[asked.question.key, asked.question.choices[0].at]]));
    expect(answered).toMatchObject({ ok: true, start: Date.parse('2026-03-29T00:59:00Z'), end: Date.parse('2026-03-29T02:00:00Z') });
  });

  it('asks about End too, and refuses an End before Start in real time', () => {
    const asked = readEditedRange('2026-10-25', '01:00', '02:30', 'Europe/Berlin');
    expect(asked).toMatchObject({ ok: false, field: 'end' });
    const start = readEditedRange('2026-10-25', '02:40', '02:50', 'Europe/Berlin');
    if (start.ok || !start.question) throw new Error('expected a question');
    const second = new Map([[start.question.key, start.question.choices[1].at]]);
    const end = readEditedRange('2026-10-25', '02:40', '02:50', 'Europe/Berlin', second);
    if (end.ok || !end.question) throw new Error('expected a question on End');
    second.set(end.question.key, end.question.choices[0].at);
    expect(readEditedRange('2026-10-25', '02:40', '02:50', 'Europe/Berlin', second)).toMatchObject({ ok: false, field: 'end' });
  });

  it('keeps a stored block’s reading of the repeated hour without asking, when its fields are left as loaded', () => {
    const block = { start: Date.parse('2026-10-25T01:30:00Z'), end: Date.parse('2026-10-25T02:30:00Z'), zone: 'Europe/Berlin' };
    // 02:30 CET (second pass) to 03:30: only End changes, Start keeps the stored second pass.
    expect(rangeOrStored(block, '2026-10-25', '02:30', '04:00', new Map())).toMatchObject({
      ok: true,
      start: block.start,
      end: Date.parse('2026-10-25T03:00:00Z'),
    });
  });
});
