/** Every time block in one table: typed entry, filters, grouping, totals, merge, edit, delete with undo, CSV. */
import { Download, Merge } from 'lucide-react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useIntent } from '../nav/use-intent.ts';
import { useStore } from '../app/store.ts';
import { saveExport } from '../exports/save-export.ts';
import type { BlockKind, TimeBlock } from '../domain/time-block.ts';
import { csvLookup, timeBlocksCsv } from '../reports/csv.ts';
import { formatDurationShort } from './format.ts';
import { addZonedDays, formatIsoDate, fromZoned, startOfZonedDay, zonedDate } from './zoned-time.ts';
import { ScreenHeader } from '../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../workspace/WorkspaceState.tsx';
import { useClock } from '../app/use-clock.ts';
import { blockTotals, type BlockFilter, filterBlocks, NO_FILTER, searchableNotes } from './block-filter.ts';
import { BlockEditorDialog } from './BlockEditorDialog.tsx';
import { type BlockRowLookup, BlockTable, type GroupBy } from './BlockTable.tsx';
import { KIND_LABELS, KINDS } from './kinds.ts';
import { QuickEntry } from './QuickEntry.tsx';
import { useDeleteBlock } from './use-delete-block.ts';
import { useMergeBlocks } from './use-merge-blocks.ts';
import { useInvoices } from '../invoices/screen/use-invoices.ts';
import { describeDisplayZone } from './display-zone.ts';
import { DisplayZoneControl } from './DisplayZoneControl.tsx';
import { useBlockZones } from './use-display-zone.ts';
import { billedBy as billedByInvoice, NOT_IN_REGISTER } from '../reports/invoice-register.ts';
import { errorMessage } from '../ui/error-message.ts';
import { LazyWeekView, TimeViewSwitch, useTimeViewShortcut } from '../calendar/week/TimeViewSwitch.tsx';
import { useTimeView } from '../calendar/week/week-prefs.ts';
import { ImportTimeButton } from '../time-import/ImportTimeButton.tsx';

/** `YYYY-MM-DD` in `zone` to the instant the day starts; null when empty. */
function dayStart(text: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? fromZoned({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0 }, zone) : null;
}

