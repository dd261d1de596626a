/**
 * The time table: TanStack Table builds the row model (sorting, grouping with totals), and
 * @tanstack/react-virtual draws only the rows in view, keyed by row id, so 100 000 blocks cost
 * what a screenful costs. Rows are a CSS grid rather than <table> because a virtualised <tbody>
 * needs absolutely placed rows; ARIA grid roles keep it a table for assistive technology.
 *
 * In the default order (start, newest first, or oldest first) without grouping, the rows are the
 * given blocks in the cache's own order (block-order.ts) and TanStack builds no row model at all:
 * at 100 000 blocks that model cost a row object per block and a sort on every filter change.
 * TanStack sorts only a column the person chose, and groups.
 *
 * Each block is shown in its display zone (`zoneOf`, display-zone.ts) and sits on its start's day
 * there; a time in another zone than the header's (`zone`) carries its city.
 *
 * Keyboard: the table body is one tab stop; arrows move the active row, Enter edits it, Space
 * selects it (for merge), Delete removes it (with undo), Home/End jump.
 */
import {
  aggregationFn_sum,
  columnGroupingFeature,
  createExpandedRowModel,
  createGroupedRowModel,
  createSortedRowModel,
  type ColumnDef,
  type ExpandedState,
  type GroupingState,
  type Row,
  rowAggregationFeature,
  rowExpandingFeature,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { TimeBlock } from '../domain/time-block.ts';
import { blockDay } from './block-days.ts';
import { cacheOrderFor, inCacheOrder } from './block-order.ts';
import { formatDayKey, formatDurationShort, formatDate, formatRange } from './format.ts';
import { KIND_LABELS } from './kinds.ts';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
  columnGroupingFeature,
  groupedRowModel: createGroupedRowModel(),
  rowAggregationFeature,
  aggregationFns: { sum: aggregationFn_sum },
  rowExpandingFeature,
  expandedRowModel: createExpandedRowModel(),
});

/** What the table needs to show a block: names looked up once per render of the data. */
export interface BlockRowLookup {
  clientName(id: string): string;
  projectName(id: string): string;
  phaseName(id: string | undefined): string;
  /** The client's zone, for the "their local time" hint. */
  clientZone(id: string): string | undefined;
  /** The number of the issued invoice that billed block `id`, for the "Billed · INV-2026-0001" mark. */
  invoiceOf(id: string): string | undefined;
}

/** What the Billable column says: billed time is marked with its invoice, since it is locked. */
function billingMark(b: TimeBlock, invoice: string | undefined): string {
  if (b.billed) return invoice === undefined ? 'Billed' : `Billed · ${invoice}`;
  return b.billable ? 'Yes' : 'No';
}

export type GroupBy = 'none' | 'client' | 'project' | 'day' | 'kind';

type TableRow = Row<typeof features, TimeBlock>;
/** One line of the table as drawn: a block, or a group's header (grouped view only). */
type Line = { id: string; block: TimeBlock; group?: undefined } | { id: string; block?: undefined; group: TableRow };

/** TanStack's data while the cache order is shown: it then has nothing to build. */
const NO_ROWS: TimeBlock[] = [];

const ROW_HEIGHT = 36;
const fixedRowHeight = () => ROW_HEIGHT;
// Billable holds "Billed · INV-2026-0001" (the default series) whole: the number is what a person looks for.
const GRID = '28px 150px 120px minmax(120px, 1fr) minmax(120px, 1fr) 90px 190px 70px minmax(160px, 2fr)';

