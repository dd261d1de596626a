/**
 * The weekly client update: what happened on one client's projects in one week, as Markdown and as
 * structured sections the PDF writer lays out without parsing Markdown.
 *
 * Decisions:
 * - One client only. Every list is filtered by `clientId === client.id` and then by membership of
 *   that client's projects before anything is read, so records of another client passed in by
 *   mistake can never reach the text (the update is sent outside the app).
 * - No rates and no money: the update is about progress, and amounts belong on invoices, where
 *   they are checked. A spend kill switch is therefore named ("the agreed spend limit") without
 *   its amount.
 * - Hours are all non-break time, billable or not, the same time `burnByPhase` burns budgets with,
 *   so "this week" and "to date" add up. Week hours are blocks clipped to the week; progress "to
 *   date" counts blocks up to the week's end, so an update written late describes its own week.
 * - Phase progress is against the quote, the phases' budgets with the research buffer
 *   (`quotePhases`, 50 %), the same hours and the same percentage (rounded) the project screen
 *   shows: the client agreed to the quote, and two numbers for one phase would be a contradiction.
 * - Hours are written in the person's hour style (h:mm or decimal, ui/format/duration.ts).
 * - A kill switch that triggered during the week is mentioned even when it has since been
 *   acknowledged (its acknowledgements record when it triggered).
 * - Next steps are kept as typed: lines starting with "-", "*", "+", "•" or "1." are list items,
 *   written as Markdown list items and drawn as bullets or numbers in the PDF; other lines are text.
 * - An experiment counts as concluded this week when `endedAt` falls in the week; one without
 *   `endedAt` is left out rather than guessed from edit times.
 */
import type { Client } from '../domain/client.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { KillSwitch, KillTrigger } from '../domain/kill-switch.ts';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { HOUR_MS } from '../reports/money.ts';
import { DEFAULT_HOUR_STYLE, formatHoursIn, type HourStyle } from '../ui/format/duration.ts';
import { formatPercent } from '../ui/format/percent.ts';
import { addCalendarDays, fromZoned, isoWeek, startOfZonedWeek, zonedDate, type CalendarDate } from '../time/zoned-time.ts';
import { burnByPhase, quotePhases, type PhaseBurn } from './quote.ts';

/** What the update is built from; records of other clients may be included and are ignored. */
export interface WeeklyUpdateInput {
  readonly client: Client;
  readonly projects: readonly Project[];
  readonly phases: readonly Phase[];
  readonly blocks: readonly TimeBlock[];
  readonly experiments: readonly Experiment[];
  readonly killSwitches: readonly KillSwitch[];
  /** Typed by the person; shown as written (trimmed). */
  readonly nextSteps: string;
}

/** Which week, on whose calendar, in which language for numbers and dates. */
export interface WeeklyUpdateOptions {
  /** UTC ms of Monday 00:00 in `zone`; any instant of the week is moved to that Monday. */
  readonly weekStart: number;
  /** IANA zone whose calendar defines the week. */
  readonly zone: string;
  /** BCP 47 locale for numbers and dates; British English by default, to match the English text. */
  readonly locale?: string;
  /** h:mm ("4:30 h") or decimal hours ("4.5 h"); h:mm by default, as in the app. */
  readonly hourStyle?: HourStyle;
}

/** A part of the update: plain, unescaped text, for any renderer. */
export interface UpdateSection {
  readonly heading: string;
  /** 2: a project or "Next steps"; 3: a part of a project. */
  readonly level: 2 | 3;
  /** `list`: each line is an item; `text`: lines as the person typed them, blank lines included. */
  readonly style: 'list' | 'text';
  readonly lines: readonly string[];
}

/** The update: `markdown` and `sections` carry the same content. */
export interface WeeklyUpdate {
  readonly title: string;
  readonly markdown: string;
  readonly sections: readonly UpdateSection[];
}

const LINE_START = /^(\s*)([-+>=]|\d+[.)])/gmu;

