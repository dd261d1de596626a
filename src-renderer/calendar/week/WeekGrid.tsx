/**
 * The time grid of one week: hours down, days across, the all-day row on top. Blocks are focusable
 * in time order (Enter opens the editor; Alt+arrows move by the snap step or a day; Alt+Shift+Up/Down
 * resize), imported calendar events are outlined and hatched and offer "Make a block from this",
 * and one empty-slot cursor lets the keyboard reach free time (arrows move it, Enter creates).
 */
import { Lock } from 'lucide-react';
import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import type { TimeBlock } from '../../domain/time-block.ts';
import { formatClockTime } from '../../ui/format/dates.ts';
import type { OverlayEvent } from '../overlay-event.ts';
import { AllDayRow } from './AllDayRow.tsx';
import type { AllDayItem } from './week-all-day.ts';
import { DAY_MINUTES, type WeekDay } from './week-days.ts';
import { applyGesture, keyGesture, type Range } from './week-edits.ts';
import { overlayLabel, shortWeekday } from './week-labels.ts';
import { drawnBottom, layoutWeek, type Segment } from './week-layout.ts';
import { HOUR_PX, useGridDrag } from './use-grid-drag.ts';
import { SlotCursor, type Slot } from './SlotCursor.tsx';

export interface BlockText {
  label: string;
  title: string;
  detail: string;
}

