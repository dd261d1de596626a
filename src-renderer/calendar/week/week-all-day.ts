/**
 * The week's all-day row: phase deadlines (a phase's end date), kill switches that trigger on a
 * date, and imported all-day calendar events, each on the day it names. Dates are calendar days
 * (`YYYY-MM-DD`), never instants, so no zone can move them.
 */
import type { KillSwitch } from '../../domain/kill-switch.ts';
import type { Phase } from '../../domain/phase.ts';
import type { OverlayEvent } from '../overlay-event.ts';
import type { WeekDay } from './week-days.ts';

export interface AllDayItem {
  key: string;
  kind: 'deadline' | 'kill-switch' | 'overlay';
  /** Index of the day in the week. */
  day: number;
  /** What the chip says ("Deadline: Discovery · Zürich pilot"). */
  text: string;
  overlay?: OverlayEvent;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC epoch ms: an all-day ICS event's DATE is a floating day, kept at UTC midnight. */
function utcIso(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function allDayItems(input: {
  days: readonly WeekDay[];
  phases: readonly Phase[];
  killSwitches: readonly KillSwitch[];
  projectName: (projectId: string) => string;
  overlays: readonly OverlayEvent[];
}): AllDayItem[] {
  const index = new Map(input.days.map((d, i) => [d.iso, i]));
  const items: AllDayItem[] = [];
  for (const phase of input.phases) {
    const day = phase.end === undefined ? undefined : index.get(phase.end);
    if (day !== undefined)
      items.push({ key: `phase:${phase.id}`, kind: 'deadline', day, text: `Deadline: ${phase.name} · ${input.projectName(phase.projectId)}` });
  }
  for (const k of input.killSwitches) {
    if (k.trigger.kind !== 'date') continue;
    const day = index.get(k.trigger.date);
    if (day !== undefined) items.push({ key: `kill:${k.id}`, kind: 'kill-switch', day, text: `Kill switch: ${input.projectName(k.projectId)}` });
  }
  for (const event of input.overlays) {
    if (!event.allDay) continue;
    // One chip per day the event covers: [start, end) in whole UTC days (an ICS DATE end is exclusive).
    for (let t = event.start; t < Math.max(event.end, event.start + 1); t += DAY_MS) {
      const day = index.get(utcIso(t));
      if (day !== undefined) items.push({ key: `overlay:${event.key}:${day}`, kind: 'overlay', day, text: event.summary || 'Untitled event', overlay: event });
    }
  }
  return items.sort((a, b) => a.day - b.day || a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text));
}
