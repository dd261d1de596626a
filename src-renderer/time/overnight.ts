/**
 * When a range whose end is not after its start on the clock may be read as ending the next day.
 * Shared by the typed entry and the Edit dialog so both refuse the same slips: "13:00-12:00" is a
 * reversed range typed by mistake (saving it would bill 23 hours), while "22:00-01:00" is an
 * evening's work that ran past midnight.
 *
 * Rule: a reversed range is overnight only when it starts in the evening (18:00 or later) and
 * ends early the next morning (08:00 or earlier). Anything else is refused and names what was typed.
 */

/** Earliest start, in minutes after midnight, of a block that may run past midnight. */
export const OVERNIGHT_START_MIN = 18 * 60;
/** Latest end, in minutes after midnight of the next day, of a block that runs past midnight. */
export const OVERNIGHT_END_MAX = 8 * 60;

/** True when a block from `startMinutes` to `endMinutes` (both 0..1439, end ≤ start) may end the next day. */
export function isPlausiblyOvernight(startMinutes: number, endMinutes: number): boolean {
  return startMinutes >= OVERNIGHT_START_MIN && endMinutes <= OVERNIGHT_END_MAX && endMinutes < startMinutes;
}

/** The sentence shown when a reversed range is refused; `typed` is the range as the person wrote it. */
export function reversedRangeMessage(typed: string, swapped?: string): string {
  const fix = swapped === undefined ? 'Put the earlier time first' : `Did you mean ${swapped}?`;
  return `${typed} ends before it starts. ${fix} Only a block starting from 18:00 and ending by 08:00 is read as running past midnight; enter longer nights as two blocks.`;
}