export interface WeekGridProps {
  days: readonly WeekDay[];
  today: string;
  zone: string;
  snap: number;
  blocks: readonly TimeBlock[];
  describe: (block: TimeBlock) => BlockText;
  overlays: readonly OverlayEvent[];
  allDay: readonly AllDayItem[];
  slot: Slot;
  onSlot: (slot: Slot) => void;
  onOpen: (block: TimeBlock) => void;
  onCreate: (range: Range) => void;
  onEdit: (block: TimeBlock, next: Range, verb: 'Moved' | 'Resized') => void;
  onLocked: (block: TimeBlock) => void;
  onConvert: (event: OverlayEvent) => void;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const px = (minutes: number) => `${(minutes / 60) * HOUR_PX}px`;

export function WeekGrid(props: WeekGridProps) {
  const { days, zone, snap, blocks, overlays } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const drag = useGridDrag({
    bodyRef,
    days,
    blocks,
    zone,
    snap,
    onCreate: props.onCreate,
    onEdit: props.onEdit,
    onOpen: props.onOpen,
    onLocked: props.onLocked,
  });
  const timedOverlays = useMemo(() => overlays.filter((o) => !o.allDay), [overlays]);
  const segments = useMemo(
    () => layoutWeek([...blocks, ...timedOverlays.map((o) => ({ id: `overlay:${o.key}`, start: o.start, end: o.end }))], days, zone),
    [blocks, timedOverlays, days, zone],
  );
  const preview = useMemo(() => (drag.preview ? layoutWeek([drag.preview], days, zone) : []), [drag.preview, days, zone]);
  const byId = useMemo(() => new Map(blocks.map((b) => [b.id, b])), [blocks]);
  const overlayById = useMemo(() => new Map(timedOverlays.map((o) => [`overlay:${o.key}`, o])), [timedOverlays]);
  // Only an event's first segment in the week takes focus, so Tab meets each event once.
  const firstSegment = useMemo(() => {
    const seen = new Set<string>();
    return new Set(segments.filter((s) => !seen.has(s.id) && seen.add(s.id)).map((s) => `${s.id}@${s.day}`));
  }, [segments]);

  // Open at the working day (07:00), not at midnight.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 7 * HOUR_PX;
  }, []);

  const onBlockKey = (event: KeyboardEvent<HTMLElement>, block: TimeBlock) => {
    if ((event.key === 'Enter' || event.key === ' ') && !event.altKey) {
      event.preventDefault();
      props.onOpen(block);
      return;
    }
    const gesture = keyGesture(event, snap);
    if (!gesture) return;
    event.preventDefault();
    if (block.billed) return props.onLocked(block);
    props.onEdit(block, applyGesture(block, gesture, zone, snap), gesture.kind === 'move' ? 'Moved' : 'Resized');
  };

  const place = (s: Segment) => ({
    top: px(s.top),
    height: px(drawnBottom(s) - s.top),
    left: `calc(${(s.column / s.columns) * 100}% + 1px)`,
    width: `calc(${100 / s.columns}% - 3px)`,
  });

  return (
    <div className="week-grid" role="group" aria-label="Week">
      <div className="week-head" aria-hidden="true">
        <div className="week-gutter" />
        {days.map((d) => (
          <div key={d.iso} className={d.iso === props.today ? 'week-day-head today' : 'week-day-head'}>
            <span className="week-weekday">{shortWeekday(d.start + 12 * 3_600_000, zone)}</span> <span className="week-date">{d.date.day}</span>
            {d.lengthMs !== 86_400_000 && <span className="week-day-length">{Math.round(d.lengthMs / 3_600_000)} h</span>}
          </div>
        ))}
      </div>
      <AllDayRow days={days} items={props.allDay} onConvert={props.onConvert} zone={zone} />
      <div className="week-scroll" ref={scrollRef}>
        <div className="week-body-wrap" style={{ height: px(DAY_MINUTES) }}>
          <div className="week-gutter hours" aria-hidden="true">
            {HOURS.map((h) => (
              <span key={h} style={{ top: px(h * 60) }}>
                {h === 0 ? '' : formatClockTime(Date.UTC(2000, 0, 1, h), 'UTC')}
              </span>
            ))}
          </div>
          <div
            className="week-body"
            ref={bodyRef}
            onPointerDown={drag.onPointerDown}
            onPointerMove={drag.onPointerMove}
            onPointerUp={drag.onPointerUp}
            onPointerCancel={drag.onPointerCancel}
          >
            <SlotCursor
              days={days}
              slot={props.slot}
              zone={zone}
              snap={snap}
              onMove={props.onSlot}
              onCreate={props.onCreate}
              style={{ top: px(props.slot.minute), height: px(60), left: `${(props.slot.day / days.length) * 100}%`, width: `${100 / days.length}%` }}
            />
            {days.map((d, index) => (
              <div key={d.iso} className={d.iso === props.today ? 'week-column today' : 'week-column'} data-day={index}>
                {d.change && (
                  <div
                    className="week-clock-change"
                    style={{ top: px(d.change.atMinute), height: px(Math.abs(d.change.minutes)) }}
                    title={d.change.minutes > 0 ? 'The clocks go forward: this hour does not happen' : 'The clocks go back: this hour happens twice'}
                  />
                )}
                {segments
                  .filter((s) => s.day === index)
                  .map((s) => {
                    const overlay = overlayById.get(s.id);
                    if (overlay) {
                      const label = `${overlayLabel({ ...overlay, zone })}. Make a block from this`;
                      return (
                        <button
                          type="button"
                          key={`${s.id}@${index}`}
                          className="week-event overlay"
                          data-overlay-key={overlay.key}
                          style={place(s)}
                          aria-label={label}
                          title={label}
                          tabIndex={firstSegment.has(`${s.id}@${index}`) ? 0 : -1}
                          onClick={() => props.onConvert(overlay)}
                        >
                          <span className="week-event-title">{overlay.summary || 'Untitled event'}</span>
                        </button>
                      );
                    }
                    const block = byId.get(s.id);
                    if (!block) return null;
                    const text = props.describe(block);
                    const dragging = drag.preview?.id === block.id;
                    return (
                      <div
                        key={`${s.id}@${index}`}
                        role="button"
                        tabIndex={firstSegment.has(`${s.id}@${index}`) ? 0 : -1}
                        className={`week-event kind-${block.kind}${block.billed ? ' locked' : ''}${dragging ? ' dragged' : ''}`}
                        data-block-id={block.id}
                        style={place(s)}
                        aria-label={text.label}
                        aria-keyshortcuts="Enter Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight Alt+Shift+ArrowUp Alt+Shift+ArrowDown"
                        title={text.label}
                        onKeyDown={(e) => onBlockKey(e, block)}
                      >
                        {!block.billed && !s.continuesBefore && <span className="week-handle top" data-handle="resize-start" aria-hidden="true" />}
                        <span className="week-event-title">
                          {block.billed && <Lock aria-hidden size={11} />} {text.title}
                        </span>{' '}
                        {/* The space keeps the two lines two words apart for text readers (axe reads "pilotŁódź" without it). */}
                        <span className="week-event-detail">{text.detail}</span>
                        {!block.billed && !s.continuesAfter && <span className="week-handle bottom" data-handle="resize-end" aria-hidden="true" />}
                      </div>
                    );
                  })}
                {preview
                  .filter((s) => s.day === index)
                  .map((s) => (
                    <div
                      key={`preview@${index}`}
                      className="week-event preview"
                      style={{ ...place(s), left: '1px', width: 'calc(100% - 3px)' }}
                      aria-hidden="true"
                    >
                      <span className="week-event-detail">
                        {formatClockTime(drag.preview!.start, zone)}–{formatClockTime(drag.preview!.end, zone)}
                      </span>
                    </div>
                  ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
