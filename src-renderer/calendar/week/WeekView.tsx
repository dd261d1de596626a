/**
 * The Time screen's Week: one week of blocks on a time grid in the week's zone (week-zone.ts),
 * with phase deadlines and date kill switches in the all-day row and an imported calendar drawn
 * read-only on top. Loaded lazily (TimeScreen), so the list does not pay for it.
 *
 * Creating opens the block editor prefilled; a move or resize is saved as one undoable edit
 * (use-week-edit.ts). Imported events arrive as a prop until the ICS store is wired in.
 */
import { ChevronLeft, ChevronRight, Plus } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { useClock } from '../../app/use-clock.ts';
import type { TimeBlock } from '../../domain/time-block.ts';
import { BlockEditorDialog } from '../../time/BlockEditorDialog.tsx';
import { KIND_LABELS } from '../../time/kinds.ts';
import { BILLED_LOCK_MESSAGE } from '../../time/time-slice.ts';
import { formatIsoDate, isoWeek, weekdayOf, zonedDate } from '../../time/zoned-time.ts';
import { formatCalendarDate, formatShortDay } from '../../ui/format/dates.ts';
import type { OverlayEvent } from '../overlay-event.ts';
import { allDayItems } from './week-all-day.ts';
import { resnapWeek, shiftWeek, weekDays, weekStartOf } from './week-days.ts';
import { SNAP_STEPS, type Range, slotRange, type SnapStep } from './week-edits.ts';
import { blockLabel, rangeWords } from './week-labels.ts';
import { useSnapStep } from './week-prefs.ts';
import { useWeekEdit } from './use-week-edit.ts';
import { useWeekZone } from './week-zone.ts';
import { type BlockText, WeekGrid } from './WeekGrid.tsx';
import type { Slot } from './SlotCursor.tsx';
import { ConvertToBlockDialog } from '../ics/ConvertToBlockDialog.tsx';
import { useOverlayEvents } from '../ics/use-overlay-events.ts';
import './week.css';

export interface WeekViewProps {
  /** Imported calendar events to draw read-only; by default the imported calendars' (calendar/ics). */
  overlayEvents?: readonly OverlayEvent[];
  /** "Make a block from this"; by default the ICS import's Convert to block dialog. */
  onConvert?: (event: OverlayEvent) => void;
}

const DAY_MS = 86_400_000;

