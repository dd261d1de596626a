import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../../src-renderer/domain/experiment.ts';
import type { KillSwitch, KillTrigger } from '../../../../src-renderer/domain/kill-switch.ts';
import { escapeMarkdown, typedLine, weeklyUpdate, type WeeklyUpdateInput } from '../../../../src-renderer/playbook/weekly-update.ts';
import { block, client, H, MIN, phase, project } from '../../support/reports-fixtures.ts';

// Monday 16 November 2026, 00:00 in Berlin (UTC+1); the week ends at Monday 23rd, 00:00.
const WEEK = Date.UTC(2026, 10, 15, 23);
const WEEK_END = Date.UTC(2026, 10, 22, 23);
const DAY = 24 * H;
const options = { weekStart: WEEK, zone: 'Europe/Berlin', locale: 'en-GB', hourStyle: 'decimal' as const };

function experiment(id: string, projectId: string, clientId: string, over: Partial<Experiment>): Experiment {
  return {
    id,
    projectId,
    clientId,
    hypothesis: `Hypothesis ${id}`,
    setup: '',
    metricName: 'AUC',
    status: 'running',
    links: [],
    notes: '',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

function killSwitch(id: string, projectId: string, clientId: string, trigger: KillTrigger, over: Partial<KillSwitch>): KillSwitch {
  return { id, projectId, clientId, trigger, consequence: 'Stop', stopsTimer: false, state: 'armed', notes: '', createdAt: 0, updatedAt: 0, ...over };
}

const acme = client('a', 'Acme');
const churn = project('p1', 'a', { kind: 'hourly', rateMinor: 12_345 }, 'EUR', 'Churn model');
const audit = { ...project('p2', 'a', { kind: 'fixed', feeMinor: 500_000 }, 'EUR', 'Audit'), status: 'done' as const };
const dashboard = project('p3', 'a', { kind: 'hourly', rateMinor: 9_000 }, 'EUR', 'Dashboard');
const prep = phase('ph1', 'p1', 'a', 0, 'Data prep');
const modelling = { ...phase('ph2', 'p1', 'a', 1, 'Modelling'), budgetHours: 20 };

// Another client, with names that must never leak into Acme's update.
const globex = client('g', 'Globex Secret');
const skunk = project('pg', 'g', { kind: 'hourly', rateMinor: 50_000 }, 'EUR', 'Zeta Skunkworks');
const LEAKS = ['Globex', 'Skunkworks', 'Nightshade', 'Moonbeam', 'Nebula', 'Crimson'];

function input(over: Partial<WeeklyUpdateInput> = {}): WeeklyUpdateInput {
  return {
    client: acme,
    projects: [churn, audit, dashboard, skunk],
    phases: [modelling, prep, phase('phg', 'pg', 'g', 0, 'Phase Nightshade')],
    blocks: [
      block(churn, WEEK + 9 * H, 3 * H, { phaseId: 'ph1' }),
      block(churn, WEEK + DAY + 9 * H, 2 * H, { phaseId: 'ph2' }),
      block(churn, WEEK + 2 * DAY + 12 * H, H, { phaseId: 'ph2', kind: 'break' }),
      // Sunday 23:00 to Monday 01:00: one hour falls in the week.
      block(churn, WEEK_END - H, 2 * H, { phaseId: 'ph2' }),
      block(churn, WEEK - 3 * DAY, 5 * H, { phaseId: 'ph1' }),
      block(churn, WEEK_END + DAY, 4 * H, { phaseId: 'ph1' }),
      block(churn, WEEK + 3 * DAY, 30 * MIN, { billable: false }),
      block(skunk, WEEK + 9 * H, 7 * H, { phaseId: 'phg', note: 'Nebula' }),
      // Mislabelled records: another client's id on Acme's project, and Acme's id on Globex's project.
      block(churn, WEEK + 4 * DAY, 9 * H, { clientId: 'g' }),
      block(skunk, WEEK + 4 * DAY, 9 * H, { clientId: 'a' }),
    ],
    experiments: [
      experiment('e1', 'p1', 'a', {
        hypothesis: 'If we add tenure features, AUC will rise',
        baseline: 0.72,
        value: 0.81,
        status: 'concluded',
        outcome: 'supported',
        startedAt: WEEK - DAY,
        endedAt: WEEK + 2 * DAY,
      }),
      experiment('e2', 'p1', 'a', { hypothesis: 'Smaller batches converge faster', metricName: 'loss', baseline: 0.5, target: 0.4, startedAt: WEEK + DAY + H }),
      experiment('e3', 'p1', 'a', { hypothesis: 'Old news', status: 'concluded', outcome: 'refuted', endedAt: WEEK - DAY }),
      experiment('eg', 'pg', 'g', { hypothesis: 'Hypothesis Moonbeam' }),
      experiment('eg2', 'p1', 'g', { hypothesis: 'Moonbeam on the wrong project' }),
    ],
    killSwitches: [
      killSwitch('k1', 'p1', 'a', { kind: 'hours', hours: 40 }, { state: 'warned', consequence: 'Stop and call Dana' }),
      killSwitch(
        'k2',
        'p1',
        'a',
        { kind: 'spend', amountMinor: 400_000, currency: 'EUR' },
        { state: 'tripped', trippedAt: WEEK + 2 * DAY + 10 * H, consequence: 'Pause GPU jobs' },
      ),
      killSwitch('k3', 'p1', 'a', { kind: 'date', date: '2026-12-01' }, { state: 'armed' }),
      killSwitch('kg', 'pg', 'g', { kind: 'hours', hours: 1 }, { state: 'tripped', trippedAt: WEEK, consequence: 'Tell Crimson' }),
    ],
    nextSteps: '  Ship the churn scores to the CRM\nReview with Dana on Friday\n\n',
    ...over,
  };
}

describe('weeklyUpdate', () => {
  const update = weeklyUpdate(input(), options);

  it('titles the update with the ISO week and its Monday to Sunday', () => {
    expect(update.title).toBe('Weekly update: Acme — week 2026-W47 (Mon 16 Nov to Sun 22 Nov)');
  });

  it('reports hours, phase progress, experiments and kill switches per project', () => {
    expect(update.sections).toEqual([
      { heading: 'Churn model', level: 2, style: 'list', lines: ['Hours this week: 6.5 h'] },
      {
        heading: 'Phases',
        level: 3,
        style: 'list',
        lines: [
          'Data prep (active): 3 h this week; 8 h used of 15 h quoted (53 %)',
          'Modelling (active): 3 h this week; 3 h used of 30 h quoted (10 %)',
          'Unphased: 0.5 h this week; 0.5 h to date',
        ],
      },
      {
        heading: 'Experiments concluded this week',
        level: 3,
        style: 'list',
        lines: ['If we add tenure features, AUC will rise — AUC 0.81 vs baseline 0.72 (+0.09) — supported the hypothesis'],
      },
      {
        heading: 'Experiments running',
        level: 3,
        style: 'list',
        lines: ['Smaller batches converge faster — measuring loss, baseline 0.5, target 0.4, since Tue 17 Nov'],
      },
      {
        heading: 'Kill switches',
        level: 3,
        style: 'list',
        lines: [
          'Approaching: 40 h tracked on the project. Agreed: Stop and call Dana',
          'Triggered on Wed 18 Nov: the agreed spend limit. Agreed: Pause GPU jobs',
        ],
      },
      // Active with nothing this week: still listed; the done fixed-fee project without activity is not.
      { heading: 'Dashboard', level: 2, style: 'list', lines: ['Hours this week: 0 h'] },
      { heading: 'Next steps', level: 2, style: 'text', lines: ['Ship the churn scores to the CRM', 'Review with Dana on Friday'] },
    ]);
  });

  it('never contains another client’s records, even when they are passed in', () => {
    const all = `${update.title}\n${update.markdown}\n${JSON.stringify(update.sections)}`;
    for (const name of LEAKS) expect(all).not.toContain(name);
    // The mislabelled 9 h blocks would have shown up in the hours.
    expect(all).not.toContain('9 h');
    // And Globex's own update sees only Globex.
    const theirs = weeklyUpdate(input({ client: globex, nextSteps: '' }), options);
    expect(theirs.sections[0]).toEqual({ heading: 'Zeta Skunkworks', level: 2, style: 'list', lines: ['Hours this week: 7 h'] });
    expect(JSON.stringify(theirs)).not.toMatch(/Acme|Churn|Dana|tenure/u);
  });

  it('shows no rates or money', () => {
    expect(update.markdown).not.toMatch(/€|EUR|123[.,]45|4[.,]?000/u);
  });

  it('writes Markdown from the same sections', () => {
    expect(update.markdown).toBe(
      [
        '# Weekly update: Acme — week 2026-W47 (Mon 16 Nov to Sun 22 Nov)',
        '## Churn model',
        '- Hours this week: 6.5 h',
        '### Phases',
        '- Data prep (active): 3 h this week; 8 h used of 15 h quoted (53 %)\n- Modelling (active): 3 h this week; 3 h used of 30 h quoted (10 %)\n- Unphased: 0.5 h this week; 0.5 h to date',
        '### Experiments concluded this week',
        '- If we add tenure features, AUC will rise — AUC 0.81 vs baseline 0.72 (+0.09) — supported the hypothesis',
        '### Experiments running',
        '- Smaller batches converge faster — measuring loss, baseline 0.5, target 0.4, since Tue 17 Nov',
        '### Kill switches',
        '- Approaching: 40 h tracked on the project. Agreed: Stop and call Dana\n- Triggered on Wed 18 Nov: the agreed spend limit. Agreed: Pause GPU jobs',
        '## Dashboard',
        '- Hours this week: 0 h',
        '## Next steps',
        'Ship the churn scores to the CRM\\\nReview with Dana on Friday',
      ].join('\n\n') + '\n',
    );
  });

  it('escapes names and notes in the Markdown but not in the sections', () => {
    const odd = { ...churn, name: '*Churn* [v2] <b>' };
    const result = weeklyUpdate(input({ projects: [odd], nextSteps: '# not a heading\n> not a quote\n*not* emphasis' }), options);
    expect(result.sections[0]?.heading).toBe('*Churn* [v2] <b>');
    expect(result.markdown).toContain('\n## \\*Churn\\* \\[v2\\] \\<b\\>\n');
    expect(result.markdown).toContain('\\# not a heading\\\n\\> not a quote\\\n\\*not\\* emphasis\n');
  });

  it('keeps a list typed in Next steps a list: no "\\-" and no trailing backslash', () => {
    const steps = 'Plan:\n- Re-scope the POC to *two* sites\n• Label 2 000 assays\n\n1. Review on Thursday\n2) Send the report\nThanks';
    const result = weeklyUpdate(input({ nextSteps: steps }), options);
    expect(result.markdown).toContain(
      '## Next steps\n\nPlan:\n\n- Re-scope the POC to \\*two\\* sites\n- Label 2 000 assays\n\n1. Review on Thursday\n2. Send the report\n\nThanks\n',
    );
    expect(result.markdown).not.toMatch(/\\-|\\\n-/u);
    expect(typedLine('  - item ')).toEqual({ kind: 'bullet', text: 'item' });
    expect(typedLine('12) item')).toEqual({ kind: 'numbered', number: 12, text: 'item' });
    expect(typedLine('-not an item')).toEqual({ kind: 'text', text: '-not an item' });
  });

  it('writes hours in the person\'s style: h:mm by default, never "3.34 h" for 3 h 20 min', () => {
    const blocks = [block(churn, WEEK + 9 * H, 3 * H + 20 * MIN + 24_000, { phaseId: 'ph1' })];
    const clock = weeklyUpdate(input({ blocks }), { ...options, hourStyle: undefined });
    expect(clock.sections[0]?.lines).toEqual(['Hours this week: 3:20 h']);
    const decimal = weeklyUpdate(input({ blocks }), options);
    expect(decimal.sections[0]?.lines).toEqual(['Hours this week: 3.33 h']);
  });

  it('shows the same percentage as the project screen: against the buffered quote, rounded', () => {
    // 0.5 h budgeted quotes 1 h with the 50 % buffer; 4.5 h tracked is 450 %, not 900 %.
    const small = { ...prep, budgetHours: 0.5 };
    const blocks = [block(churn, WEEK + 9 * H, 4.5 * H, { phaseId: 'ph1' })];
    const result = weeklyUpdate(input({ phases: [small], blocks }), options);
    expect(result.sections[1]?.lines).toEqual(['Data prep (active): 4.5 h this week; 4.5 h used of 1 h quoted (450 %)']);
  });

  it('mentions a kill switch that triggered this week even after it was acknowledged', () => {
    const acknowledged = killSwitch(
      'k4',
      'p1',
      'a',
      { kind: 'hours', hours: 6 },
      {
        state: 'disarmed',
        consequence: 'Re-scope with Dana',
        acknowledgements: [{ at: WEEK + 3 * DAY, trippedAt: WEEK + 2 * DAY + 9 * H, decision: 'rescope', note: 'Dana agreed' }],
      },
    );
    const earlier = killSwitch(
      'k5',
      'p1',
      'a',
      { kind: 'hours', hours: 2 },
      { state: 'disarmed', acknowledgements: [{ at: WEEK - DAY, trippedAt: WEEK - 2 * DAY, decision: 'continue', note: '' }] },
    );
    const result = weeklyUpdate(input({ killSwitches: [acknowledged, earlier] }), options);
    const lines = result.sections.find((s) => s.heading === 'Kill switches')?.lines;
    expect(lines).toEqual(['Triggered on Wed 18 Nov, acknowledged: 6 h tracked on the project. Agreed: Re-scope with Dana']);
  });

  it('says "None noted." without next steps and accepts any instant of the week', () => {
    const result = weeklyUpdate(input({ nextSteps: ' \n ' }), { ...options, weekStart: WEEK + 3 * DAY + 5 * H });
    expect(result.title).toBe(update.title);
    expect(result.sections.at(-1)).toEqual({ heading: 'Next steps', level: 2, style: 'text', lines: ['None noted.'] });
  });

  it('says so when no project had anything to report', () => {
    const result = weeklyUpdate(input({ projects: [audit] }), options);
    expect(result.sections[0]).toEqual({ heading: 'Projects', level: 2, style: 'list', lines: ['No project work this week.'] });
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline structure', () => {
    expect(escapeMarkdown('*a* _b_ #c [d](e) `f` <g> ~h~ C:\\x')).toBe('\\*a\\* \\_b\\_ \\#c \\[d\\](e) \\`f\\` \\<g\\> \\~h\\~ C:\\\\x');
  });

  it('escapes list, quote and heading markers at the start of each line only', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('1. item\n12) item')).toBe('1\\. item\n12\\) item');
    expect(escapeMarkdown('a\n  - nested\n===')).toBe('a\n  \\- nested\n\\===');
    expect(escapeMarkdown('a - b on 2026-11-12, step 1. done')).toBe('a - b on 2026-11-12, step 1. done');
  });

  it('leaves plain text alone', () => {
    expect(escapeMarkdown('Acme GmbH (Berlin): 80 %, ok!')).toBe('Acme GmbH (Berlin): 80 %, ok!');
  });
});
