/**
 * Where each event sits on the week's time grid: cut at every midnight into one segment per day,
 * placed by wall-clock minutes (the grid's rows are the hours a clock shows, as in every calendar),
 * and set side by side where segments overlap. Pure and zone-aware; the grid only multiplies by
 * pixels.
 *
 * Wall-clock placement on a day the clocks change: in spring the skipped hour holds nothing (a
 * segment across it is drawn an hour taller than it lasted); in autumn the repeated hour holds both
 * passes, so a segment inside the second pass may sit on one from the first, and one that ends
 * earlier on the wall clock than it starts is kept at least its real length tall. The label always
 * says the real times and duration.
 */
import { DAY_MINUTES, MINUTE_MS, wallMinutes, type WeekDay } from './week-days.ts';

/** Anything with a half-open range [start, end) in UTC epoch ms. */
export interface Timed {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  id: string;
  /** Index of the day in the week (0..6). */
  day: number;
  /** Wall minutes from the day's midnight: 0..1440. */
  top: number;
  bottom: number;
  /** The event began on an earlier day / goes on past this day. */
  continuesBefore: boolean;
  continuesAfter: boolean;
  /** Side-by-side placement among overlapping segments: column `column` of `columns`. */
  column: number;
  columns: number;
}

/** Segments shorter than this on screen are drawn this tall, so a 2-minute block can be clicked; overlap uses the drawn size. */
export const MIN_DRAWN_MINUTES = 15;

/** Every segment of `events` in `days`, per day ordered by top then by length (longest first). */
export function layoutWeek(events: readonly Timed[], days: readonly WeekDay[], zone: string): Segment[] {
  const out: Segment[] = [];
  days.forEach((day, index) => {
    const inDay: Segment[] = [];
    for (const event of events) {
      if (!(event.end > event.start) || event.end <= day.start || event.start >= day.end) continue;
      const from = Math.max(event.start, day.start);
      const to = Math.min(event.end, day.end);
      const top = from === day.start ? 0 : wallMinutes(from, zone);
      const wallBottom = to === day.end ? DAY_MINUTES : wallMinutes(to, zone);
      // Autumn's repeated hour can put the wall end before the wall start: keep the real length.
      const bottom = Math.min(DAY_MINUTES, Math.max(wallBottom, top + (to - from) / MINUTE_MS));
      inDay.push({
        id: event.id,
        day: index,
        top,
        bottom,
        continuesBefore: event.start < day.start,
        continuesAfter: event.end > day.end,
        column: 0,
        columns: 1,
      });
    }
    out.push(...sideBySide(inDay));
  });
  return out;
}

/** The bottom a segment is drawn to: at least {@link MIN_DRAWN_MINUTES} below its top, within the day. */
export function drawnBottom(segment: Pick<Segment, 'top' | 'bottom'>): number {
  return Math.min(DAY_MINUTES, Math.max(segment.bottom, segment.top + MIN_DRAWN_MINUTES));
}

/**
 * Columns for one day's segments: a cluster of segments that overlap one another (directly or
 * through others) shares its width; each segment takes the leftmost column free at its top.
 */
function sideBySide(segments: Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.top - b.top || b.bottom - a.bottom || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: Segment[] = [];
  let cluster: Segment[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const s of cluster) placed.push({ ...s, columns: columnEnds.length });
    cluster = [];
    columnEnds = [];
  };
  for (const segment of sorted) {
    const top = segment.top;
    if (top >= clusterEnd) close();
    let column = columnEnds.findIndex((end) => end <= top);
    if (column === -1) column = columnEnds.length;
    const bottom = drawnBottom(segment);
    columnEnds[column] = bottom;
    clusterEnd = cluster.length === 0 ? bottom : Math.max(clusterEnd, bottom);
    cluster.push({ ...segment, column });
  }
  close();
  return placed;
}
