import { describe, expect, it } from 'vitest';
import { aggregateReport, type ReportInput } from '../../../../src-renderer/reports/aggregate.ts';
import { block, client, H, MIN, phase, project } from '../../support/reports-fixtures.ts';

const NOV = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };
const at = (day: number, hour = 9, month = 10) => Date.UTC(2026, month, day, hour);

const acme = client('c1', 'ACME');
const hourly = project('p1', 'c1', { kind: 'hourly', rateMinor: 8_500 }, 'EUR', 'Website');
const design = phase('ph1', 'p1', 'c1', 0, 'Design');
const build = phase('ph2', 'p1', 'c1', 1, 'Build');

function input(projects: ReportInput['projects'], blocks: ReportInput['blocks'], phases: ReportInput['phases'] = []): ReportInput {
  return { clients: [acme, client('c2', 'Globex', 'USD')], projects, phases, blocks };
}

describe('aggregateReport: grouping', () => {
  it('sums by client, project, phase and ISO week, in phase order then week order', () => {
    const blocks = [
      block(hourly, at(17), 2 * H, { phaseId: 'ph2' }),
      block(hourly, at(16), 1 * H, { phaseId: 'ph1' }),
      block(hourly, at(16, 13), 30 * MIN, { phaseId: 'ph1', kind: 'meeting' }),
      block(hourly, at(10), 1 * H, { phaseId: 'ph1', billable: false }),
      block(hourly, at(18), 45 * MIN),
    ];
    const report = aggregateReport(input([hourly], blocks, [build, design]), NOV, 'UTC');
    expect(report.rows.map((r) => [r.phaseName, r.week, r.totalMs / MIN, r.billableMs / MIN, r.deepMs / MIN])).toEqual([
      ['Design', '2026-W46', 60, 0, 60],
      ['Design', '2026-W47', 90, 90, 60],
      ['Build', '2026-W47', 120, 120, 120],
      ['', '2026-W47', 45, 45, 45],
    ]);
    const [first] = report.rows;
    expect(first).toMatchObject({ clientId: 'c1', clientName: 'ACME', projectName: 'Website', phaseId: 'ph1', basis: 'hourly', currency: 'EUR' });
    expect(first?.weekStart).toBe(Date.UTC(2026, 10, 9));
    expect(report.totals).toMatchObject({ totalMs: 315 * MIN, billableMs: 255 * MIN, nonBillableMs: 60 * MIN, deepMs: 285 * MIN, breakMs: 0 });
  });

  it('clips blocks to the range and buckets them by their clipped start', () => {
    const blocks = [
      block(hourly, NOV.from - 2 * H, 3 * H), // Saturday 31 Oct 22:00 → 1 h inside
      block(hourly, NOV.to - H, 5 * H), // 1 h inside
      block(hourly, NOV.to, H), // outside
    ];
    const report = aggregateReport(input([hourly], blocks), NOV, 'UTC');
    expect(report.rows.map((r) => [r.week, r.totalMs / H])).toEqual([
      ['2026-W44', 1],
      ['2026-W49', 1],
    ]);
    expect(report.totals.totalMs).toBe(2 * H);
  });

  it('buckets weeks on the report zone’s calendar', () => {
    const sunday = block(hourly, Date.UTC(2026, 10, 22, 23, 30), 20 * MIN); // Monday 00:30 in Berlin
    expect(aggregateReport(input([hourly], [sunday]), NOV, 'UTC').rows[0]?.week).toBe('2026-W47');
    expect(aggregateReport(input([hourly], [sunday]), NOV, 'Europe/Berlin').rows[0]?.week).toBe('2026-W48');
  });

  it('falls back to ids for missing client and phase records, and reports unknown projects', () => {
    const orphanClient = project('p9', 'c404', { kind: 'hourly', rateMinor: 100 });
    const blocks = [
      block(orphanClient, at(3), H, { phaseId: 'gone' }),
      block(project('p404', 'c1', { kind: 'hourly', rateMinor: 1 }), at(3), H, { id: 'lost' }),
    ];
    const report = aggregateReport(input([orphanClient], blocks), NOV, 'UTC');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ clientName: 'c404', phaseName: 'gone' });
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'unknown-project',
        count: 1,
        blockIds: ['lost'],
        message: '1 time block belongs to a project that no longer exists and is left out. Move it to a project or delete it.',
      }),
    ]);
  });

  it('refuses an inverted range and an unknown zone', () => {
    expect(() => aggregateReport(input([], []), { from: 2, to: 1 }, 'UTC')).toThrow(RangeError);
    expect(() => aggregateReport(input([], []), NOV, 'Mars/Olympus')).toThrow(/IANA/u);
    expect(aggregateReport(input([], []), { from: 5, to: 5 }, 'UTC').rows).toEqual([]);
  });
});

