import { describe, expect, it } from 'vitest';
import { applyGesture, checkEdit, keyGesture, shiftWall, slotRange, type EditContext } from '../../../../src-renderer/calendar/week/week-edits.ts';
import type { KillSwitch } from '../../../../src-renderer/domain/kill-switch.ts';
import { BILLED_LOCK_MESSAGE } from '../../../../src-renderer/time/time-slice.ts';
import { formatZonedTime, fromZoned } from '../../../../src-renderer/time/zoned-time.ts';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(iso)!;
  return fromZoned({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! }, BERLIN);
};

describe('drags to ranges', () => {
  const block = { start: at('2026-11-17 09:00'), end: at('2026-11-17 10:30') };

  it('moves by the dragged minutes, snapped, keeping the duration', () => {
    const moved = applyGesture(block, { kind: 'move', minutes: 38, days: 0 }, BERLIN, 15);
    expect(formatZonedTime(moved.start, BERLIN)).toBe('09:45');
    expect(moved.end - moved.start).toBe(90 * MIN);
    const fine = applyGesture(block, { kind: 'move', minutes: 38, days: 0 }, BERLIN, 5);
    expect(formatZonedTime(fine.start, BERLIN)).toBe('09:40');
  });

  it('moves to another day at the same wall time, across the autumn clock change', () => {
    const saturday = { start: at('2026-10-24 09:00'), end: at('2026-10-24 10:00') };
    const moved = applyGesture(saturday, { kind: 'move', minutes: 0, days: 2 }, BERLIN, 15);
    expect(moved.start).toBe(at('2026-10-26 09:00'));
    expect(moved.start - saturday.start).toBe(49 * HOUR);
  });

  it('resizes one edge and leaves the other', () => {
    const longer = applyGesture(block, { kind: 'resize-end', minutes: 44 }, BERLIN, 15);
    expect([longer.start, formatZonedTime(longer.end, BERLIN)]).toEqual([block.start, '11:15']);
    const later = applyGesture(block, { kind: 'resize-start', minutes: 20 }, BERLIN, 5);
    expect([formatZonedTime(later.start, BERLIN), later.end]).toEqual(['09:20', block.end]);
  });

  it('carries a drag past midnight into the next day', () => {
    const late = { start: at('2026-11-17 23:00'), end: at('2026-11-17 23:30') };
    expect(applyGesture(late, { kind: 'move', minutes: 75, days: 0 }, BERLIN, 15)).toEqual({ start: at('2026-11-18 00:15'), end: at('2026-11-18 00:45') });
    expect(applyGesture({ start: at('2026-11-17 22:00'), end: at('2026-11-18 00:00') }, { kind: 'resize-end', minutes: -15 }, BERLIN, 15).end).toBe(
      at('2026-11-17 23:45'),
    );
  });

  it('turns a drag over empty space into a snapped range, in either direction, at least 15 minutes', () => {
    const day = { year: 2026, month: 11, day: 17 };
    expect(slotRange(day, 9 * 60 + 7, 10 * 60 + 22, BERLIN, 15)).toEqual({ start: at('2026-11-17 09:00'), end: at('2026-11-17 10:30') });
    expect(slotRange(day, 10 * 60 + 22, 9 * 60 + 7, BERLIN, 5)).toEqual({ start: at('2026-11-17 09:05'), end: at('2026-11-17 10:25') });
    expect(slotRange(day, 14 * 60 + 2, 14 * 60 + 2, BERLIN, 5)).toEqual({ start: at('2026-11-17 14:00'), end: at('2026-11-17 14:15') });
    expect(slotRange(day, 23 * 60 + 50, 1440, BERLIN, 15).end).toBe(at('2026-11-18 00:00'));
  });

  it('a drag into the skipped hour lands after it, as typed times do', () => {
    expect(shiftWall(at('2026-03-29 01:30'), 60, 0, BERLIN, 15)).toBe(at('2026-03-29 03:30'));
  });
});

