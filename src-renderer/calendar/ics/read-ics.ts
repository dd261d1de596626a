/**
 * Reading an `.ics` file (a client's meetings) into overlay events, with ical.js.
 *
 * Not all-or-nothing: an overlay is read-only and never billed, so one broken event in a client's
 * calendar should not hide the other few hundred. Each event left out is named in words (its
 * summary, or its UID when it has none); the person sees the list before anything is stored. A
 * file that is not a calendar at all, or holds no events, is refused whole.
 *
 * Events are kept when they overlap the window (by default a year back and two years ahead of the
 * import: overlay-limits.ts). A recurring event is expanded over that window by ical.js
 * (`Event.iterator`, which applies RRULE, RDATE and EXDATE), each occurrence replaced by its
 * override (a VEVENT with the same UID and a RECURRENCE-ID) where there is one; cancelled events
 * and cancelled occurrences are left out.
 */
import ICAL from 'ical.js';
import type { OverlayEvent } from '../overlay-event.ts';
import { anchorOf, instantOf, type TimeAnchor, zoneOfAnchor } from './ics-times.ts';
import { MAX_EXPANSION_STEPS, MAX_OVERLAY_EVENTS, MAX_TEXT, OVERLAY_WINDOW_WORDS } from './overlay-limits.ts';

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;

/** An overlay event as stored with its calendar (the calendar id is the row's). */
export type StoredOverlayEvent = Omit<OverlayEvent, 'calendarId'>;

export interface ReadCalendar {
  /** X-WR-CALNAME, or the file's name. */
  name: string;
  /** What tells a re-import of the same calendar: X-WR-RELCALID when the exporter writes one, else the name. */
  source: string;
  events: StoredOverlayEvent[];
  /** Events left out, each in words. */
  problems: string[];
  /** How some times were read (floating, an Outlook zone name), in words. */
  notes: string[];
}

export type ReadIcsResult = { ok: true; calendar: ReadCalendar } | { ok: false; message: string };

export interface ReadIcsOptions {
  fileName: string;
  /** The zone floating times are read in (this device's); all-day dates are kept at UTC midnight. */
  displayZone: string;
  /** Events that do not overlap [from, to) (UTC epoch ms) are left out. */
  window: { from: number; to: number };
}

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
const textOf = (c: IcalComponent, name: string) => {
  const v = c.getFirstPropertyValue(name);
  return typeof v === 'string' ? v.trim() : '';
};
const cancelled = (c: IcalComponent) => textOf(c, 'status').toUpperCase() === 'CANCELLED';
const nameOfEvent = (c: IcalComponent) => {
  const summary = textOf(c, 'summary');
  if (summary !== '') return `“${clip(summary)}”`;
  const uid = textOf(c, 'uid');
  return uid !== '' ? `with UID ${clip(uid)}` : 'without a summary or UID';
};

function parseCalendar(text: string, fileName: string): IcalComponent | string {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head === '') return `${fileName} is empty.`;
  if (!/^BEGIN:VCALENDAR/i.test(head)) {
    return `${fileName} is not a calendar file: an .ics file begins with BEGIN:VCALENDAR, this one with “${clip(head.split(/\r?\n/)[0] ?? '').slice(0, 40)}”.`;
  }
  try {
    const parsed: unknown = ICAL.parse(head);
    // Several calendars back to back parse as a list; the first is read.
    const jcal = Array.isArray(parsed) && Array.isArray(parsed[0]) ? (parsed[0] as unknown[]) : parsed;
    return new ICAL.Component(jcal as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `${fileName} is damaged and could not be read (${clip(reason)}). Export it again from your calendar app.`;
  }
}

/** Reads `text` (the whole file). */
export function readIcs(text: string, options: ReadIcsOptions): ReadIcsResult {
  const root = parseCalendar(text, options.fileName);
  if (typeof root === 'string') return { ok: false, message: root };
  if (root.name !== 'vcalendar')
    return { ok: false, message: `${options.fileName} is not a calendar file: it holds a ${root.name.toUpperCase()}, not a VCALENDAR.` };
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length === 0) return { ok: false, message: `${options.fileName} holds no events (VEVENT): nothing to show.` };

  const reader = new EventReader(root, options);
  const overrides = new Map<string, IcalComponent[]>();
  const masters: IcalComponent[] = [];
  for (const c of vevents) {
    const uid = textOf(c, 'uid');
    if (uid !== '' && c.hasProperty('recurrence-id')) overrides.set(uid, [...(overrides.get(uid) ?? []), c]);
    else masters.push(c);
  }
  const masterUids = new Set(masters.map((c) => textOf(c, 'uid')));
  // An override whose series is not in the file (an invitation to one occurrence) is an event of its own.
  for (const [uid, list] of overrides) if (!masterUids.has(uid)) masters.push(...list);
  for (const c of masters) {
    if (reader.full) break;
    reader.read(c, overrides.get(textOf(c, 'uid')) ?? []);
  }

  const name = textOf(root, 'x-wr-calname') || options.fileName.replace(/\.ics$/i, '') || 'Imported calendar';
  const relcalid = textOf(root, 'x-wr-relcalid');
  return {
    ok: true,
    calendar: {
      name: clip(name),
      source: relcalid !== '' ? `relcalid:${relcalid}` : `name:${name}`,
      events: reader.events,
      problems: reader.problems,
      notes: reader.notes(),
    },
  };
}

