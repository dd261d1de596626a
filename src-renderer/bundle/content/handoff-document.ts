/**
 * The document a hand-off bundle carries for the person taking the project over: what was done
 * (phases, hours), what was decided (kill switches, concluded experiments), every experiment with
 * its outcome, the data the client owes, and what to do next. Markdown, so it reads as plain text
 * and renders anywhere. Built only from fields the hand-off keeps (no rates, no private notes).
 * Hours, dates, amounts and counts come from the format module, in the person's hour style.
 */
import type { Client } from '../../domain/client.ts';
import type { Experiment } from '../../domain/experiment.ts';
import type { KillSwitch } from '../../domain/kill-switch.ts';
import type { Phase } from '../../domain/phase.ts';
import type { Project } from '../../domain/project.ts';
import type { TimeBlock } from '../../domain/time-block.ts';
import { formatCalendarDate, formatDate } from '../../ui/format/dates.ts';
import { formatHoursIn, type HourStyle } from '../../ui/format/duration.ts';
import { currentHourStyle } from '../../ui/format/hour-style-store.ts';
import { countOf } from '../../ui/format/plural.ts';
import { formatMoney } from '../../reports/money.ts';

export interface HandoffInput {
  client: Pick<Client, 'name'>;
  project: Project;
  phases: readonly Phase[];
  blocks: readonly TimeBlock[];
  experiments: readonly Experiment[];
  killSwitches: readonly KillSwitch[];
  /** When the document is made, UTC epoch ms. */
  at: number;
  /** h:mm or decimal hours; the person's choice by default. */
  hourStyle?: HourStyle;
  /** BCP 47 locale for numbers and dates; the system's by default. */
  locale?: string;
}

const HOUR_MS = 3_600_000;