/**
 * `text` with every character that could change Markdown structure backslash-escaped, so a name
 * like `*Acme* [beta]` prints as typed: emphasis, headings, links, code, HTML, and list, quote or
 * heading markers at the start of a line. Line breaks are kept; the caller decides what they mean.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_#[\]`<>~&|]/gu, '\\$&')
    .replace(LINE_START, (_m, space: string, marker: string) => `${space}${marker.replace(/[-+>=.)]$/u, '\\$&')}`);
}

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/gu, ' ').trim();

interface Week {
  readonly start: number;
  readonly end: number;
}

function clip(blocks: readonly TimeBlock[], from: number, to: number): TimeBlock[] {
  return blocks.filter((b) => b.start < to && b.end > from).map((b) => ({ ...b, start: Math.max(b.start, from), end: Math.min(b.end, to) }));
}

/** The week's content for one project, or null when there is nothing to say about it. */
function projectSections(project: Project, input: WeeklyUpdateInput, week: Week, fmt: Formatters): UpdateSection[] | null {
  const blocks = input.blocks.filter((b) => b.projectId === project.id);
  const weekBlocks = clip(blocks, week.start, week.end);
  const toDate = clip(blocks, Number.MIN_SAFE_INTEGER, week.end);
  const weekMs = weekBlocks.reduce((sum, b) => sum + (b.kind === 'break' ? 0 : b.end - b.start), 0);
  const phases = input.phases.filter((p) => p.projectId === project.id).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const quotes = quotePhases(phases.map((p) => ({ id: p.id, name: p.name, estimateHours: p.budgetHours }))).phases;
  const weekBurn = new Map(burnByPhase(quotes, weekBlocks).rows.map((r) => [r.phaseId, r]));
  const status = new Map(phases.map((p) => [p.id, p.status]));
  const phaseLines = burnByPhase(quotes, toDate).rows.map((row) => phaseLine(row, weekBurn.get(row.phaseId), status, fmt));

  const experiments = input.experiments.filter((e) => e.projectId === project.id);
  const concluded = experiments.filter((e) => e.status === 'concluded' && e.endedAt !== undefined && e.endedAt >= week.start && e.endedAt < week.end);
  const running = experiments.filter((e) => e.status === 'running');
  const switches = input.killSwitches.filter(
    (k) => k.projectId === project.id && (k.state === 'warned' || k.state === 'tripped' || triggeredIn(k, week) !== undefined),
  );

  const quiet = weekMs === 0 && concluded.length === 0 && running.length === 0 && switches.length === 0;
  if (quiet && project.status !== 'active' && project.status !== 'paused') return null;

  const sections: UpdateSection[] = [{ heading: project.name, level: 2, style: 'list', lines: [`Hours this week: ${fmt.hours(weekMs)}`] }];
  const add = (heading: string, lines: string[]): void => {
    if (lines.length > 0) sections.push({ heading, level: 3, style: 'list', lines });
  };
  add('Phases', phaseLines);
  add(
    'Experiments concluded this week',
    concluded.map((e) => concludedLine(e, fmt)),
  );
  add(
    'Experiments running',
    running.map((e) => runningLine(e, fmt)),
  );
  add(
    'Kill switches',
    switches.map((k) => switchLine(k, experiments, week, fmt)),
  );
  return sections;
}

function phaseLine(row: PhaseBurn, week: PhaseBurn | undefined, status: ReadonlyMap<string, string>, fmt: Formatters): string {
  const name = row.phaseId === null ? row.name : `${row.name} (${status.get(row.phaseId) ?? 'planned'})`;
  const thisWeek = `${fmt.hours(week?.actualMs ?? 0)} this week`;
  if (row.quotedMs === 0) return `${name}: ${thisWeek}; ${fmt.hours(row.actualMs)} to date${row.phaseId === null ? '' : ', no budget set'}`;
  // Rounded, as the project screen rounds it.
  return `${name}: ${thisWeek}; ${fmt.hours(row.actualMs)} used of ${fmt.hours(row.quotedMs)} quoted (${formatPercent(row.actualMs / row.quotedMs)})`;
}

function metric(e: Experiment, value: number, fmt: Formatters): string {
  return `${fmt.number(value)}${e.metricUnit ? ` ${e.metricUnit}` : ''}`;
}

const OUTCOME: Readonly<Record<string, string>> = {
  supported: 'supported the hypothesis',
  refuted: 'refuted the hypothesis',
  inconclusive: 'inconclusive',
};

