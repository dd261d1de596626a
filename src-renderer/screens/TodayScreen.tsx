/**
 * Today and this week: the blocks per day, totals per client and project, and today's deep work.
 * Days are those of the home zone; a block belongs to its start's day in its display zone.
 */
import { Pencil, Trash2 } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import { useClock } from '../app/use-clock.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { BlockEditorDialog } from '../time/BlockEditorDialog.tsx';
import { blockTotals } from '../time/block-filter.ts';
import { KIND_LABELS } from '../time/kinds.ts';
import { QuickEntry } from '../time/QuickEntry.tsx';
import { TimerPanel } from '../timer/TimerPanel.tsx';
import { useDeleteBlock } from '../time/use-delete-block.ts';
import { formatDurationShort, formatRange } from '../time/format.ts';
import { addCalendarDays, addZonedDays, formatIsoDate, startOfZonedDay, startOfZonedWeek, zonedDate } from '../time/zoned-time.ts';
import { blocksOnDays, msByDay } from '../time/block-days.ts';
import { useBlockZones } from '../time/use-display-zone.ts';
import { ScreenHeader } from '../ui/ScreenHeader.tsx';
import { countOf } from '../ui/format/plural.ts';
import { useHourStyle } from '../ui/format/use-hour-style.ts';
import { WorkspaceState } from '../workspace/WorkspaceState.tsx';

type View = 'day' | 'week';

/**
 * The part of `blocks` that has happened by `now`: blocks typed ahead (later today, later this
 * week) are not time logged yet, and a block under way counts up to now.
 */
export function elapsedPart(blocks: readonly TimeBlock[], now: number): TimeBlock[] {
  return blocks.filter((b) => b.start < now).map((b) => (b.end > now ? { ...b, end: now } : b));
}

/** Totals per project within `blocks`, largest first, with the client's name. */
function perProject(blocks: readonly TimeBlock[], name: (projectId: string) => string) {
  const ms = new Map<string, number>();
  for (const b of blocks) ms.set(b.projectId, (ms.get(b.projectId) ?? 0) + (b.end - b.start));
  return [...ms.entries()].map(([projectId, total]) => ({ projectId, label: name(projectId), total })).sort((a, b) => b.total - a.total);
}