describe('aggregateReport: hourly amounts', () => {
  it('rounds once on the group’s summed time, not per block', () => {
    const cent = project('p2', 'c1', { kind: 'hourly', rateMinor: 100 });
    const blocks = [0, 1, 2].map((i) => block(cent, at(16, 9 + i), 20 * MIN));
    const report = aggregateReport(input([cent], blocks), NOV, 'UTC');
    // Per block: 33.3 → 33, three times 99. Summed: exactly 100.
    expect(report.rows[0]?.amountMinor).toBe(100);
    expect(report.projects[0]).toMatchObject({ amountMinor: 100, effectiveRateMinor: 100 });
  });

  it('rounds rows and the project each on their own sums', () => {
    const cent = project('p2', 'c1', { kind: 'hourly', rateMinor: 1 });
    // Two weeks of 30 min each: each row is half a cent (→ 1), the project one cent.
    const report = aggregateReport(input([cent], [block(cent, at(3), 30 * MIN), block(cent, at(10), 30 * MIN)]), NOV, 'UTC');
    expect(report.rows.map((r) => r.amountMinor)).toEqual([1, 1]);
    expect(report.projects[0]?.amountMinor).toBe(1);
  });
});

describe('aggregateReport: breaks', () => {
  it('counts breaks in the total, never as billable, and flags billable ones', () => {
    const blocks = [block(hourly, at(3), H), block(hourly, at(3, 11), 15 * MIN, { kind: 'break', billable: true, id: 'coffee' })];
    const report = aggregateReport(input([hourly], blocks), NOV, 'UTC');
    expect(report.rows[0]).toMatchObject({ totalMs: 75 * MIN, billableMs: H, nonBillableMs: 15 * MIN, breakMs: 15 * MIN, amountMinor: 8_500 });
    expect(report.issues).toEqual([expect.objectContaining({ code: 'billable-break', count: 1, blockIds: ['coffee'] })]);
  });
});

describe('aggregateReport: fixed, value and currencies', () => {
  const fixed = project('pf', 'c1', { kind: 'fixed', feeMinor: 500_000 });
  const value = project('pv', 'c2', { kind: 'value', feeMinor: 900_000, basis: 'revenue uplift' }, 'USD');
  const usd = project('pu', 'c2', { kind: 'hourly', rateMinor: 10_000 }, 'USD');

  it('reports hours with a null amount and the fee for display', () => {
    const report = aggregateReport(input([fixed, value], [block(fixed, at(3), H), block(value, at(4), 2 * H)]), NOV, 'UTC');
    expect(report.rows.map((r) => [r.basis, r.amountMinor, r.billableMs / H])).toEqual([
      ['fixed', null, 1],
      ['value', null, 2],
    ]);
    expect(report.projects.map((p) => [p.basis, p.amountMinor, p.feeMinor, p.effectiveRateMinor])).toEqual([
      ['fixed', null, 500_000, null],
      ['value', null, 900_000, null],
    ]);
    expect(report.totals.amountByCurrency.size).toBe(0);
  });

  it('keeps one total per currency', () => {
    const blocks = [block(hourly, at(3), H), block(usd, at(3), 2 * H), block(fixed, at(5), H), block(hourly, at(20), H)];
    const report = aggregateReport(input([hourly, usd, fixed], blocks), NOV, 'UTC');
    expect([...report.totals.amountByCurrency]).toEqual([
      ['EUR', 17_000],
      ['USD', 20_000],
    ]);
  });
});

