/**
 * Daylight-saving transitions, in zones that move by an hour both ways of the equator (Berlin,
 * New York, Santiago, whose clocks jump at midnight), by half an hour (Lord Howe), and not at all
 * (Kolkata): typed wall times resolve to what they say or ask, durations are instants'
 * differences, and a block sits on its start's day in its display zone.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readEditedRange } from '../../../../src-renderer/time/edit-range.ts';
import { blockDay, msByDay } from '../../../../src-renderer/time/block-days.ts';
import { blockTotals } from '../../../../src-renderer/time/block-filter.ts';
import {
  addCalendarDays,
  addZonedDays,
  formatIsoDate,
  fromZoned,
  resolveWallTime,
  startOfZonedDay,
  type WallTime,
  zonedDate,
  zonedParts,
  zoneOffsetMs,
} from '../../../../src-renderer/time/zoned-time.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata'] as const;

/** Every offset change of `zone` in 2024..2027, to the second. */
function transitions(zone: string): number[] {
  const found: number[] = [];
  const end = Date.UTC(2028, 0, 1);
  for (let t = Date.UTC(2024, 0, 1); t < end; t += HOUR) {
    if (zoneOffsetMs(t, zone) === zoneOffsetMs(t + HOUR, zone)) continue;
    let [lo, hi] = [t, t + HOUR];
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zoneOffsetMs(mid, zone) === zoneOffsetMs(t, zone)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

const TRANSITIONS = new Map(ZONES.map((zone) => [zone, transitions(zone)]));

/** The wall reading of `epochMs` in `zone` as a plain UTC number, for wall-clock arithmetic. */
function wallMs(epochMs: number, zone: string): number {
  return epochMs + zoneOffsetMs(epochMs, zone);
}

function wallOf(ms: number): WallTime {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

function reads(at: number, wall: WallTime, zone: string): boolean {
  const p = zonedParts(at, zone);
  return p.year === wall.year && p.month === wall.month && p.day === wall.day && p.hour === wall.hour && p.minute === wall.minute;
}

/** A zone, and a wall time within three hours (on the wall clock) of one of its transitions; Kolkata has none, so any day. */
const nearTransition = fc.constantFrom(...ZONES).chain((zone) => {
  const list = TRANSITIONS.get(zone) ?? [];
  const around =
    list.length === 0
      ? fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }).map((t) => wallMs(t, zone))
      : fc.tuple(fc.constantFrom(...list), fc.integer({ min: -180, max: 180 })).map(([t, minutes]) => wallMs(t - 1000, zone) + 1000 + minutes * MIN);
  return around.map((ms) => ({ zone, wall: wallOf(ms - (ms % MIN)) }));
});

describe('resolveWallTime across transitions', () => {
  it('found the transitions it tests: two a year where clocks change, none in Kolkata', () => {
    expect(TRANSITIONS.get('Europe/Berlin')).toHaveLength(8);
    expect(TRANSITIONS.get('Australia/Lord_Howe')).toHaveLength(8);
    expect(TRANSITIONS.get('America/Santiago')?.length).toBeGreaterThanOrEqual(7);
    expect(TRANSITIONS.get('Asia/Kolkata')).toHaveLength(0);
  });

  it('ok and overlap answers read back as the typed wall time; gap answers lie on both sides of the jump', () => {
    let seen = { ok: 0, gap: 0, overlap: 0 };
    fc.assert(
      fc.property(nearTransition, ({ zone, wall }) => {
        const r = resolveWallTime(wall, zone);
        seen = { ...seen, [r.kind]: seen[r.kind] + 1 };
        if (r.kind === 'ok') return reads(r.at, wall, zone);
        if (r.kind === 'overlap') {
          // Both passes read the wall time, an offset change apart.
          return (
            reads(r.earlier, wall, zone) && reads(r.later, wall, zone) && r.later - r.earlier === zoneOffsetMs(r.earlier, zone) - zoneOffsetMs(r.later, zone)
          );
        }
        // A gap: nothing reads the wall time, and the offset changes between `before` and `after`.
        const typed = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
        const oldOffset = zoneOffsetMs(r.before, zone);
        const newOffset = zoneOffsetMs(r.after, zone);
        return (
          r.before < r.after &&
          newOffset > oldOffset &&
          !reads(typed - oldOffset, wall, zone) &&
          !reads(typed - newOffset, wall, zone) &&
          wallMs(r.before, zone) < typed &&
          wallMs(r.after, zone) - typed === newOffset - oldOffset &&
          zoneOffsetMs(r.before + MIN, zone) === newOffset
        );
      }),
      { numRuns: 2000 },
    );
    // The generator reaches every case, or the property above proves less than it says.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.gap).toBeGreaterThan(0);
    expect(seen.overlap).toBeGreaterThan(0);
  });

  it('fromZoned keeps its old choices: the later reading of a gap, the earlier of an overlap', () => {
    fc.assert(
      fc.property(nearTransition, ({ zone, wall }) => {
        const r = resolveWallTime(wall, zone);
        return fromZoned(wall, zone) === (r.kind === 'ok' ? r.at : r.kind === 'gap' ? r.after : r.earlier);
      }),
      { numRuns: 500 },
    );
  });

  it('names 30-minute gaps and overlaps on Lord Howe, and none ever in Kolkata', () => {
    expect(resolveWallTime({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, 'Australia/Lord_Howe')).toMatchObject({ kind: 'gap' });
    const overlap = resolveWallTime({ year: 2026, month: 4, day: 5, hour: 1, minute: 45 }, 'Australia/Lord_Howe');
    expect(overlap.kind === 'overlap' && overlap.later - overlap.earlier).toBe(30 * MIN);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (t) => {
        return resolveWallTime(zonedParts(t, 'Asia/Kolkata'), 'Asia/Kolkata').kind === 'ok';
      }),
    );
  });
});

