import { describe, expect, it } from 'vitest';
import { handoffMarkdown } from '../../../../src-renderer/bundle/content/handoff-document.ts';
import type { KillSwitch } from '../../../../src-renderer/domain/kill-switch.ts';
import type { Project } from '../../../../src-renderer/domain/project.ts';
import { block, client, H, MIN, phase, project } from '../../support/reports-fixtures.ts';

const AT = Date.UTC(2026, 11, 7, 10);
const churn: Project = { ...project('p1', 'a', { kind: 'hourly', rateMinor: 9_000 }), dataRequirements: [{ item: 'Labels', deliveredOn: '2026-11-02' }] };
const prep = { ...phase('ph1', 'p1', 'a', 0, 'Data prep'), start: '2026-11-02', end: '2026-11-20' };
const spendSwitch = {
  id: 'k1',
  projectId: 'p1',
  clientId: 'a',
  trigger: { kind: 'spend', amountMinor: 250_000, currency: 'EUR' },
  consequence: 'Stop and re-scope.',
  state: 'tripped',
  trippedAt: Date.UTC(2026, 10, 30, 9),
  stopsTimer: true,
  createdAt: 0,
  updatedAt: 0,
} as unknown as KillSwitch;

function markdown(hourStyle: 'clock' | 'decimal'): string {
  return handoffMarkdown({
    client: client('a', 'Acme'),
    project: churn,
    phases: [prep],
    blocks: [block(churn, Date.UTC(2026, 10, 3, 9), 3 * H + 20 * MIN, { phaseId: 'ph1' }), block(churn, Date.UTC(2026, 10, 4, 9), H)],
    experiments: [],
    killSwitches: [spendSwitch],
    at: AT,
    hourStyle,
    locale: 'en-GB',
  });
}

describe('handoffMarkdown formatting', () => {
  it('writes hours in the chosen style, dates and amounts as the format module does, counts in words', () => {
    const clock = markdown('clock');
    expect(clock).toContain('Prepared 7 Dec 2026 (UTC)');
    expect(clock).toContain('- Work recorded from 3 Nov 2026 to 4 Nov 2026: 4:20 h in 2 time blocks.');
    expect(clock).toContain('**Data prep**: active (2 Nov 2026 to 20 Nov 2026), 3:20 h of 10 h budgeted.');
    expect(clock).toContain('- Outside any phase: 1 h.');
    expect(clock).toContain('Stop point at a spend of €2,500.00: tripped, tripped on 30 Nov 2026.');
    expect(clock).toContain('- Labels: delivered 2 Nov 2026, not yet validated.');
    expect(clock).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
    expect(markdown('decimal')).toContain('3.33 h of 10 h budgeted');
  });
});