describe('checking an edit as the editor does', () => {
  const block = { id: 'b1', projectId: 'p1', billed: false, start: at('2026-11-17 09:00'), end: at('2026-11-17 10:00') };
  const other = { id: 'b2', start: at('2026-11-17 10:30'), end: at('2026-11-17 11:30') };
  const context: EditContext = { projectName: 'Zürich pilot', killSwitches: [], blocks: [block, other], describe: () => '10:30–11:30 Αθήνα', zone: BERLIN };
  const tripped = (stopsTimer: boolean): KillSwitch =>
    ({
      id: 'k',
      projectId: 'p1',
      clientId: 'c',
      trigger: { kind: 'hours', hours: 10 },
      consequence: 'call the client',
      stopsTimer,
      state: 'tripped',
      notes: '',
      createdAt: 0,
      updatedAt: 0,
    }) as KillSwitch;

  it('refuses a billed block, saying why', () => {
    expect(checkEdit({ ...block, billed: true }, { start: block.start + HOUR, end: block.end + HOUR }, context)).toEqual({
      ok: false,
      message: BILLED_LOCK_MESSAGE,
    });
  });

  it('refuses an empty or inverted range and one over 24 h', () => {
    expect(checkEdit(block, { start: block.start, end: block.start }, context)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/must be after Start/),
    });
    expect(checkEdit(block, { start: block.start, end: block.start + 25 * HOUR }, context)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 24 h/),
    });
  });

  it('warns about an overlap and saves anyway', () => {
    expect(checkEdit(block, { start: block.start + HOUR, end: block.end + HOUR }, context)).toEqual({ ok: true, warnings: ['Overlaps 10:30–11:30 Αθήνα.'] });
    expect(checkEdit(block, { start: block.start - HOUR, end: block.end - HOUR }, context)).toEqual({ ok: true, warnings: [] });
  });

  it('refuses more time on a project whose kill switch stopped the timer, but not a move or a shorter block', () => {
    const guarded = { ...context, killSwitches: [tripped(true)] };
    expect(checkEdit(block, { start: block.start, end: block.end + HOUR / 2 }, guarded)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Zürich pilot has triggered/),
    });
    expect(checkEdit(block, { start: block.start - HOUR, end: block.end - HOUR }, guarded)).toEqual({ ok: true, warnings: [] });
    expect(checkEdit(block, { start: block.start, end: block.end - HOUR / 2 }, guarded)).toEqual({ ok: true, warnings: [] });
    const warned = checkEdit(block, { start: block.start, end: block.end + HOUR / 2 }, { ...context, killSwitches: [tripped(false)] });
    expect(warned).toMatchObject({ ok: true, warnings: [expect.stringMatching(/call the client/)] });
  });
});

describe('keys to gestures', () => {
  const key = (k: string, mods: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
    key: k,
    altKey: false,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    ...mods,
  });
  it('Alt+arrows move by the step or a day, Alt+Shift+Up/Down resize, nothing else', () => {
    expect(keyGesture(key('ArrowDown', { altKey: true }), 15)).toEqual({ kind: 'move', minutes: 15, days: 0 });
    expect(keyGesture(key('ArrowUp', { altKey: true }), 5)).toEqual({ kind: 'move', minutes: -5, days: 0 });
    expect(keyGesture(key('ArrowRight', { altKey: true }), 15)).toEqual({ kind: 'move', minutes: 0, days: 1 });
    expect(keyGesture(key('ArrowLeft', { altKey: true }), 15)).toEqual({ kind: 'move', minutes: 0, days: -1 });
    expect(keyGesture(key('ArrowDown', { altKey: true, shiftKey: true }), 15)).toEqual({ kind: 'resize-end', minutes: 15 });
    expect(keyGesture(key('ArrowLeft', { altKey: true, shiftKey: true }), 15)).toBeNull();
    expect(keyGesture(key('ArrowDown'), 15)).toBeNull();
    expect(keyGesture(key('ArrowDown', { altKey: true, ctrlKey: true }), 15)).toBeNull();
  });
});
