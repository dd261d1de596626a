/**
 * What a drag or a key press on the week does to a block, as pure functions: the new range
 * (snapped to the person's step, in wall time of the zone the week is drawn in), and whether the
 * edit may be saved. The checks are the editor's and the table's: a billed block is locked, a
 * block needs some time and at most 24 h, more time on a project whose kill switch stopped the
 * timer is refused, an overlap is saved with a warning.
 */
import type { KillSwitch } from '../../domain/kill-switch.ts';
import { MAX_BLOCK_MS } from '../../domain/time-block.ts';
import { overlapsWith } from '../../time/block-edits.ts';
import { formatDuration } from '../../time/format.ts';
import { killSwitchGuard } from '../../time/kill-switch-guard.ts';
import { BILLED_LOCK_MESSAGE } from '../../time/time-slice.ts';
import { addCalendarDays, addZonedDays, formatZonedTime, fromZoned, zonedParts } from '../../time/zoned-time.ts';
import { DAY_MINUTES } from './week-days.ts';

/** The steps the grid snaps to, in minutes. */
export const SNAP_STEPS = [5, 15] as const;
export type SnapStep = (typeof SNAP_STEPS)[number];

/** A change to a block's range: moved (minutes and whole days), or one edge dragged. */
export type Gesture = { kind: 'move'; minutes: number; days: number } | { kind: 'resize-start'; minutes: number } | { kind: 'resize-end'; minutes: number };

export interface Range {
  start: number;
  end: number;
}

/**
 * The instant `minutes` wall minutes and `days` calendar days after `epochMs` in `zone`, rounded
 * to the nearest `snap` minutes of the wall clock (no rounding for a move by whole days only). Across a clock change the wall time is what
 * moves ("same time on Monday"), resolved as `fromZoned` resolves it.
 */
export function shiftWall(epochMs: number, minutes: number, days: number, zone: string, snap: number): number {
  // A move by whole days keeps the wall time as it was, snapped or not.
  if (minutes === 0) return addZonedDays(epochMs, days, zone);
  const p = zonedParts(epochMs, zone);
  const wall = p.hour * 60 + p.minute + p.second / 60 + minutes;
  const snapped = Math.round(wall / snap) * snap;
  const carry = Math.floor(snapped / DAY_MINUTES);
  const inDay = snapped - carry * DAY_MINUTES;
  const date = addCalendarDays(p, days + carry);
  return fromZoned({ ...date, hour: Math.floor(inDay / 60), minute: inDay % 60 }, zone);
}

/** The range after `gesture`. A move keeps the block's real duration; a resize moves one edge. */
export function applyGesture(range: Range, gesture: Gesture, zone: string, snap: number): Range {
  switch (gesture.kind) {
    case 'move': {
      const start = shiftWall(range.start, gesture.minutes, gesture.days, zone, snap);
      return { start, end: start + (range.end - range.start) };
    }
    case 'resize-start':
      return { start: shiftWall(range.start, gesture.minutes, 0, zone, snap), end: range.end };
    case 'resize-end':
      return { start: range.start, end: shiftWall(range.end, gesture.minutes, 0, zone, snap) };
  }
}

/** A new block's range from a drag over empty grid: the day (a calendar date) and two wall minutes in either order, snapped. */
export function slotRange(date: { year: number; month: number; day: number }, fromMinute: number, toMinute: number, zone: string, snap: number): Range {
  const lo = Math.max(0, Math.floor(Math.min(fromMinute, toMinute) / snap) * snap);
  // A click without a drag still makes a block of one snap step (at least 15 min, what people mean by a slot).
  const hi = Math.min(DAY_MINUTES, Math.max(lo + Math.max(snap, 15), Math.ceil(Math.max(fromMinute, toMinute) / snap) * snap));
  const at = (minute: number) =>
    minute >= DAY_MINUTES ? fromZoned(addCalendarDays(date, 1), zone) : fromZoned({ ...date, hour: Math.floor(minute / 60), minute: minute % 60 }, zone);
  return { start: at(lo), end: at(hi) };
}

/** What the week needs to know about a block to check an edit. */
export interface EditedBlock extends Range {
  id: string;
  projectId: string;
  billed: boolean;
}

export interface EditContext {
  projectName: string;
  killSwitches: readonly KillSwitch[];
  /** Every other block, for the overlap warning. */
  blocks: readonly (Range & { id: string })[];
  /** Names a block for the overlap warning ("10:00–11:00 Acme"). */
  describe: (block: Range & { id: string }) => string;
  zone: string;
}

export type EditCheck = { ok: true; warnings: string[] } | { ok: false; message: string };

/** Whether `next` may replace `block`'s range, and the warnings to show when it is saved. */
export function checkEdit(block: EditedBlock, next: Range, context: EditContext): EditCheck {
  if (block.billed) return { ok: false, message: BILLED_LOCK_MESSAGE };
  if (!(next.end > next.start)) {
    return {
      ok: false,
      message: `End (${formatZonedTime(next.end, context.zone)}) must be after Start (${formatZonedTime(next.start, context.zone)}); a block needs some time.`,
    };
  }
  if (next.end - next.start > MAX_BLOCK_MS) {
    return { ok: false, message: `That would make a ${formatDuration(next.end - next.start)} block; a block is at most 24 h. Split it first.` };
  }
  const warnings: string[] = [];
  if (next.end - next.start > block.end - block.start) {
    const guard = killSwitchGuard(block.projectId, context.projectName, context.killSwitches);
    if (guard.kind === 'refuse') return { ok: false, message: guard.message };
    if (guard.kind === 'warn') warnings.push(guard.message);
  }
  const overlaps = overlapsWith({ id: block.id, ...next }, context.blocks);
  if (overlaps.length > 0) warnings.push(`Overlaps ${overlaps.map(context.describe).join(', ')}.`);
  return { ok: true, warnings };
}

/** The gesture a key press asks for on a focused block (Alt+arrows), or null. */
export function keyGesture(key: { key: string; altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }, snap: number): Gesture | null {
  if (!key.altKey || key.ctrlKey || key.metaKey) return null;
  const step = key.key === 'ArrowUp' ? -snap : key.key === 'ArrowDown' ? snap : 0;
  if (key.shiftKey) return step === 0 ? null : { kind: 'resize-end', minutes: step };
  if (step !== 0) return { kind: 'move', minutes: step, days: 0 };
  if (key.key === 'ArrowLeft') return { kind: 'move', minutes: 0, days: -1 };
  if (key.key === 'ArrowRight') return { kind: 'move', minutes: 0, days: 1 };
  return null;
}