/** Collects events, problems and how times were read, across one file. */
class EventReader {
  readonly events: StoredOverlayEvent[] = [];
  readonly problems: string[] = [];
  private readonly keys = new Set<string>();
  private floating = 0;
  private readonly unknownZones = new Map<string, number>();
  private readonly mapped = new Map<string, string>();
  private outside = 0;
  full = false;
  private readonly root: IcalComponent;
  private readonly options: ReadIcsOptions;

  constructor(root: IcalComponent, options: ReadIcsOptions) {
    this.root = root;
    this.options = options;
  }

  read(component: IcalComponent, overrides: readonly IcalComponent[]): void {
    if (cancelled(component)) return;
    if (!component.hasProperty('dtstart')) {
      this.problems.push(`Event ${nameOfEvent(component)} has no start (DTSTART) and was left out.`);
      return;
    }
    try {
      const event = new ICAL.Event(component);
      for (const o of overrides) event.relateException(o);
      if (event.isRecurring()) this.expand(event);
      else this.add(event, textOf(component, 'uid'), event.startDate, event.endDate);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.problems.push(`Event ${nameOfEvent(component)} could not be read (${clip(reason)}) and was left out.`);
    }
  }

  private expand(event: IcalEvent): void {
    const uid = textOf(event.component, 'uid');
    const iterator = event.iterator();
    for (let step = 0; step < MAX_EXPANSION_STEPS; step++) {
      const next = iterator.next();
      if (!next) return;
      const details = event.getOccurrenceDetails(next);
      const start = instantOf(details.startDate, this.anchor(details.item.component, 'dtstart'), this.options.displayZone);
      // Occurrences come in order of their original start; an override may move one later, so
      // stop only once the series itself is past the window.
      const original = instantOf(next, this.anchor(event.component, 'dtstart'), this.options.displayZone);
      if (original >= this.options.window.to && start >= this.options.window.to) return;
      if (cancelled(details.item.component)) continue;
      this.add(details.item, `${uid}/${details.recurrenceId.toString()}`, details.startDate, details.endDate, details.item === event);
      if (this.full) return;
    }
    this.problems.push(
      `Event ${nameOfEvent(event.component)} repeats too often to read to the end; its occurrences after the first ${MAX_EXPANSION_STEPS.toLocaleString('en')} were left out.`,
    );
  }

  private anchor(component: IcalComponent, name: 'dtstart' | 'dtend'): TimeAnchor {
    const prop = component.getFirstProperty(name);
    return prop ? anchorOf(prop, this.root) : { kind: 'floating' };
  }

  /** Adds one event or occurrence; `fromSeries`: its end follows the series' start zone (ical.js adds the duration to the wall time). */
  private add(event: IcalEvent, key: string, startTime: IcalTime, endTime: IcalTime, fromSeries = false): void {
    const startAnchor = this.anchor(event.component, 'dtstart');
    const endAnchor = fromSeries || !event.component.hasProperty('dtend') ? startAnchor : this.anchor(event.component, 'dtend');
    const zone = this.options.displayZone;
    const start = instantOf(startTime, startAnchor, zone);
    const end = Math.max(start, instantOf(endTime, endAnchor, zone));
    const { from, to } = this.options.window;
    if (end < from || start >= to || (end === start && start < from)) {
      this.outside++;
      return;
    }
    if (this.events.length >= MAX_OVERLAY_EVENTS) {
      this.full = true;
      this.problems.push(`Only the first ${MAX_OVERLAY_EVENTS.toLocaleString('en')} events were kept; export a shorter period from your calendar app.`);
      return;
    }
    this.note(startAnchor);
    let unique = key === '' ? `no-uid/${start}/${textOf(event.component, 'summary')}` : key;
    for (let n = 2; this.keys.has(unique); n++) unique = `${key}#${n}`;
    this.keys.add(unique);
    this.events.push({
      key: unique,
      summary: clip(textOf(event.component, 'summary')) || '(no title)',
      location: clip(textOf(event.component, 'location')),
      start,
      end,
      zone: zoneOfAnchor(startAnchor),
      allDay: startAnchor.kind === 'date',
    });
  }

  private note(anchor: TimeAnchor): void {
    if (anchor.kind === 'floating' && anchor.unknownTzid === undefined) this.floating++;
    if (anchor.kind === 'floating' && anchor.unknownTzid !== undefined)
      this.unknownZones.set(anchor.unknownTzid, (this.unknownZones.get(anchor.unknownTzid) ?? 0) + 1);
    if (anchor.kind === 'zone' && anchor.tzid !== anchor.zone && !anchor.tzid.startsWith('/')) this.mapped.set(anchor.tzid, anchor.zone);
  }

  notes(): string[] {
    const zone = this.options.displayZone;
    const events = (n: number) => (n === 1 ? '1 event has' : `${n.toLocaleString('en')} events have`);
    const notes: string[] = [];
    if (this.floating > 0) notes.push(`${events(this.floating)} no time zone (floating times): read as ${zone} times, this device's zone.`);
    for (const [tzid, n] of this.unknownZones)
      notes.push(`${events(n)} the zone “${clip(tzid)}”, which Caravan does not know and the file does not define: read as ${zone} times.`);
    for (const [tzid, iana] of this.mapped) notes.push(`The Outlook zone “${tzid}” was read as ${iana}.`);
    if (this.outside > 0)
      notes.push(
        `${this.outside === 1 ? '1 event' : `${this.outside.toLocaleString('en')} events`} outside the period kept (${OVERLAY_WINDOW_WORDS}) left out.`,
      );
    return notes;
  }
}