export function BlockTable({
  blocks,
  lookup,
  zone,
  zoneOf,
  groupBy,
  selected,
  onToggleSelect,
  onEdit,
  onDelete,
}: {
  blocks: TimeBlock[];
  lookup: BlockRowLookup;
  /** The zone the header names. */
  zone: string;
  /** The zone each block is shown in. */
  zoneOf: (block: TimeBlock) => string;
  groupBy: GroupBy;
  selected: ReadonlySet<string>;
  onToggleSelect: (id: string) => void;
  onEdit: (block: TimeBlock) => void;
  onDelete: (block: TimeBlock) => void;
}) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'start', desc: true }]);
  const [expanded, setExpanded] = useState<ExpandedState>(true);
  const grouping: GroupingState = useMemo(() => (groupBy === 'none' ? [] : [groupBy]), [groupBy]);

  const projectLabel = useMemo(() => (b: TimeBlock) => `${lookup.projectName(b.projectId)}${b.phaseId ? ` · ${lookup.phaseName(b.phaseId)}` : ''}`, [lookup]);
  // The first direction of each column is fixed (numbers newest or largest first, text A to Z): left
  // to TanStack it is guessed from the first rows, and while the cache order is shown it has none.
  const columns = useMemo<Array<ColumnDef<typeof features, TimeBlock>>>(
    () => [
      { id: 'start', accessorFn: (b) => b.start, header: 'Date', sortFn: 'basic', sortDescFirst: true, enableGrouping: false },
      { id: 'day', accessorFn: (b) => blockDay(b, zoneOf), header: 'Day', sortFn: 'text', sortDescFirst: false },
      { id: 'time', accessorFn: (b) => b.start, header: 'Time', enableSorting: false, enableGrouping: false },
      { id: 'client', accessorFn: (b) => lookup.clientName(b.clientId), header: 'Client', sortFn: 'text', sortDescFirst: false },
      { id: 'project', accessorFn: projectLabel, header: 'Project', sortFn: 'text', sortDescFirst: false },
      { id: 'kind', accessorFn: (b) => KIND_LABELS[b.kind], header: 'Kind', sortFn: 'text', sortDescFirst: false },
      { id: 'billable', accessorFn: (b) => (b.billable ? 1 : 0), header: 'Billable', sortFn: 'basic', sortDescFirst: true, enableGrouping: false },
      {
        id: 'duration',
        accessorFn: (b) => b.end - b.start,
        header: 'Duration',
        sortFn: 'basic',
        sortDescFirst: true,
        aggregationFn: 'sum',
        enableGrouping: false,
      },
      { id: 'note', accessorFn: (b) => b.note, header: 'Note', sortFn: 'text', sortDescFirst: false, enableGrouping: false },
    ],
    [lookup, zoneOf, projectLabel],
  );

  // The cache order needs no row model: "Clear filters" then hands back the cache itself, and
  // nothing is rebuilt for it. Grouping and any other sort go through TanStack.
  const order = groupBy === 'none' ? cacheOrderFor(sorting) : null;
  const ordered = useMemo(() => (order === null ? null : inCacheOrder(blocks, order)), [blocks, order]);
  const table = useTable({
    features,
    columns,
    data: ordered === null ? blocks : NO_ROWS,
    getRowId: (b) => b.id,
    state: { sorting, grouping, expanded },
    onSortingChange: setSorting,
    onExpandedChange: setExpanded,
    groupedColumnMode: false,
    autoResetExpanded: false,
  });
  const rows = ordered === null ? table.getRowModel().rows : null;
  const count = ordered?.length ?? rows?.length ?? 0;
  const lineAt = (index: number): Line | undefined => {
    if (ordered !== null) {
      const block = ordered[index];
      return block && { id: block.id, block };
    }
    const row = rows?.[index];
    if (!row) return undefined;
    return row.getIsGrouped() ? { id: row.id, group: row } : { id: row.id, block: row.original };
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  // Every row is ROW_HEIGHT tall and never measured, so react-virtual's item keys (they only key its
  // size cache) stay its default, the index: it walks every row again whenever the key function
  // changes, and the inline one did on each render. React keys the drawn rows by row id below.
  // react-virtual returns functions the React Compiler cannot memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: fixedRowHeight,
    // The header row sits above the rows inside the same scrolling grid.
    scrollMargin: ROW_HEIGHT,
    overscan: 12,
  });
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (active >= count) setActive(Math.max(0, count - 1));
  }, [count, active]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const line = lineAt(active);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => (line?.group ? line.group.toggleExpanded() : line?.block && onEdit(line.block)),
      ' ': () => line?.block && onToggleSelect(line.block.id),
      Delete: () => line?.block && onDelete(line.block),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const header = (id: string, label: string) => {
    const column = table.getColumn(id);
    const sort = column?.getIsSorted();
    if (!column?.getCanSort()) return <div role="columnheader">{label}</div>;
    return (
      <div role="columnheader" aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none'}>
        <button type="button" className="sort-button" onClick={column.getToggleSortingHandler()}>
          {label} {sort === 'asc' ? '▲' : sort === 'desc' ? '▼' : ''}
        </button>
      </div>
    );
  };

  const activeLine = lineAt(active);
  return (
    // The grid itself scrolls (both ways: at 1024 px the columns are wider than the window) and
    // takes focus; rows are its children for assistive technology, the active one named by
    // aria-activedescendant.
    <div
      className="block-table"
      role="grid"
      aria-rowcount={count + 1}
      aria-label="Time blocks"
      ref={scrollRef}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={activeLine ? `row-${activeLine.id}` : undefined}
    >
      <div className="block-grid-content">
        <div className="block-row head" role="row" style={{ gridTemplateColumns: GRID }}>
          <div role="columnheader">
            <span className="visually-hidden">Selected</span>
          </div>
          {header('start', 'Date')}
          {header('time', 'Time')}
          {header('client', 'Client')}
          {header('project', 'Project')}
          {header('kind', 'Kind')}
          {header('billable', 'Billable')}
          {header('duration', 'Duration')}
          {header('note', 'Note')}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lineAt(item.index);
            if (!line) return null;
            const style = { transform: `translateY(${item.start - ROW_HEIGHT}px)`, height: ROW_HEIGHT, gridTemplateColumns: GRID };
            const isActive = item.index === active;
            if (line.group) {
              const row = line.group;
              const groupingId = row.groupingColumnId ?? '';
              const label = groupingId === 'day' ? formatDayKey(String(row.getGroupingValue(groupingId))) : String(row.getGroupingValue(groupingId));
              return (
                <div
                  key={row.id}
                  id={`row-${row.id}`}
                  role="row"
                  className={`block-row group-row${isActive ? ' active' : ''}`}
                  style={style}
                  onClick={() => {
                    setActive(item.index);
                    row.toggleExpanded();
                  }}
                >
                  {/* A grid's row may not carry aria-expanded (a treegrid's may); its cell can. */}
                  <div role="gridcell" aria-expanded={row.getIsExpanded()}>
                    {row.getIsExpanded() ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
                  </div>
                  <div role="gridcell" className="group-label">
                    {label} <span className="muted">({row.subRows.length})</span>
                  </div>
                  <div role="gridcell" className="group-total">
                    {formatDurationShort(Number(row.getValue('duration')))}
                  </div>
                </div>
              );
            }
            const b = line.block;
            const shownIn = zoneOf(b);
            const clientZone = lookup.clientZone(b.clientId);
            const theirs = clientZone && clientZone !== shownIn ? `Client’s local time: ${formatRange(b.start, b.end, clientZone)} (${clientZone})` : undefined;
            return (
              <div
                key={b.id}
                id={`row-${b.id}`}
                role="row"
                aria-selected={selected.has(b.id)}
                className={`block-row${isActive ? ' active' : ''}${selected.has(b.id) ? ' selected' : ''}`}
                style={style}
                onClick={() => setActive(item.index)}
                onDoubleClick={() => onEdit(b)}
              >
                <div role="gridcell">
                  <input
                    autoComplete="off"
                    type="checkbox"
                    tabIndex={-1}
                    aria-label="Select block"
                    checked={selected.has(b.id)}
                    onChange={() => onToggleSelect(b.id)}
                  />
                </div>
                <div role="gridcell">{formatDate(b.start, shownIn)}</div>
                <div role="gridcell" title={theirs}>
                  {formatRange(b.start, b.end, shownIn, zone)}
                </div>
                <div role="gridcell">{lookup.clientName(b.clientId)}</div>
                <div role="gridcell">{projectLabel(b)}</div>
                <div role="gridcell">
                  <span className={`kind-pill ${b.kind}`}>{KIND_LABELS[b.kind]}</span>
                </div>
                <div
                  role="gridcell"
                  className={b.billed ? 'billed-mark' : undefined}
                  title={
                    b.billed ? 'On an issued invoice: locked. Void the invoice with a credit note on the Invoices screen to change this block.' : undefined
                  }
                >
                  {billingMark(b, lookup.invoiceOf(b.id))}
                </div>
                <div role="gridcell" className="num">
                  {formatDurationShort(b.end - b.start)}
                </div>
                <div role="gridcell" className="note-cell">
                  {b.note}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