/** The formatters of one document: its hour style and locale, dates in UTC (the recipient's zone is unknown). */
function formatters(input: HandoffInput) {
  const style = input.hourStyle ?? currentHourStyle();
  const { locale } = input;
  return {
    day: (ms: number) => formatDate(ms, 'UTC', locale),
    isoDay: (iso: string) => formatCalendarDate(iso, locale),
    hours: (ms: number) => formatHoursIn(ms, style, locale),
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
  };
}
type Formatters = ReturnType<typeof formatters>;
/** Keeps a value on one table cell or list line. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const num = (value: number | undefined) => (value === undefined ? '–' : String(value));

function trigger(ks: KillSwitch, experiments: readonly Experiment[], f: Formatters): string {
  const t = ks.trigger;
  switch (t.kind) {
    case 'hours':
      return `after ${f.hours(t.hours * HOUR_MS)}`;
    case 'spend':
      return `at a spend of ${f.money(t.amountMinor, t.currency)}`;
    case 'date':
      return `on ${f.isoDay(t.date)}`;
    case 'metric': {
      const experiment = experiments.find((e) => e.id === t.experimentId);
      return `when ${experiment ? cell(experiment.metricName) : 'the metric'} ${t.comparator} ${t.threshold}`;
    }
  }
}

function blockDuration(b: TimeBlock): number {
  return Math.max(0, b.end - b.start);
}

export function handoffMarkdown(input: HandoffInput): string {
  const { client, project, at } = input;
  const f = formatters(input);
  const { day, hours } = f;
  const work = input.blocks.filter((b) => b.kind !== 'break');
  const phases = [...input.phases].sort((a, b) => a.order - b.order);
  const experiments = [...input.experiments].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  const lines: string[] = [
    `# Hand-off: ${cell(project.name)}`,
    '',
    `Client: ${cell(client.name)} · Prepared ${day(at)} (UTC) · Project status: ${project.status}`,
    '',
  ];

  lines.push('## Summary', '');
  const total = work.reduce((sum, b) => sum + blockDuration(b), 0);
  if (work.length > 0) {
    const first = Math.min(...work.map((b) => b.start));
    const last = Math.max(...work.map((b) => b.end));
    lines.push(`- Work recorded from ${day(first)} to ${day(last)}: ${hours(total)} in ${countOf(work.length, 'time block', input.locale)}.`);
  } else {
    lines.push('- No time recorded yet.');
  }
  if (project.successMetric) {
    const m = project.successMetric;
    lines.push(`- Success metric: ${cell(m.name)} (${m.direction} is better), baseline ${num(m.baseline)}, target ${num(m.target)}.`);
  }
  lines.push('');

  lines.push('## What was done', '');
  if (phases.length === 0) lines.push('No phases were planned.');
  for (const phase of phases) {
    const spent = work.filter((b) => b.phaseId === phase.id).reduce((sum, b) => sum + blockDuration(b), 0);
    const dates = phase.start || phase.end ? ` (${phase.start ? f.isoDay(phase.start) : '…'} to ${phase.end ? f.isoDay(phase.end) : '…'})` : '';
    lines.push(
      `- **${cell(phase.name)}**: ${phase.status}${dates}, ${hours(spent)} of ${hours(phase.budgetHours * HOUR_MS)} budgeted.${phase.exitCriteria.trim() ? ` Exit criteria: ${cell(phase.exitCriteria)}` : ''}`,
    );
  }
  const unphased = work.filter((b) => !b.phaseId).reduce((sum, b) => sum + blockDuration(b), 0);
  if (unphased > 0) lines.push(`- Outside any phase: ${hours(unphased)}.`);
  lines.push('');

  lines.push('## Decisions', '');
  const decided = [
    ...input.killSwitches.map((ks) => {
      const when = ks.state === 'tripped' && ks.trippedAt ? `, tripped on ${day(ks.trippedAt)}` : '';
      return `- Stop point ${trigger(ks, experiments, f)}: ${ks.state}${when}. Agreed consequence: ${cell(ks.consequence)}`;
    }),
    ...experiments
      .filter((e) => e.status === 'concluded' && e.outcome)
      .map(
        (e) =>
          `- Hypothesis "${cell(e.hypothesis)}" was ${e.outcome === 'inconclusive' ? 'inconclusive' : e.outcome} (${cell(e.metricName)}: ${num(e.value)} against a target of ${num(e.target)}).`,
      ),
  ];
  lines.push(...(decided.length > 0 ? decided : ['No stop points were agreed and no experiment has concluded.']), '');

  lines.push('## Experiments', '');
  if (experiments.length === 0) {
    lines.push('No experiments were logged.');
  } else {
    lines.push('| Hypothesis | Metric | Baseline | Target | Result | Status |', '| --- | --- | --- | --- | --- | --- |');
    for (const e of experiments) {
      const status = e.status === 'concluded' && e.outcome ? `concluded: ${e.outcome}` : e.status;
      lines.push(
        `| ${cell(e.hypothesis)} | ${cell(e.metricName)}${e.metricUnit ? ` (${cell(e.metricUnit)})` : ''} | ${num(e.baseline)} | ${num(e.target)} | ${num(e.value)} | ${status} |`,
      );
    }
  }
  lines.push('');

  const requirements = project.dataRequirements ?? [];
  if (requirements.length > 0) {
    lines.push('## Data from the client', '');
    for (const r of requirements) {
      const state = r.validatedOn
        ? `validated ${f.isoDay(r.validatedOn)}`
        : r.deliveredOn
          ? `delivered ${f.isoDay(r.deliveredOn)}, not yet validated`
          : 'not delivered yet';
      lines.push(`- ${cell(r.item)}: ${state}.`);
    }
    lines.push('');
  }

  lines.push('## What to do next', '');
  const next = [
    ...phases.filter((p) => p.status === 'active').map((p) => `- Finish **${cell(p.name)}**${p.exitCriteria.trim() ? `: ${cell(p.exitCriteria)}` : '.'}`),
    ...phases.filter((p) => p.status === 'planned').map((p) => `- Start **${cell(p.name)}** (${hours(p.budgetHours * HOUR_MS)} budgeted).`),
    ...experiments
      .filter((e) => e.status === 'running' || e.status === 'planned')
      .map((e) => `- ${e.status === 'running' ? 'Conclude' : 'Run'} the experiment "${cell(e.hypothesis)}".`),
    ...input.killSwitches
      .filter((k) => k.state === 'armed' || k.state === 'warned')
      .map((k) => `- Watch the stop point ${trigger(k, experiments, f)}${k.state === 'warned' ? ' (already warned)' : ''}.`),
    ...requirements.filter((r) => !r.validatedOn).map((r) => `- ${r.deliveredOn ? 'Validate' : 'Obtain'} the data: ${cell(r.item)}.`),
  ];
  lines.push(...(next.length > 0 ? next : ['Nothing is open: every phase is done or skipped and no experiment is running.']), '');
  return lines.join('\n');
}
