import { describe, expect, it } from 'vitest';
import type { OverlayEvent } from '../../../../src-renderer/calendar/overlay-event.ts';
import { allDayItems } from '../../../../src-renderer/calendar/week/week-all-day.ts';
import { weekDays, weekStartOf } from '../../../../src-renderer/calendar/week/week-days.ts';
import type { KillSwitch } from '../../../../src-renderer/domain/kill-switch.ts';
import type { Phase } from '../../../../src-renderer/domain/phase.ts';

const ZONE = 'Pacific/Auckland';
const days = weekDays(weekStartOf(Date.parse('2026-11-25T00:00:00Z'), ZONE), ZONE);
const phase = (id: string, end?: string) =>
  ({
    id,
    projectId: 'p1',
    clientId: 'c1',
    name: `Phase ${id}`,
    order: 0,
    budgetHours: 10,
    status: 'active',
    exitCriteria: '',
    createdAt: 0,
    updatedAt: 0,
    ...(end ? { end } : {}),
  }) as Phase;
const kill = (id: string, trigger: KillSwitch['trigger']) =>
  ({
    id,
    projectId: 'p1',
    clientId: 'c1',
    trigger,
    consequence: 'stop',
    stopsTimer: true,
    state: 'armed',
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  }) as KillSwitch;
const overlay = (key: string, start: string, end: string): OverlayEvent => ({
  key,
  calendarId: 'cal',
  summary: `Event ${key}`,
  location: '',
  start: Date.parse(start),
  end: Date.parse(end),
  zone: null,
  allDay: true,
});

describe('the all-day row', () => {
  it('puts phase deadlines, date kill switches and all-day events on the day they name, whatever the zone', () => {
    expect(days.map((d) => d.iso)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    const items = allDayItems({
      days,
      phases: [phase('a', '2026-11-24'), phase('b', '2026-12-24'), phase('c')],
      killSwitches: [kill('k1', { kind: 'date', date: '2026-11-29' }), kill('k2', { kind: 'hours', hours: 10 })],
      projectName: () => 'Zürich pilot',
      // A two-day event (DATE end exclusive) that began before the week, and a one-day one.
      overlays: [overlay('x', '2026-11-22T00:00:00Z', '2026-11-24T00:00:00Z'), overlay('y', '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z')],
    });
    expect(items.map((i) => [i.day, i.kind, i.text])).toEqual([
      [0, 'overlay', 'Event x'],
      [1, 'deadline', 'Deadline: Phase a · Zürich pilot'],
      [4, 'overlay', 'Event y'],
      [6, 'kill-switch', 'Kill switch: Zürich pilot'],
    ]);
  });
});
