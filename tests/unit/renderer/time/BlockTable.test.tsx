// @vitest-environment happy-dom
/**
 * The time table's rows as a person meets them: the default order comes from the cache without
 * TanStack's row model, a chosen column still sorts through TanStack, grouping still groups, and
 * handing the table back the unfiltered cache (what "Clear filters" does) shows exactly the rows
 * and order it showed before the filter.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { filterBlocks, NO_FILTER } from '../../../../src-renderer/time/block-filter.ts';
import { BlockTable, type BlockRowLookup, type GroupBy } from '../../../../src-renderer/time/BlockTable.tsx';
import { byStart } from '../../../../src-renderer/workspace/sorted-lists.ts';

const ZONE = 'Europe/Berlin';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T08:00:00Z');
const CLIENTS: Record<string, string> = { c1: 'Atelier Lumen', c2: 'Kumo Systems', c3: 'Nordwind Labs' };

const block = (id: string, hour: number, clientId: string, minutes: number, note: string): TimeBlock => ({
  id,
  clientId,
  projectId: `p-${clientId}`,
  start: T0 + hour * HOUR,
  end: T0 + hour * HOUR + minutes * 60_000,
  zone: ZONE,
  kind: 'deep',
  billable: true,
  billed: false,
  note,
  createdAt: 0,
  updatedAt: 0,
});

// The cache: sorted by start, then id. b2/b3 and b5/b6 share a start: their order is the cache's.
const CACHE = [
  block('b1', 0, 'c2', 30, 'Kickoff call'),
  block('b2', 2, 'c1', 90, 'Invoice review'),
  block('b3', 2, 'c3', 15, 'invoice chase'),
  block('b4', 5, 'c1', 60, 'Design'),
  block('b5', 26, 'c2', 45, 'Standup'),
  block('b6', 26, 'c3', 120, 'Deep work'),
  block('b7', 50, 'c1', 10, 'Wrap-up'),
].sort(byStart);

const lookup: BlockRowLookup = {
  clientName: (id) => CLIENTS[id] ?? '—',
  projectName: (id) => `Project ${id}`,
  phaseName: () => '',
  clientZone: () => undefined,
  invoiceOf: () => undefined,
};

// happy-dom lays nothing out: give the scrolling grid a height so that react-virtual draws rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
});
afterEach(cleanup);

function setup(blocks: TimeBlock[] = CACHE, groupBy: GroupBy = 'none') {
  const props = {
    lookup,
    zone: ZONE,
    zoneOf: () => ZONE,
    selected: new Set<string>(),
    onToggleSelect: vi.fn(),
    onEdit: vi.fn(),
    onDelete: vi.fn(),
  };
  const view = render(<BlockTable blocks={blocks} groupBy={groupBy} {...props} />);
  const rerender = (next: TimeBlock[], nextGroupBy: GroupBy = groupBy) => view.rerender(<BlockTable blocks={next} groupBy={nextGroupBy} {...props} />);
  return { ...props, rerender };
}

const grid = () => screen.getByRole('grid', { name: 'Time blocks' });
/** Data rows' block ids, top to bottom. */
const shownIds = () =>
  [...grid().querySelectorAll('[role="row"][aria-selected]')].sort((a, b) => offset(a) - offset(b)).map((row) => row.id.replace(/^row-/u, ''));
const offset = (row: Element) => Number(/translateY\((-?[\d.]+)px\)/u.exec((row as HTMLElement).style.transform)?.[1] ?? Number.NaN);
const clientCells = () =>
  [...grid().querySelectorAll('[role="row"][aria-selected]')].sort((a, b) => offset(a) - offset(b)).map((row) => row.children[3]?.textContent);
const sortButton = (name: string) => within(grid()).getByRole('button', { name: new RegExp(`^${name}`, 'u') });
const sortOf = (name: string) => sortButton(name).closest('[role="columnheader"]')?.getAttribute('aria-sort');

