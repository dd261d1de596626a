/**
 * The zone the week is drawn in. Today that is this device's zone; when the display-zone setting
 * lands (issue 21, item 5), this is the one line to change.
 */
import { useClock } from '../../app/use-clock.ts';

export function useWeekZone(): string {
  return useClock().zone;
}