export function TimeScreen() {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const phases = useStore((s) => s.phases);
  const blocks = useStore((s) => s.blocks);
  const notify = useStore((s) => s.notify);
  const navigate = useStore((s) => s.navigate);
  const { zone: deviceZone } = useClock();
  // `zone` is the home zone the header names (filters' days, CSV's date); each block shows in zoneOf(block).
  const { choice: zoneChoice, home: zone, zoneOf } = useBlockZones(deviceZone);
  const [clientId, setClientId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<BlockKind | ''>('');
  const [billable, setBillable] = useState<BlockFilter['billable']>('all');
  const [text, setText] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<TimeBlock | null>(null);
  const removeWithUndo = useDeleteBlock();
  const mergeBlocks = useMergeBlocks();
  const invoices = useInvoices();
  const billedBy = useMemo(() => billedByInvoice(invoices ?? []), [invoices]);
  const entryRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const workspaceReady = useStore((s) => s.workspace.kind === 'ready');
  const complete = useStore((s) => s.blocksComplete);
  const [view, setView] = useTimeView();
  useTimeViewShortcut(view, setView);
  useIntent(
    'new-block',
    useCallback(() => entryRef.current?.focus(), []),
    workspaceReady,
  );
  useIntent(
    'search',
    useCallback(() => {
      setView('list'); // search filters the list: show it first
      requestAnimationFrame(() => searchRef.current?.focus());
    }, [setView]),
    workspaceReady,
  );

  const filter: BlockFilter = useMemo(() => {
    const fromMs = dayStart(from, zone);
    const toDay = dayStart(to, zone);
    return {
      ...NO_FILTER,
      clientId: clientId || null,
      projectId: projectId || null,
      from: fromMs,
      to: toDay === null ? null : addZonedDays(toDay, 1, zone),
      kinds: kind ? [kind] : [],
      billable,
      text,
    };
  }, [clientId, projectId, from, to, kind, billable, text, zone]);
  // Search compares lower-cased notes kept per cache list (block-filter.ts); making them when the
  // browser is idle spares the first keystroke after each change of the cache (~25 ms at 100 000).
  useEffect(() => {
    const id = requestIdleCallback(() => searchableNotes(blocks), { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }, [blocks]);
  const deferredFilter = useDeferredValue(filter);
  const visible = useMemo(() => filterBlocks(blocks, deferredFilter), [blocks, deferredFilter]);
  const totals = useMemo(() => blockTotals(visible), [visible]);

  const lookup: BlockRowLookup = useMemo(() => {
    const c = new Map(clients.map((x) => [x.id, x]));
    const p = new Map(projects.map((x) => [x.id, x.name]));
    const ph = new Map(phases.map((x) => [x.id, x.name]));
    return {
      clientName: (id) => c.get(id)?.name ?? '—',
      clientZone: (id) => c.get(id)?.timeZone,
      projectName: (id) => p.get(id) ?? '—',
      phaseName: (id) => (id ? (ph.get(id) ?? '') : ''),
      // Once the register is read, a billed block it does not name came billed from elsewhere (a bundle).
      invoiceOf: (id) => billedBy.get(id) ?? (invoices === null ? undefined : NOT_IN_REGISTER),
    };
  }, [clients, projects, phases, billedBy, invoices]);

  // "/" focuses the entry field, as in most time trackers; N as well ("new block").
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, dialog')) return;
      if ((event.key === '/' || event.key === 'n') && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        entryRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const merge = async () => {
    if (await mergeBlocks(blocks.filter((b) => selected.has(b.id)))) setSelected(new Set());
  };

  const exportCsv = async () => {
    const csv = timeBlocksCsv(visible, csvLookup(clients, projects, phases));
    const today = formatIsoDate(zonedDate(Date.now(), zone)); // in an event handler: impure is fine
    const inFile = new Set(visible.map((b) => b.clientId));
    try {
      const path = await saveExport({ kind: 'time-csv', stem: `caravan-time-${today}`, content: csv, clients: clients.filter((c) => inFile.has(c.id)) });
      if (path) notify(`Exported ${visible.length} blocks.`);
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    }
  };

  const clientProjects = clientId ? projects.filter((p) => p.clientId === clientId) : projects;
  return (
    <section className="screen full" aria-labelledby="screen-title">
      <ScreenHeader title="Time" subtitle={describeDisplayZone(zoneChoice, zone)}>
        <TimeViewSwitch view={view} onChange={setView} />
        <DisplayZoneControl deviceZone={deviceZone} />
        <button
          type="button"
          className="button"
          disabled={selected.size < 2}
          onClick={() => void merge()}
          title="Merge the selected blocks (select with Space)"
        >
          <Merge aria-hidden size={16} /> Merge{selected.size > 1 ? ` ${selected.size}` : ''}
        </button>
        <button
          type="button"
          className="button"
          disabled={visible.length === 0 || !complete}
          title={complete ? undefined : 'Available once every block is read'}
          onClick={() => void exportCsv()}
        >
          <Download aria-hidden size={16} /> Export CSV
        </button>
        <ImportTimeButton />
      </ScreenHeader>
      <WorkspaceState>
        {projects.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">Nothing to log time against yet</p>
            <p>Time blocks belong to a project. Create a client and a project first.</p>
            <button type="button" className="button primary" onClick={() => navigate(clients.length === 0 ? 'clients' : 'projects')}>
              {clients.length === 0 ? 'Create a client' : 'Create a project'}
            </button>
          </div>
        ) : (
          <>
            <QuickEntry zone={deviceZone} headerZone={zone} inputRef={entryRef} />
            {view === 'week' && <LazyWeekView />}
            <div className="toolbar filters" hidden={view === 'week'} role="search" aria-label="Filter time blocks">
              <select
                autoComplete="off"
                aria-label="Client"
                value={clientId}
                onChange={(e) => {
                  setClientId(e.target.value);
                  setProjectId('');
                }}
              >
                <option value="">All clients</option>
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <select autoComplete="off" aria-label="Project filter" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
                <option value="">All projects</option>
                {clientProjects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <label>
                From <input autoComplete="off" type="date" aria-label="From date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                To <input autoComplete="off" type="date" aria-label="To date" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
              <select autoComplete="off" aria-label="Kind filter" value={kind} onChange={(e) => setKind(e.target.value as BlockKind | '')}>
                <option value="">All kinds</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              <select autoComplete="off" aria-label="Billable filter" value={billable} onChange={(e) => setBillable(e.target.value as BlockFilter['billable'])}>
                <option value="all">Billable and not</option>
                <option value="billable">Billable only</option>
                <option value="non-billable">Not billable</option>
              </select>
              <input
                autoComplete="off"
                ref={searchRef}
                type="search"
                aria-label="Search notes"
                placeholder="Search notes"
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
              <select autoComplete="off" aria-label="Group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
                <option value="none">No grouping</option>
                <option value="day">Group by day</option>
                <option value="client">Group by client</option>
                <option value="project">Group by project</option>
                <option value="kind">Group by kind</option>
              </select>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setClientId('');
                  setProjectId('');
                  setFrom('');
                  setTo('');
                  setKind('');
                  setBillable('all');
                  setText('');
                }}
              >
                Clear filters
              </button>
            </div>
            {view === 'week' ? null : blocks.length === 0 ? (
              <div className="empty-state">
                <p className="empty-title">No time logged yet</p>
                <p>Type your first block above, for example “9:30-11 kickoff call”, then press Enter. Press / to get back to the entry field.</p>
              </div>
            ) : (
              <>
                <BlockTable
                  blocks={visible}
                  lookup={lookup}
                  zone={zone}
                  zoneOf={zoneOf}
                  groupBy={groupBy}
                  selected={selected}
                  onToggleSelect={toggle}
                  onEdit={setEditing}
                  onDelete={(b) => void removeWithUndo(b)}
                />
                <div className="totals-row" role="status" aria-label="Totals">
                  {!complete && <span className="muted">Reading older blocks…</span>}
                  <span>
                    <strong>{totals.count.toLocaleString()}</strong> blocks
                  </span>
                  <span>
                    Total <strong data-testid="total-duration">{formatDurationShort(totals.totalMs)}</strong>
                  </span>
                  <span>
                    Billable <strong>{formatDurationShort(totals.billableMs)}</strong>
                  </span>
                  <span>
                    Deep work <strong>{formatDurationShort(totals.deepMs)}</strong>
                  </span>
                </div>
              </>
            )}
          </>
        )}
      </WorkspaceState>
      <BlockEditorDialog block={editing} onClose={() => setEditing(null)} />
    </section>
  );
}

/** The start of today in `zone` (the Today view and "defaultDate"). */
export function todayStart(zone: string): number {
  return startOfZonedDay(Date.now(), zone);
}