describe('aggregateReport: retainers', () => {
  // 10 h a month for 1 000.00, overage at 50.00/h.
  const retainer = project('pr', 'c1', { kind: 'retainer', hoursPerMonth: 10, feeMinor: 100_000, overageRateMinor: 5_000 });
  const work = (hours: number, day: number, month = 10) => block(retainer, at(day, 8, month), hours * H);

  it('charges the fee plus overage for a whole month', () => {
    const report = aggregateReport(input([retainer], [work(8, 3), work(4, 20)]), NOV, 'UTC');
    const [summary] = report.projects;
    expect(summary?.months).toEqual([
      expect.objectContaining({
        month: '2026-11',
        partial: false,
        billableMs: 12 * H,
        includedMs: 10 * H,
        overageMs: 2 * H,
        feeCounted: true,
        feeMinor: 100_000,
        overageMinor: 10_000,
      }),
    ]);
    expect(summary).toMatchObject({ amountMinor: 110_000, effectiveRateMinor: 9_167 });
    expect(report.rows.every((r) => r.amountMinor === null && r.basis === 'retainer')).toBe(true);
    expect(report.totals.amountByCurrency.get('EUR')).toBe(110_000);
  });

  it('counts the whole fee of a cut month only when the range holds the month’s first instant', () => {
    const blocks = [work(3, 10), work(3, 20), work(2, 5, 11)];
    const monthToDate = aggregateReport(input([retainer], blocks), { from: NOV.from, to: at(15) }, 'UTC');
    expect(monthToDate.projects[0]?.months).toEqual([expect.objectContaining({ month: '2026-11', partial: true, feeCounted: true, billableMs: 3 * H })]);
    expect(monthToDate.projects[0]?.amountMinor).toBe(100_000);

    const midMonth = aggregateReport(input([retainer], blocks), { from: at(15), to: at(15, 0, 11) }, 'UTC');
    expect(midMonth.projects[0]?.months.map((m) => [m.month, m.partial, m.feeCounted, m.feeMinor])).toEqual([
      ['2026-11', true, false, 0],
      ['2026-12', true, true, 100_000],
    ]);
  });

  it('never counts a fee twice over consecutive weekly reports', () => {
    const blocks = [1, 4, 9, 16, 23, 29].map((day) => work(3, day));
    let fees = 0;
    let overage = 0;
    for (let from = Date.UTC(2026, 9, 26); from < Date.UTC(2026, 11, 7); from += 7 * 24 * H) {
      const report = aggregateReport(input([retainer], blocks), { from, to: from + 7 * 24 * H }, 'UTC');
      for (const m of report.projects[0]?.months ?? []) {
        fees += m.feeMinor;
        overage += m.overageMinor;
      }
    }
    expect(fees).toBe(100_000);
    expect(overage).toBe(0); // 18 h in November, but no single week holds more than 10: a lower bound, as documented.
    expect(aggregateReport(input([retainer], blocks), NOV, 'UTC').projects[0]?.amountMinor).toBe(100_000 + 8 * 5_000);
  });

  it('rolls a month’s unused hours into the next month only, and only when the retainer says so', () => {
    const rolling = project('rr', 'c1', { kind: 'retainer', hoursPerMonth: 10, feeMinor: 100_000, overageRateMinor: 5_000, rollover: 'next-month' });
    const on = (p: typeof rolling, hours: number, day: number, month: number) => block(p, at(day, 8, month), hours * H);
    // September 2 h (8 unused), October 4 h (6 unused), November 19 h.
    const blocks = [on(rolling, 2, 10, 8), on(rolling, 4, 10, 9), on(rolling, 19, 10, 10)];
    const nov = aggregateReport(input([rolling], blocks), NOV, 'UTC').projects[0]?.months[0];
    // Only October's 6 unused hours carry; September's have expired. 19 - (10 + 6) = 3 h over.
    expect(nov).toMatchObject({ month: '2026-11', carriedMs: 6 * H, includedMs: 16 * H, overageMs: 3 * H, overageMinor: 15_000 });

    const plain = aggregateReport(
      input(
        [retainer],
        blocks.map((b) => ({ ...b, projectId: retainer.id })),
      ),
      NOV,
      'UTC',
    ).projects[0]?.months[0];
    expect(plain).toMatchObject({ carriedMs: 0, includedMs: 10 * H, overageMs: 9 * H });

    // Nothing carries out of a month before the retainer existed (created, or started, in November).
    const createdInNov = { ...rolling, createdAt: at(2, 9, 10) };
    expect(aggregateReport(input([createdInNov], [on(createdInNov, 19, 10, 10)]), NOV, 'UTC').projects[0]?.months[0]).toMatchObject({
      carriedMs: 0,
      overageMs: 9 * H,
    });
    const startedInNov = { ...rolling, start: '2026-11-01' };
    expect(aggregateReport(input([startedInNov], blocks), NOV, 'UTC').projects[0]?.months[0]).toMatchObject({ carriedMs: 0 });

    // A month fully used carries nothing; overuse never becomes a negative carry.
    const heavy = [on(rolling, 14, 10, 9), on(rolling, 11, 10, 10)];
    expect(aggregateReport(input([rolling], heavy), NOV, 'UTC').projects[0]?.months[0]).toMatchObject({ carriedMs: 0, overageMs: 1 * H });
  });

  it('uses calendar months of the report zone and bills no breaks or non-billable time', () => {
    const lateNov = block(retainer, Date.UTC(2026, 10, 30, 23, 30), 11 * H); // 1 December in Berlin
    const extras = [block(retainer, at(3), H, { kind: 'break', billable: true }), block(retainer, at(4), H, { billable: false })];
    const range = { from: NOV.from, to: Date.UTC(2027, 0, 1) };
    const berlin = aggregateReport(input([retainer], [lateNov, ...extras]), range, 'Europe/Berlin');
    expect(berlin.projects[0]?.months.map((m) => [m.month, m.billableMs / H, m.overageMinor])).toEqual([['2026-12', 11, 5_000]]);
    const utc = aggregateReport(input([retainer], [lateNov, ...extras]), range, 'UTC');
    // A block counts wholly in the month it starts in, like weeks: not split at midnight.
    expect(utc.projects[0]?.months.map((m) => [m.month, m.billableMs / H])).toEqual([['2026-11', 11]]);
  });
});