function concludedLine(e: Experiment, fmt: Formatters): string {
  const parts = [oneLine(e.hypothesis)];
  if (e.value === undefined) parts.push(`${e.metricName}: no value recorded`);
  else if (e.baseline === undefined) parts.push(`${e.metricName} ${metric(e, e.value, fmt)} (no baseline)`);
  else parts.push(`${e.metricName} ${metric(e, e.value, fmt)} vs baseline ${metric(e, e.baseline, fmt)} (${fmt.signed(e.value - e.baseline)})`);
  parts.push(e.outcome === undefined ? 'outcome not recorded' : (OUTCOME[e.outcome] ?? e.outcome));
  return parts.join(' — ');
}

function runningLine(e: Experiment, fmt: Formatters): string {
  const facts = [`measuring ${e.metricName}`];
  if (e.baseline !== undefined) facts.push(`baseline ${metric(e, e.baseline, fmt)}`);
  if (e.target !== undefined) facts.push(`target ${metric(e, e.target, fmt)}`);
  if (e.value !== undefined) facts.push(`latest ${metric(e, e.value, fmt)}`);
  if (e.startedAt !== undefined) facts.push(`since ${fmt.day(e.startedAt)}`);
  return `${oneLine(e.hypothesis)} — ${facts.join(', ')}`;
}

function triggerText(trigger: KillTrigger, experiments: readonly Experiment[], fmt: Formatters): string {
  switch (trigger.kind) {
    case 'hours':
      return `${fmt.hours(Math.round(trigger.hours * HOUR_MS))} tracked on the project`;
    case 'spend':
      return 'the agreed spend limit';
    case 'date':
      return `the date ${trigger.date}`;
    case 'metric': {
      const name = experiments.find((e) => e.id === trigger.experimentId)?.metricName ?? 'the metric';
      return `${name} ${trigger.comparator} ${fmt.number(trigger.threshold)}`;
    }
  }
}

/**
 * When `k` triggered, if that was in `week`: its `trippedAt` while it stands, or the trigger time
 * each acknowledgement recorded (projects/kill-switch-ack.ts) once it was acknowledged.
 */
function triggeredIn(k: KillSwitch, week: Week): number | undefined {
  const times = [...(k.acknowledgements ?? []).map((a) => a.trippedAt), ...(k.trippedAt !== undefined ? [k.trippedAt] : [])];
  return times.filter((t) => Number.isFinite(t) && t >= week.start && t < week.end).at(-1);
}

function switchLine(k: KillSwitch, experiments: readonly Experiment[], week: Week, fmt: Formatters): string {
  const what = triggerText(k.trigger, experiments, fmt);
  const when = triggeredIn(k, week) ?? k.trippedAt;
  const triggered = `Triggered${when === undefined ? '' : ` on ${fmt.day(when)}`}`;
  const state = k.state === 'tripped' ? triggered : k.state === 'warned' ? 'Approaching' : `${triggered}, acknowledged`;
  return `${state}: ${what}. Agreed: ${oneLine(k.consequence)}`;
}

interface Formatters {
  hours(ms: number): string;
  number(value: number): string;
  signed(value: number): string;
  day(epochMs: number): string;
  date(date: CalendarDate): string;
}

function formatters(locale: string, zone: string, style: HourStyle): Formatters {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 4, signDisplay: 'exceptZero' });
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  // Calendar dates are printed at UTC noon so the formatter's zone cannot move them a day.
  const date = (d: CalendarDate): string => day.format(Date.UTC(d.year, d.month - 1, d.day, 12));
  return {
    hours: (ms) => formatHoursIn(ms, style, locale),
    number: (v) => number.format(v),
    signed: (v) => signed.format(v),
    day: (ms) => date(zonedDate(ms, zone)),
    date,
  };
}

/** A typed line: a list item (its marker and text) or plain text. */
export type TypedLine =
  | { readonly kind: 'bullet'; readonly text: string }
  | { readonly kind: 'numbered'; readonly number: number; readonly text: string }
  | { readonly kind: 'text'; readonly text: string };

const BULLET = /^\s*[-*+•–]\s+(.*)$/u;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/u;

