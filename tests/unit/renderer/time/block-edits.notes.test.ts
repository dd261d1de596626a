import { describe, expect, it } from 'vitest';
import { joinNotes, mergeRanges } from '../../../../src-renderer/time/block-edits.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T08:00:00Z');
const block = (id: string, startH: number, endH: number, note: string) => ({
  id,
  projectId: 'acme',
  kind: 'deep',
  billable: true,
  billed: false,
  note,
  start: T0 + startH * HOUR,
  end: T0 + endH * HOUR,
});

describe('merge keeps every note (issue 19, finding 3)', () => {
  it('joins the notes in time order, whatever the selection order', () => {
    const result = mergeRanges([block('b', 1, 2, 'write tests'), block('a', 0, 1, 'review PR'), block('c', 2, 3, 'deploy')]);
    expect(result).toMatchObject({ ok: true, merged: { id: 'a', note: 'review PR; write tests; deploy' } });
  });

  it('drops empty notes and repeats', () => {
    const result = mergeRanges([block('a', 0, 1, 'review'), block('b', 1, 2, ''), block('c', 2, 3, ' review ')]);
    expect(result).toMatchObject({ ok: true, merged: { note: 'review' } });
  });

  it('joinNotes', () => {
    expect(joinNotes(['a', 'b'])).toBe('a; b');
    expect(joinNotes(['', '  '])).toBe('');
    expect(joinNotes(['x', 'y', 'x'])).toBe('x; y');
  });
});
