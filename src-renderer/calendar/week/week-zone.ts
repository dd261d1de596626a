/**
 * The zone the week is drawn in: the display setting's home zone (this device's zone unless the
 * person set another). A grid needs one zone for its days and hours, so "each block's own zone" and
 * "the client's zone" apply to the list and reports, not to the week's columns.
 */
import { useClock } from '../../app/use-clock.ts';
import { homeZoneOf } from '../../time/display-zone.ts';
import { useDisplayZoneChoice } from '../../time/use-display-zone.ts';

export function useWeekZone(): string {
  const deviceZone = useClock().zone;
  return homeZoneOf(useDisplayZoneChoice(), deviceZone);
}