describe('durations across a change are instants’ differences', () => {
  it('a range typed on a transition day lasts its wall-clock length minus the offset change', () => {
    fc.assert(
      fc.property(nearTransition, fc.integer({ min: 1, max: 600 }), ({ zone, wall }, minutes) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const startText = `${pad(wall.hour ?? 0)}:${pad(wall.minute ?? 0)}`;
        const endWall = wallOf(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) + minutes * MIN);
        if (endWall.day !== wall.day) return true; // past midnight is the overnight rule's, tested in edit-range
        const endText = `${pad(endWall.hour ?? 0)}:${pad(endWall.minute ?? 0)}`;
        const range = readEditedRange(formatIsoDate(wall), startText, endText, zone);
        if (!range.ok) return range.question !== undefined || range.field === 'end';
        const change = zoneOffsetMs(range.end, zone) - zoneOffsetMs(range.start, zone);
        const block = { start: range.start, end: range.end, zone, clientId: 'c', billable: true, kind: 'deep' as const };
        return range.end - range.start === minutes * MIN - change && blockTotals([block as never]).totalMs === range.end - range.start;
      }),
      { numRuns: 1000 },
    );
  });

  it('a day has 23, 24 or 25 hours (23.5 or 24.5 on Lord Howe), and its blocks’ sums are their durations', () => {
    fc.assert(
      fc.property(
        nearTransition,
        fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 300 })), { minLength: 1, maxLength: 6 }),
        ({ zone, wall }, raw) => {
          const dayStart = startOfZonedDay(fromZoned(wall, zone), zone);
          // The next day's first instant, not "same time tomorrow": Santiago's day starts at 01:00 when midnight is skipped.
          const length = fromZoned(addCalendarDays(zonedDate(dayStart, zone), 1), zone) - dayStart;
          if (![23, 23.5, 24, 24.5, 25].includes(length / HOUR)) return false;
          const blocks = raw.map(([at, minutes]) => {
            const start = dayStart + Math.floor(at * length);
            return { start, end: start + minutes * MIN, zone, clientId: 'c' };
          });
          const byDay = msByDay(blocks, (b) => b.zone);
          const day = formatIsoDate(zonedDate(dayStart, zone));
          // Every block starts on that day, so the whole of each counts there, however far it runs.
          return byDay.size === 1 && byDay.get(day) === blocks.reduce((sum, b) => sum + (b.end - b.start), 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('day grouping follows the display zone', () => {
  it('puts a block on the calendar day of its start in the zone it is shown in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        (start, blockZone, shownIn) => {
          const block = { start, end: start + 90 * MIN, zone: blockZone, clientId: 'c' };
          const day = blockDay(block, () => shownIn);
          const dayStart = startOfZonedDay(start, shownIn);
          return day === formatIsoDate(zonedDate(start, shownIn)) && dayStart <= start && start < addZonedDays(dayStart, 1, shownIn);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('shows a late-evening Lisbon block on its Lisbon day in the block’s zone and on the next day in Kolkata', () => {
    const block = { start: Date.parse('2026-11-20T22:30:00Z'), end: Date.parse('2026-11-20T23:30:00Z'), zone: 'Europe/Lisbon', clientId: 'c' };
    expect(blockDay(block, (b) => b.zone)).toBe('2026-11-20');
    expect(blockDay(block, () => 'Asia/Kolkata')).toBe('2026-11-21');
  });
});