describe('the time table', () => {
  it('shows the newest block first, blocks of one start in the order a stable sort gave them', () => {
    setup();
    expect(shownIds()).toEqual(['b7', 'b5', 'b6', 'b4', 'b2', 'b3', 'b1']);
    expect(grid().getAttribute('aria-rowcount')).toBe(String(CACHE.length + 1));
    expect(sortOf('Date')).toBe('descending');
  });

  it('shows exactly the previous rows, in the previous order, once the filter is cleared', () => {
    const { rerender } = setup();
    const before = shownIds();
    const filtered = filterBlocks(CACHE, { ...NO_FILTER, text: 'INVOICE' });
    rerender(filtered);
    expect(shownIds()).toEqual(['b2', 'b3']);
    rerender(filterBlocks(CACHE, NO_FILTER));
    expect(shownIds()).toEqual(before);
    expect(grid().getAttribute('aria-rowcount')).toBe(String(CACHE.length + 1));
  });

  it('turns the date order round, then back to the cache order, from the Date header', () => {
    setup();
    fireEvent.click(sortButton('Date'));
    expect(sortOf('Date')).toBe('ascending');
    expect(shownIds()).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
    // Third click removes the sort: the data's own order, which is the cache's (oldest first).
    fireEvent.click(sortButton('Date'));
    expect(sortOf('Date')).toBe('none');
    expect(shownIds()).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
    fireEvent.click(sortButton('Date'));
    expect(sortOf('Date')).toBe('descending');
    expect(shownIds()).toEqual(['b7', 'b5', 'b6', 'b4', 'b2', 'b3', 'b1']);
  });

  it('still sorts by a column the person chose: text A to Z first, numbers largest first', () => {
    const { rerender } = setup();
    fireEvent.click(sortButton('Client'));
    expect(sortOf('Client')).toBe('ascending');
    expect(clientCells()).toEqual(['Atelier Lumen', 'Atelier Lumen', 'Atelier Lumen', 'Kumo Systems', 'Kumo Systems', 'Nordwind Labs', 'Nordwind Labs']);
    // Within a client, the data's order (oldest first), as before.
    expect(shownIds()).toEqual(['b2', 'b4', 'b7', 'b1', 'b5', 'b3', 'b6']);
    fireEvent.click(sortButton('Client'));
    expect(sortOf('Client')).toBe('descending');
    expect(clientCells()[0]).toBe('Nordwind Labs');

    fireEvent.click(sortButton('Duration'));
    expect(sortOf('Duration')).toBe('descending');
    expect(shownIds()).toEqual(['b6', 'b2', 'b4', 'b5', 'b1', 'b3', 'b7']);
    // A chosen sort survives a filter and its clearing.
    rerender(filterBlocks(CACHE, { ...NO_FILTER, clientId: 'c1' }));
    expect(shownIds()).toEqual(['b2', 'b4', 'b7']);
    rerender(CACHE);
    expect(shownIds()).toEqual(['b6', 'b2', 'b4', 'b5', 'b1', 'b3', 'b7']);
  });

  it('groups by client with each group’s count and total, the newest group and block first, and folds a group with Enter', () => {
    setup(CACHE, 'client');
    const groups = [...grid().querySelectorAll('.group-row')].sort((a, b) => offset(a) - offset(b));
    expect(groups.map((g) => g.querySelector('.group-label')?.textContent)).toEqual(['Atelier Lumen (3)', 'Nordwind Labs (2)', 'Kumo Systems (2)']);
    expect(groups.map((g) => g.querySelector('.group-total')?.textContent)).toEqual(['2:40', '2:15', '1:15']);
    expect(shownIds()).toEqual(['b7', 'b4', 'b2', 'b6', 'b3', 'b5', 'b1']);
    // The first row (Atelier's group) is active: Enter folds it.
    fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(shownIds()).toEqual(['b6', 'b3', 'b5', 'b1']);
  });

  it('keeps the keyboard paths: arrows and End move, Enter edits, Space selects, Delete deletes', () => {
    const props = setup();
    const g = grid();
    expect(g.getAttribute('aria-activedescendant')).toBe('row-b7');
    fireEvent.keyDown(g, { key: 'ArrowDown' });
    expect(g.getAttribute('aria-activedescendant')).toBe('row-b5');
    fireEvent.keyDown(g, { key: 'Enter' });
    expect(props.onEdit).toHaveBeenCalledWith(expect.objectContaining({ id: 'b5' }));
    fireEvent.keyDown(g, { key: ' ' });
    expect(props.onToggleSelect).toHaveBeenCalledWith('b5');
    act(() => {
      fireEvent.keyDown(g, { key: 'End' });
    });
    expect(g.getAttribute('aria-activedescendant')).toBe('row-b1');
    fireEvent.keyDown(g, { key: 'Delete' });
    expect(props.onDelete).toHaveBeenCalledWith(expect.objectContaining({ id: 'b1' }));
    fireEvent.keyDown(g, { key: 'Home' });
    expect(g.getAttribute('aria-activedescendant')).toBe('row-b7');
  });

  it('keeps the active row in range when a filter shortens the list', () => {
    const { rerender } = setup();
    act(() => {
      fireEvent.keyDown(grid(), { key: 'End' });
    });
    rerender(filterBlocks(CACHE, { ...NO_FILTER, clientId: 'c3' }));
    expect(grid().getAttribute('aria-activedescendant')).toBe('row-b3');
  });
});
