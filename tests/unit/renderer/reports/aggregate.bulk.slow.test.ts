import { describe, expect, it } from 'vitest';
import type { Billing, Project } from '../../../../src-renderer/domain/project.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { aggregateReport, type ReportRange } from '../../../../src-renderer/reports/aggregate.ts';
import { monthOf } from '../../../../src-renderer/reports/calendar.ts';
import { block, client, H, MIN, phase, project } from '../../support/reports-fixtures.ts';

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}

const KINDS = ['deep', 'shallow', 'meeting', 'break'] as const;
const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD'] as const;

function world(count: number) {
  const rnd = random(42);
  const clients = CURRENCIES.map((c, i) => client(`c${i}`, `Client ${i}`, c));
  const projects: Project[] = [];
  for (let i = 0; i < 40; i++) {
    const fee = 1 + rnd(2_000_000);
    const billing: Billing = [
      { kind: 'hourly', rateMinor: rnd(2) === 0 ? rnd(20_000) : 4_000_000_000 + rnd(1_000_000) } as const,
      { kind: 'retainer', hoursPerMonth: rnd(60) + 0.5, feeMinor: fee, overageRateMinor: rnd(30_000) } as const,
      { kind: 'fixed', feeMinor: fee } as const,
      { kind: 'value', feeMinor: fee, basis: '' } as const,
    ][i % 4]!;
    const c = clients[i % clients.length]!;
    projects.push(project(`p${i}`, c.id, billing, c.currency));
  }
  const phases = projects.flatMap((p) => [0, 1, 2].map((o) => phase(`${p.id}-ph${o}`, p.id, p.clientId, o)));
  const t0 = Date.UTC(2025, 5, 1);
  const blocks: TimeBlock[] = [];
  for (let i = 0; i < count; i++) {
    const p = projects[rnd(projects.length)]!;
    blocks.push(
      block(p, t0 + rnd(365 * 24 * 60) * MIN + rnd(60_000), 1 + rnd(8 * H), {
        kind: KINDS[rnd(4)]!,
        billable: rnd(5) !== 0,
        ...(rnd(4) === 0 ? {} : { phaseId: `${p.id}-ph${rnd(3)}` }),
      }),
    );
  }
  return { clients, projects, phases, blocks };
}

/** The report's totals recomputed the obvious way: per block, no caches, no shared code but the calendar. */
function naive(input: ReturnType<typeof world>, range: ReportRange, zone: string) {
  const perProject = new Map<string, { total: number; billable: number; deep: number; months: Map<number, number> }>();
  for (const b of input.blocks) {
    const ms = Math.min(b.end, range.to) - Math.max(b.start, range.from);
    if (ms <= 0) continue;
    const acc = perProject.get(b.projectId) ?? { total: 0, billable: 0, deep: 0, months: new Map<number, number>() };
    perProject.set(b.projectId, acc);
    acc.total += ms;
    if (b.kind === 'deep') acc.deep += ms;
    if (b.billable && b.kind !== 'break') {
      acc.billable += ms;
      const month = monthOf(Math.max(b.start, range.from), zone).start;
      acc.months.set(month, (acc.months.get(month) ?? 0) + ms);
    }
  }
  const roundHour = (n: bigint) => (n * 2n + 3_600_000n) / 7_200_000n;
  const amounts = new Map<string, bigint>();
  for (const p of input.projects) {
    const acc = perProject.get(p.id);
    if (acc === undefined) continue;
    let amount = 0n;
    if (p.billing.kind === 'hourly') amount = roundHour(BigInt(acc.billable) * BigInt(p.billing.rateMinor));
    else if (p.billing.kind === 'retainer') {
      for (const [start, ms] of acc.months) {
        if (start >= range.from) amount += BigInt(p.billing.feeMinor);
        const over = ms - Math.round(p.billing.hoursPerMonth * H);
        if (over > 0) amount += roundHour(BigInt(over) * BigInt(p.billing.overageRateMinor));
      }
    } else continue;
    amounts.set(p.currency, (amounts.get(p.currency) ?? 0n) + amount);
  }
  return { perProject, amounts };
}

describe('aggregateReport over 100 000 blocks', () => {
  it('matches a naive per-block computation', () => {
    const input = world(100_000);
    const range = { from: Date.UTC(2025, 8, 10, 7), to: Date.UTC(2026, 2, 20) };
    const zone = 'Europe/Berlin';
    const report = aggregateReport(input, range, zone);
    const expected = naive(input, range, zone);

    expect(new Map([...report.totals.amountByCurrency].map(([c, v]) => [c, BigInt(v)]))).toEqual(expected.amounts);
    let total = 0;
    for (const summary of report.projects) {
      const acc = expected.perProject.get(summary.projectId);
      expect(summary.totalMs).toBe(acc?.total);
      expect(summary.billableMs).toBe(acc?.billable);
      expect(summary.deepMs).toBe(acc?.deep);
      total += summary.totalMs;
    }
    expect(report.projects).toHaveLength(expected.perProject.size);
    expect(report.totals.totalMs).toBe(total);
    expect(report.totals.billableMs + report.totals.nonBillableMs).toBe(total);
    expect(report.rows.reduce((sum, r) => sum + r.totalMs, 0)).toBe(total);
    const keys = new Set(report.rows.map((r) => `${r.projectId}|${r.phaseId}|${r.week}`));
    expect(keys.size).toBe(report.rows.length);
    // Large rates really do push the intermediate products past 2^53.
    const big = report.projects.find((p) => p.basis === 'hourly' && (p.amountMinor ?? 0) > 0 && p.billableMs * 4e9 > Number.MAX_SAFE_INTEGER);
    expect(big).toBeDefined();
  });
});