export function TodayScreen() {
  const blocks = useStore((s) => s.blocks);
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const navigate = useStore((s) => s.navigate);
  const { zone: deviceZone, now } = useClock();
  // Days are cut in the home zone; each block sits on its start's day in its display zone.
  const { home: zone, zoneOf } = useBlockZones(deviceZone);
  const [view, setView] = useState<View>('day');
  const [editing, setEditing] = useState<TimeBlock | null>(null);
  const removeWithUndo = useDeleteBlock();
  const entryRef = useRef<HTMLInputElement>(null);
  const dayStart = startOfZonedDay(now, zone);
  const weekStart = startOfZonedWeek(now, zone);
  const todayKey = formatIsoDate(zonedDate(dayStart, zone));
  const weekDays = useMemo(() => Array.from({ length: 7 }, (_, i) => formatIsoDate(addCalendarDays(zonedDate(weekStart, zone), i))), [weekStart, zone]);
  const today = useMemo(
    () => blocksOnDays(blocks, new Set([todayKey]), zoneOf, dayStart, addZonedDays(dayStart, 1, zone)),
    [blocks, todayKey, zoneOf, dayStart, zone],
  );
  const week = useMemo(
    () => blocksOnDays(blocks, new Set(weekDays), zoneOf, weekStart, addZonedDays(weekStart, 7, zone)),
    [blocks, weekDays, zoneOf, weekStart, zone],
  );
  const weekByDay = msByDay(elapsedPart(week, now), zoneOf);
  const shown = view === 'day' ? today : week;
  const counted = elapsedPart(shown, now);
  const totals = blockTotals(counted);
  const ahead = shown.length - shown.filter((b) => b.start < now).length;
  // Re-render when the person switches between h:mm and decimal hours.
  useHourStyle();

  const projectName = useMemo(() => {
    const c = new Map(clients.map((x) => [x.id, x.name]));
    const p = new Map(projects.map((x) => [x.id, x]));
    return (id: string) => {
      const project = p.get(id);
      return project ? `${c.get(project.clientId) ?? ''} · ${project.name}` : '—';
    };
  }, [clients, projects]);
  const dateLabel = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone }).format(now);
  const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: zone });

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader title="Today" subtitle={dateLabel}>
        <div className="segmented" role="group" aria-label="Period">
          <button type="button" className={view === 'day' ? 'current' : ''} aria-pressed={view === 'day'} onClick={() => setView('day')}>
            Today
          </button>
          <button type="button" className={view === 'week' ? 'current' : ''} aria-pressed={view === 'week'} onClick={() => setView('week')}>
            This week
          </button>
        </div>
      </ScreenHeader>
      <WorkspaceState>
        {projects.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">Welcome to Caravan</p>
            <p>Start with a client (their currency, rate and where their data may live), then a project, then log your first block of work.</p>
            <button type="button" className="button primary" onClick={() => navigate(clients.length === 0 ? 'clients' : 'projects')}>
              {clients.length === 0 ? 'Create your first client' : 'Create a project'}
            </button>
          </div>
        ) : (
          <>
            <div className="stat-row">
              <div className="stat">
                <span className="stat-label">{view === 'day' ? 'Deep work today' : 'Deep work this week'}</span>
                <span className="stat-value" data-testid="deep-today">
                  {formatDurationShort(totals.deepMs)}
                </span>
              </div>
              <div className="stat">
                <span className="stat-label">{view === 'day' ? 'Logged today' : 'Logged this week'}</span>
                <span className="stat-value">{formatDurationShort(totals.totalMs)}</span>
              </div>
              <div className="stat">
                <span className="stat-label">Billable</span>
                <span className="stat-value">{formatDurationShort(totals.billableMs)}</span>
              </div>
            </div>
            {ahead > 0 && (
              <p className="field-hint" data-testid="ahead-note">
                Not counted until it happens: {countOf(ahead, 'block')} later {view === 'day' ? 'today' : 'this week'}.
              </p>
            )}
            <TimerPanel zone={deviceZone} />
            <QuickEntry zone={deviceZone} headerZone={zone} inputRef={entryRef} />
            {view === 'week' && (
              <div className="week-strip" aria-label="This week by day">
                {weekDays.map((day, i) => {
                  const from = addZonedDays(weekStart, i, zone);
                  const ms = weekByDay.get(day) ?? 0;
                  return (
                    <div key={day} className={day === todayKey ? 'week-day current' : 'week-day'}>
                      <span className="muted">{weekdayFormat.format(from)}</span>
                      <strong>{formatDurationShort(ms)}</strong>
                    </div>
                  );
                })}
              </div>
            )}
            {shown.length === 0 ? (
              <p className="muted">
                {view === 'day' ? 'Nothing logged today yet. Type a block above, for example “9:30-11 review”.' : 'Nothing logged this week yet.'}
              </p>
            ) : (
              <div className="today-grid">
                <div>
                  <h2>{view === 'day' ? 'Blocks' : 'Blocks this week'}</h2>
                  <ul className="block-list">
                    {shown.map((b) => (
                      <li key={b.id}>
                        <span className="block-time">{formatRange(b.start, b.end, zoneOf(b), zone)}</span>
                        <span className="block-what">
                          {projectName(b.projectId)}
                          {b.note && <span className="muted"> — {b.note}</span>}
                        </span>
                        <span className={`kind-pill ${b.kind}`}>{KIND_LABELS[b.kind]}</span>
                        <span className="num">{formatDurationShort(b.end - b.start)}</span>
                        <button type="button" className="icon-button" aria-label="Edit block" onClick={() => setEditing(b)}>
                          <Pencil aria-hidden size={15} />
                        </button>
                        <button type="button" className="icon-button" aria-label="Delete block" onClick={() => void removeWithUndo(b)}>
                          <Trash2 aria-hidden size={15} />
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
                <div>
                  <h2>By project</h2>
                  <ul className="totals-list">
                    {perProject(counted, projectName).map((row) => (
                      <li key={row.projectId}>
                        <span>{row.label}</span>
                        <strong>{formatDurationShort(row.total)}</strong>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            )}
          </>
        )}
      </WorkspaceState>
      <BlockEditorDialog block={editing} onClose={() => setEditing(null)} />
    </section>
  );
}
