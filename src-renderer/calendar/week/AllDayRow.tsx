/**
 * The all-day row above the grid: phase deadlines, date kill switches and imported all-day
 * events, each in its day's cell. An imported event offers "Make a block from this".
 */
import type { OverlayEvent } from '../overlay-event.ts';
import type { AllDayItem } from './week-all-day.ts';
import type { WeekDay } from './week-days.ts';
import { formatDay } from '../../ui/format/dates.ts';

export function AllDayRow({
  days,
  items,
  onConvert,
  zone,
}: {
  days: readonly WeekDay[];
  items: readonly AllDayItem[];
  onConvert: (event: OverlayEvent) => void;
  zone: string;
}) {
  return (
    <div className="week-all-day">
      <div className="week-gutter">All day</div>
      {days.map((d, index) => {
        const here = items.filter((i) => i.day === index);
        return (
          <ul key={d.iso} className="week-all-day-cell" aria-label={`All day, ${formatDay(d.start + 12 * 3_600_000, zone)}`}>
            {here.map((item) =>
              item.overlay ? (
                <li key={item.key}>
                  <button
                    type="button"
                    className="week-chip overlay"
                    title={`${item.text}. Make a block from this`}
                    aria-label={`Calendar event: ${item.text}. Make a block from this`}
                    onClick={() => item.overlay && onConvert(item.overlay)}
                  >
                    {item.text}
                  </button>
                </li>
              ) : (
                <li key={item.key} className={`week-chip ${item.kind}`} title={item.text}>
                  {item.text}
                </li>
              ),
            )}
          </ul>
        );
      })}
    </div>
  );
}