describe('aggregateReport: a project’s billing rules, as its invoices apply them', () => {
  const blocks = (p: typeof hourly) => [
    block(p, at(2, 9), 10 * MIN),
    block(p, at(2, 11), 10 * MIN),
    block(p, at(2, 14), 10 * MIN),
    block(p, at(20, 9), 50 * MIN),
  ];

  it('rounds per block or per day (days of the report zone), and keeps the time worked as it was', () => {
    const perBlock = { ...hourly, rounding: { mode: 'up' as const, stepMinutes: 15 as const, per: 'block' as const } };
    const perDay = { ...hourly, rounding: { mode: 'up' as const, stepMinutes: 15 as const, per: 'day' as const } };
    const a = aggregateReport(input([perBlock], blocks(perBlock)), NOV, 'UTC').projects[0]!;
    const b = aggregateReport(input([perDay], blocks(perDay)), NOV, 'UTC').projects[0]!;
    // Per block: 3 × 15 + 60 = 105 min; per day: 30 (three 10s summed first) + 60 = 90 min; at €85/h.
    expect(a.amountMinor).toBe(14_875);
    expect(b.amountMinor).toBe(12_750);
    expect(a.billableMs).toBe(80 * MIN);
    expect(b.billableMs).toBe(80 * MIN);
  });

  it('prices each block at the rate in force on its day', () => {
    const changing = { ...hourly, rateChanges: [{ from: '2026-11-15', rateMinor: 11_000 }] };
    const p = aggregateReport(input([changing], blocks(changing)), NOV, 'UTC').projects[0]!;
    // 30 min at €85 (2 Nov) + 50 min at €110 (20 Nov) = 42.50 + 91.67.
    expect(p.amountMinor).toBe(4_250 + 9_167);
  });

  it('a project without rules is priced as before, on its summed time', () => {
    const p = aggregateReport(input([hourly], blocks(hourly)), NOV, 'UTC').projects[0]!;
    expect(p.amountMinor).toBe(11_333);
  });
});

describe('aggregateReport: display zones', () => {
  it('buckets each block’s week and rounding day in its display zone when asked, rows keyed by week label', () => {
    // Sunday 22 Nov 23:30 UTC: still W47 in Lisbon (UTC+0), already Monday of W48 in Berlin.
    const lisbon = block(hourly, Date.UTC(2026, 10, 22, 23, 30), 20 * MIN, { zone: 'Europe/Lisbon' });
    const berlin = block(hourly, Date.UTC(2026, 10, 18, 9), H, { zone: 'Europe/Berlin' });
    const ownZone = aggregateReport(input([hourly], [lisbon, berlin]), NOV, 'Europe/Berlin', (b) => b.zone);
    expect(ownZone.rows.map((r) => [r.week, r.totalMs / MIN])).toEqual([['2026-W47', 80]]);
    const home = aggregateReport(input([hourly], [lisbon, berlin]), NOV, 'Europe/Berlin');
    expect(home.rows.map((r) => [r.week, r.totalMs / MIN])).toEqual([
      ['2026-W47', 60],
      ['2026-W48', 20],
    ]);
  });

  it('sums a week with a DST change as instants’ differences, and rounds per day on the day’s own calendar', () => {
    const rounded = { ...hourly, rounding: { mode: 'up' as const, stepMinutes: 15 as const, per: 'day' as const } };
    // Berlin, 25 Oct 2026 (25 hours): 01:30 CEST to 02:30 CET is two real hours.
    const overnight = block(rounded, Date.parse('2026-10-24T23:30:00Z'), 2 * H + 5 * MIN);
    const report = aggregateReport(input([rounded], [overnight]), { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) }, 'Europe/Berlin', (b) => b.zone);
    expect(report.rows.map((r) => [r.week, r.totalMs / MIN])).toEqual([['2026-W43', 125]]);
    // 2 h 05 min rounded up to the quarter hour on one day: 2 h 15 min at 85.00 = 191.25.
    expect(report.projects[0]?.amountMinor).toBe(19_125);
  });
});
