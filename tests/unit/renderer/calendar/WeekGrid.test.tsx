// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OverlayEvent } from '../../../../src-renderer/calendar/overlay-event.ts';
import { weekDays, weekStartOf } from '../../../../src-renderer/calendar/week/week-days.ts';
import { WeekGrid, type WeekGridProps } from '../../../../src-renderer/calendar/week/WeekGrid.tsx';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';

const ZONE = 'Europe/Berlin';
const days = weekDays(weekStartOf(Date.parse('2026-11-25T12:00:00Z'), ZONE), ZONE);
const MIN = 60_000;
const block = (id: string, startIso: string, minutes: number, extra: Partial<TimeBlock> = {}): TimeBlock => ({
  id,
  projectId: 'p1',
  clientId: 'c1',
  start: Date.parse(startIso),
  end: Date.parse(startIso) + minutes * MIN,
  zone: ZONE,
  kind: 'deep',
  billable: true,
  billed: false,
  note: id,
  createdAt: 0,
  updatedAt: 0,
  ...extra,
});
const meeting: OverlayEvent = {
  key: 'uid-1',
  calendarId: 'cal',
  summary: 'Client sync',
  location: 'Αθήνα',
  start: Date.parse('2026-11-24T13:00:00Z'),
  end: Date.parse('2026-11-24T14:00:00Z'),
  zone: 'Europe/Athens',
  allDay: false,
};
const offsite: OverlayEvent = {
  ...meeting,
  key: 'uid-2',
  summary: 'Offsite',
  start: Date.parse('2026-11-26T00:00:00Z'),
  end: Date.parse('2026-11-27T00:00:00Z'),
  allDay: true,
  zone: null,
};

function setup(overrides: Partial<WeekGridProps> = {}) {
  const props: WeekGridProps = {
    days,
    today: '2026-11-25',
    zone: ZONE,
    snap: 15,
    // Wednesday's block first in the list, Monday's second: the grid orders by time, not by input.
    blocks: [
      block('wednesday', '2026-11-25T08:00:00Z', 90),
      block('monday', '2026-11-23T08:00:00Z', 60),
      block('billed', '2026-11-27T08:00:00Z', 60, { billed: true }),
    ],
    describe: (b) => ({ label: `Zürich pilot, ${b.note}`, title: 'Zürich pilot', detail: b.note }),
    overlays: [meeting, offsite],
    allDay: [{ key: 'overlay:uid-2:3', kind: 'overlay', day: 3, text: 'Offsite', overlay: offsite }],
    slot: { day: 2, minute: 9 * 60 },
    onSlot: vi.fn(),
    onOpen: vi.fn(),
    onCreate: vi.fn(),
    onEdit: vi.fn(),
    onLocked: vi.fn(),
    onConvert: vi.fn(),
    ...overrides,
  };
  render(<WeekGrid {...props} />);
  return props;
}

afterEach(cleanup);

describe('the week grid', () => {
  it('lets Tab meet the empty slot, then every event once, in time order', () => {
    setup();
    const focusable = [...document.querySelectorAll<HTMLElement>('.week-grid [tabindex="0"]')].map((e) => e.getAttribute('aria-label') ?? '');
    expect(focusable.map((l) => l.replace(/,.*$/u, ''))).toEqual(['Empty time', 'Zürich pilot', 'Calendar event: Client sync', 'Zürich pilot', 'Zürich pilot']);
    expect(focusable[1]).toMatch(/monday/u);
    expect(focusable[3]).toMatch(/wednesday/u);
  });

  it('draws imported events read-only and offers to make a block from them', () => {
    const props = setup();
    const event = screen.getByRole('button', { name: /^Calendar event: Client sync, Αθήνα, Tue (14:00|2:00 PM)–(15:00|3:00 PM)\. Make a block from this$/u });
    expect(event.dataset['blockId']).toBeUndefined();
    expect(event.className).toContain('overlay');
    fireEvent.click(event);
    fireEvent.click(screen.getByRole('button', { name: 'Calendar event: Offsite. Make a block from this' }));
    expect(props.onConvert).toHaveBeenNthCalledWith(1, meeting);
    expect(props.onConvert).toHaveBeenNthCalledWith(2, offsite);
  });

  it('moves and resizes a block by keys, opens it with Enter', () => {
    const props = setup();
    const wednesday = screen.getByRole('button', { name: 'Zürich pilot, wednesday' });
    const start = Date.parse('2026-11-25T08:00:00Z');
    fireEvent.keyDown(wednesday, { key: 'ArrowDown', altKey: true });
    expect(props.onEdit).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'wednesday' }), { start: start + 15 * MIN, end: start + 105 * MIN }, 'Moved');
    fireEvent.keyDown(wednesday, { key: 'ArrowUp', altKey: true, shiftKey: true });
    expect(props.onEdit).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'wednesday' }), { start, end: start + 75 * MIN }, 'Resized');
    fireEvent.keyDown(wednesday, { key: 'Enter' });
    expect(props.onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'wednesday' }));
  });

  it('refuses to move a billed block and says so, without an edit', () => {
    const props = setup();
    const billed = screen.getByRole('button', { name: 'Zürich pilot, billed' });
    expect(billed.querySelector('[data-handle]')).toBeNull();
    fireEvent.keyDown(billed, { key: 'ArrowRight', altKey: true });
    expect(props.onLocked).toHaveBeenCalledWith(expect.objectContaining({ id: 'billed' }));
    expect(props.onEdit).not.toHaveBeenCalled();
  });

  it('moves the empty-slot cursor with arrows and creates an hour there with Enter', () => {
    const props = setup();
    const slot = screen.getByRole('button', { name: /^Empty time, Wed 9:00/u });
    fireEvent.keyDown(slot, { key: 'ArrowLeft' });
    expect(props.onSlot).toHaveBeenLastCalledWith({ day: 1, minute: 540 });
    fireEvent.keyDown(slot, { key: 'ArrowDown' });
    expect(props.onSlot).toHaveBeenLastCalledWith({ day: 2, minute: 570 });
    fireEvent.keyDown(slot, { key: 'Enter' });
    expect(props.onCreate).toHaveBeenCalledWith({ start: Date.parse('2026-11-25T08:00:00Z'), end: Date.parse('2026-11-25T09:00:00Z') });
  });
});