export default function WeekView({ overlayEvents, onConvert }: WeekViewProps) {
  const zone = useWeekZone();
  const { now } = useClock();
  const blocks = useStore((s) => s.blocks);
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const phases = useStore((s) => s.phases);
  const killSwitches = useStore((s) => s.killSwitches);
  const notify = useStore((s) => s.notify);
  const [snap, setSnap] = useSnapStep();
  const [shownWeek, setWeekStart] = useState(() => weekStartOf(Date.now(), zone));
  // The week is kept as an instant; when the zone changes (the home zone set, or the display setting
  // read after the first render), it is snapped again from its middle, so the same Monday-to-Sunday
  // week is drawn in the new zone (a zone's offset moves it by at most a day, never half a week).
  const weekStart = useMemo(() => resnapWeek(shownWeek, zone), [shownWeek, zone]);
  const [editing, setEditing] = useState<TimeBlock | null>(null);
  const [draft, setDraft] = useState<TimeBlock | null>(null);
  const [converting, setConverting] = useState<OverlayEvent | null>(null);
  // The empty-slot cursor starts on today at 09:00 (the week starts on Monday: ISO weekday 1).
  const [slot, setSlot] = useState<Slot>(() => ({ day: weekdayOf(zonedDate(Date.now(), zone)) - 1, minute: 9 * 60 }));
  const edit = useWeekEdit(zone);

  const days = useMemo(() => weekDays(weekStart, zone), [weekStart, zone]);
  const weekEnd = days[6]!.end;
  const today = formatIsoDate(zonedDate(now, zone));
  // Blocks start at most 24 h before they end: the ones touching the week start after this.
  const inWeek = useMemo(() => blocks.filter((b) => b.end > weekStart && b.start < weekEnd), [blocks, weekStart, weekEnd]);
  const imported = useOverlayEvents(weekStart - DAY_MS, weekEnd + DAY_MS);
  const source = overlayEvents ?? imported;
  const overlays = useMemo(() => source.filter((o) => o.end > weekStart - DAY_MS && o.start < weekEnd + DAY_MS), [source, weekStart, weekEnd]);
  const projectName = useCallback((id: string) => projects.find((p) => p.id === id)?.name ?? '—', [projects]);
  const allDay = useMemo(() => allDayItems({ days, phases, killSwitches, projectName, overlays }), [days, phases, killSwitches, projectName, overlays]);

  const describe = useCallback(
    (block: TimeBlock): BlockText => {
      const project = projectName(block.projectId);
      const client = clients.find((c) => c.id === block.clientId)?.name ?? '';
      const kind = KIND_LABELS[block.kind];
      return {
        label: blockLabel({ kind, project, client, note: block.note, start: block.start, end: block.end, zone, billed: block.billed }),
        title: project,
        detail: [client, kind, block.note.trim()].filter((w) => w !== '').join(' · '),
      };
    },
    [clients, projectName, zone],
  );

  /** A new block's draft: the range given, the project of the latest block (or the first active one). */
  const startDraft = (range: Range, note = '') => {
    const latest = blocks[blocks.length - 1];
    const project = projects.find((p) => p.id === latest?.projectId && p.status !== 'done') ?? projects.find((p) => p.status === 'active') ?? projects[0];
    if (!project) return notify('Create a project first: time blocks belong to a project.', { tone: 'error' });
    const end = Math.min(range.end, range.start + DAY_MS);
    setDraft({
      id: '',
      projectId: project.id,
      clientId: project.clientId,
      start: range.start,
      end,
      zone,
      kind: 'deep',
      billable: true,
      billed: false,
      note,
      createdAt: 0,
      updatedAt: 0,
    });
  };

  const convert = onConvert ?? setConverting;
  const week = isoWeek(weekStart, zone);

  return (
    <div className="week-view">
      <div className="toolbar week-toolbar" role="toolbar" aria-label="Week">
        <button
          type="button"
          className="button icon"
          aria-label="Previous week"
          title="Previous week"
          onClick={() => setWeekStart(shiftWeek(weekStart, -1, zone))}
        >
          <ChevronLeft aria-hidden size={16} />
        </button>
        <button type="button" className="button" onClick={() => setWeekStart(weekStartOf(Date.now(), zone))}>
          This week
        </button>
        <button type="button" className="button icon" aria-label="Next week" title="Next week" onClick={() => setWeekStart(shiftWeek(weekStart, 1, zone))}>
          <ChevronRight aria-hidden size={16} />
        </button>
        <h2 className="week-title" aria-live="polite">
          Week {week.week} · {formatShortDay(days[0]!.start, zone)} – {formatCalendarDate(days[6]!.date)}
        </h2>
        <label className="week-jump">
          Go to date{' '}
          <input
            type="date"
            autoComplete="off"
            value={days[0]!.iso}
            onChange={(e) => {
              const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.target.value);
              if (m) setWeekStart(weekStartOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12), zone));
            }}
          />
        </label>
        <label>
          Snap{' '}
          <select autoComplete="off" value={snap} onChange={(e) => setSnap(Number(e.target.value) as SnapStep)}>
            {SNAP_STEPS.map((s) => (
              <option key={s} value={s}>
                {s} min
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">Times in {zone}</span>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            const day = days[slot.day] ?? days[0]!;
            startDraft(slotRange(day.date, slot.minute, slot.minute + 60, zone, snap));
          }}
        >
          <Plus aria-hidden size={16} /> New block
        </button>
      </div>
      <WeekGrid
        days={days}
        today={today}
        zone={zone}
        snap={snap}
        blocks={inWeek}
        describe={describe}
        overlays={overlays}
        allDay={allDay}
        slot={slot}
        onSlot={setSlot}
        onOpen={setEditing}
        onCreate={(range) => startDraft(range)}
        onEdit={(block, next, verb) => {
          const fromKeys = document.activeElement instanceof HTMLElement && document.activeElement.dataset['blockId'] === block.id;
          void edit(block, next, verb).then(() => fromKeys && focusBlock(block.id));
        }}
        onLocked={(block) =>
          notify(`${rangeWords(block.start, block.end, zone)} is billed: it cannot be moved or resized. ${BILLED_LOCK_MESSAGE}`, { tone: 'error' })
        }
        onConvert={convert}
      />
      <BlockEditorDialog block={editing} onClose={() => setEditing(null)} />
      <BlockEditorDialog block={draft} creating onClose={() => setDraft(null)} />
      <ConvertToBlockDialog event={converting} zone={zone} onClose={() => setConverting(null)} />
    </div>
  );
}

/** Keyboard focus follows a block moved by keys, which may now be in another day's column. */
function focusBlock(id: string): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`.week-event[data-block-id="${CSS.escape(id)}"][tabindex="0"]`)?.focus();
  });
}