/** What a line typed in Next steps is: "- a" and "• a" are bullets, "2. b" and "2) b" numbered items. */
export function typedLine(line: string): TypedLine {
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: 'bullet', text: (bullet[1] ?? '').trim() };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { kind: 'numbered', number: Number(numbered[1]), text: (numbered[2] ?? '').trim() };
  return { kind: 'text', text: line.trim() };
}

/**
 * Typed lines as Markdown: list items stay list items (their text escaped, their marker not), text
 * lines stay lines (a trailing backslash is CommonMark's hard line break), and a blank line
 * separates a list from text so neither swallows the other.
 */
function typedMarkdown(lines: readonly string[]): string {
  const typed = lines.map(typedLine);
  const out: string[] = [];
  typed.forEach((line, i) => {
    const next = typed[i + 1];
    const prev = typed[i - 1];
    if (line.kind !== 'text' && prev !== undefined && prev.kind === 'text' && prev.text !== '') out.push('');
    if (line.kind === 'bullet') out.push(`- ${escapeMarkdown(line.text)}`);
    else if (line.kind === 'numbered') out.push(`${line.number}. ${escapeMarkdown(line.text)}`);
    else if (line.text === '') out.push('');
    else {
      if (prev !== undefined && prev.kind !== 'text') out.push('');
      const joined = next !== undefined && next.kind === 'text' && next.text !== '';
      out.push(`${escapeMarkdown(line.text)}${joined ? '\\' : ''}`);
    }
  });
  return out.join('\n').replace(/\n{3,}/gu, '\n\n');
}

function toMarkdown(title: string, sections: readonly UpdateSection[]): string {
  const out = [`# ${escapeMarkdown(oneLine(title))}`];
  for (const s of sections) {
    out.push(`${'#'.repeat(s.level)} ${escapeMarkdown(oneLine(s.heading))}`);
    if (s.style === 'list') {
      out.push(s.lines.map((l) => `- ${escapeMarkdown(oneLine(l))}`).join('\n'));
    } else {
      out.push(typedMarkdown(s.lines));
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** Builds the update of `input.client` for the week of `options.weekStart`. Pure. */
export function weeklyUpdate(input: WeeklyUpdateInput, options: WeeklyUpdateOptions): WeeklyUpdate {
  const { client } = input;
  const projects = input.projects.filter((p) => p.clientId === client.id);
  const ids = new Set(projects.map((p) => p.id));
  const mine = <T extends { clientId: string; projectId: string }>(list: readonly T[]): T[] =>
    list.filter((r) => r.clientId === client.id && ids.has(r.projectId));
  const scoped: WeeklyUpdateInput = {
    client,
    projects,
    phases: mine(input.phases),
    blocks: mine(input.blocks),
    experiments: mine(input.experiments),
    killSwitches: mine(input.killSwitches),
    nextSteps: input.nextSteps,
  };

  const locale = options.locale ?? 'en-GB';
  const fmt = formatters(locale, options.zone, options.hourStyle ?? DEFAULT_HOUR_STYLE);
  const start = startOfZonedWeek(options.weekStart, options.zone);
  const monday = zonedDate(start, options.zone);
  const week = { start, end: fromZoned(addCalendarDays(monday, 7), options.zone) };
  const { year, week: number } = isoWeek(start, options.zone);
  const label = `${year}-W${String(number).padStart(2, '0')}`;
  const title = `Weekly update: ${oneLine(client.name)} — week ${label} (${fmt.date(monday)} to ${fmt.date(addCalendarDays(monday, 6))})`;

  const sections: UpdateSection[] = [];
  for (const project of [...projects].sort((a, b) => a.name.localeCompare(b.name, locale))) {
    sections.push(...(projectSections(project, scoped, week, fmt) ?? []));
  }
  if (sections.length === 0) sections.push({ heading: 'Projects', level: 2, style: 'list', lines: ['No project work this week.'] });
  const steps = input.nextSteps.trim();
  sections.push({ heading: 'Next steps', level: 2, style: 'text', lines: steps === '' ? ['None noted.'] : steps.split(/\r?\n/u) });
  return { title, markdown: toMarkdown(title, sections), sections };
}
