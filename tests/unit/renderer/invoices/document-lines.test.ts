/** From a selection to lines: what is billed, how time is priced, what the editor may tick. */
import { describe, expect, it } from 'vitest';
import { draftLines, printedHours } from '../../../../src-renderer/invoices/document/index.ts';
import { berlinProfile, block, draftInput, expense, H, lodz, lyon, MIN, nov, november, phase, project } from '../../support/invoice-fixtures.ts';

const SEC = 1000;
const churn = project('p-churn', lyon.id, { kind: 'hourly', rateMinor: 9_550 }, 'EUR', 'Churn model');

describe('draftLines: what the selection covers', () => {
  it('bills billable, unbilled work of the period only: no breaks, non-billable, billed, other clients or other days', () => {
    const other = project('p-other', lodz.id, { kind: 'hourly', rateMinor: 10_000 });
    const billed = block(churn, nov(3), H, { billed: true });
    const kept = block(churn, nov(4), 2 * H);
    const blocks = [
      kept,
      billed,
      block(churn, nov(5), H, { billable: false }),
      block(churn, nov(6), H, { kind: 'break' }),
      block(other, nov(6), H),
      block(churn, Date.UTC(2026, 9, 31, 22, 30), H), // 31 Oct 23:30 in Berlin: October
      block(churn, Date.UTC(2026, 10, 30, 23, 30), H), // 1 Dec 00:30 in Berlin: December
    ];
    const result = draftLines(draftInput(lyon, { projects: [churn, other], blocks }));
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({
      kind: 'time',
      blockIds: [kept.id],
      quantity: { unit: 'hour', billedMs: 2 * H, workedMs: 2 * H },
      netMinor: 19_100,
    });
    expect(result.candidates.flatMap((c) => c.blocks.map((b) => b.id))).toEqual([kept.id]);
    expect(result.problems).toEqual(['A break is marked billable in this period; breaks are never billed. Untick "billable" on it.']);
  });

  it('reads the period on the caller’s calendar', () => {
    const late = block(churn, Date.UTC(2026, 10, 30, 23, 30), H); // 30 Nov in New York, 1 Dec in Berlin
    expect(draftLines(draftInput(lyon, { projects: [churn], blocks: [late] })).lines).toHaveLength(0);
    const ny = draftLines(draftInput(lyon, { projects: [churn], blocks: [late], selection: november({ zone: 'America/New_York' }) }));
    expect(ny.lines[0]?.blockIds).toEqual([late.id]);
  });

  it('leaves unticked blocks and expenses off the lines but lists them as candidates, unticked', () => {
    const a = block(churn, nov(3), H);
    const b = block(churn, nov(4), H);
    const gpu = expense(churn, 'e1', '2026-11-10', 5_000, 'EUR');
    const result = draftLines(
      draftInput(lyon, { projects: [churn], blocks: [a, b], expenses: [gpu], selection: november({ excludedBlockIds: [b.id], excludedExpenseIds: ['e1'] }) }),
    );
    expect(result.lines.map((l) => [l.kind, l.blockIds, l.netMinor])).toEqual([['time', [a.id], 9_550]]);
    expect(result.candidates).toEqual([
      expect.objectContaining({
        projectId: churn.id,
        blocks: [expect.objectContaining({ id: a.id, day: '2026-11-03', included: true }), expect.objectContaining({ id: b.id, included: false })],
        expenses: [expect.objectContaining({ id: 'e1', included: false })],
      }),
    ]);
  });

  it('bills only the projects chosen, all of them when none is', () => {
    const second = project('p-2', lyon.id, { kind: 'hourly', rateMinor: 5_000 }, 'EUR', 'Audit');
    const blocks = [block(churn, nov(3), H), block(second, nov(3), H)];
    expect(draftLines(draftInput(lyon, { projects: [churn, second], blocks })).lines.map((l) => l.projectId)).toEqual(['p-2', 'p-churn']);
    const one = draftLines(draftInput(lyon, { projects: [churn, second], blocks, selection: november({ projectIds: ['p-churn'] }) }));
    expect(one.lines.map((l) => l.projectId)).toEqual(['p-churn']);
  });

  it('keeps line ids stable, so the person’s edits (a reduced rate, a description) survive a re-draft', () => {
    const blocks = [block(churn, nov(3), H)];
    const first = draftLines(draftInput(lyon, { projects: [churn], blocks }));
    const id = first.lines[0]!.id;
    const edited = draftLines(
      draftInput(lyon, {
        projects: [churn],
        blocks,
        selection: november({ lineEdits: { [id]: { vat: { kind: 'domestic', rateBp: 700 }, description: 'Modelling' } } }),
      }),
    );
    expect(edited.lines[0]).toMatchObject({ id, description: 'Modelling', vat: { kind: 'domestic', rateBp: 700 } });
  });
});

describe('draftLines: what the person typed', () => {
  it('keeps typed lines after the drafted ones, and says what is wrong with a period instead of throwing', () => {
    const typed = {
      id: 'manual-1',
      kind: 'manual' as const,
      description: 'Workshop in Łódź',
      quantity: { unit: 'item' as const, milli: 1000 },
      unitPriceMinor: 50_000,
      netMinor: 50_000,
      vat: { kind: 'domestic' as const, rateBp: 1900 },
      blockIds: [],
      expenseIds: [],
    };
    const blocks = [block(churn, nov(3), H)];
    const kept = draftLines(draftInput(lyon, { projects: [churn], blocks, selection: november({ manualLines: [typed] }) }));
    expect(kept.lines.map((l) => l.id)).toEqual(['time:p-churn:base', 'manual-1']);
    const inverted = draftLines(draftInput(lyon, { projects: [churn], blocks, selection: november({ from: '2026-12-01', manualLines: [typed] }) }));
    expect(inverted).toEqual({ lines: [typed], candidates: [], problems: ['Period: it ends (2026-11-30) before it starts (2026-12-01).'] });
    expect(draftLines(draftInput(lyon, { selection: november({ to: '2026-11-31' }) })).problems).toEqual([
      'Period to: "2026-11-31" is not a date. Choose the last day to bill.',
    ]);
    expect(draftLines(draftInput(lyon, { selection: november({ zone: 'Mars/Olympus' }) })).problems).toEqual([
      'Time zone: "Mars/Olympus" is not a time zone Caravan knows, such as "Europe/Berlin".',
    ]);
  });
});

describe('draftLines: hours are priced as printed', () => {
  it('h:mm: 7:55:03 prints 7:55 and at 95.50 / h is 756.04, never 756.05', () => {
    const result = draftLines(draftInput(lyon, { projects: [churn], blocks: [block(churn, nov(3), 7 * H + 55 * MIN + 3 * SEC)] }));
    const line = result.lines[0]!;
    expect(line.quantity).toEqual({ unit: 'hour', billedMs: 7 * H + 55 * MIN, workedMs: 7 * H + 55 * MIN + 3 * SEC });
    expect(printedHours(line.quantity.unit === 'hour' ? line.quantity.billedMs : 0, 'h:mm')).toBe('7:55');
    expect(line.netMinor).toBe(75_604);
  });

  it('decimal: prints hundredths of an hour and prices them (3:25 is 3.42 h, 3.42 × 95.50 = 326.61)', () => {
    const input = draftInput(lyon, { profile: berlinProfile({ hourStyle: 'decimal' }), projects: [churn], blocks: [block(churn, nov(3), 3 * H + 25 * MIN)] });
    const line = draftLines(input).lines[0]!;
    expect(line.quantity).toMatchObject({ billedMs: 342 * 36_000 });
    expect(printedHours(342 * 36_000, 'decimal')).toBe('3.42');
    expect(line.netMinor).toBe(32_661);
    // 36 seconds is 0.01 h on the invoice (a display formatter going through minutes would print 0.02).
    expect(printedHours(36_000, 'decimal')).toBe('0.01');
  });

  it('rounds per block or per day as the project says, before cutting to the printed unit', () => {
    const blocks = (p: typeof churn) => [
      block(p, nov(3), 10 * MIN),
      block(p, nov(3, 60), 10 * MIN),
      block(p, nov(3, 120), 10 * MIN),
      block(p, nov(4), 5 * MIN),
    ];
    const perBlock = {
      ...churn,
      billing: { kind: 'hourly' as const, rateMinor: 8_000 },
      rounding: { mode: 'up' as const, stepMinutes: 15 as const, per: 'block' as const },
    };
    const perDay = { ...perBlock, rounding: { ...perBlock.rounding, per: 'day' as const } };
    const byBlock = draftLines(draftInput(lyon, { projects: [perBlock], blocks: blocks(perBlock) })).lines[0]!;
    const byDay = draftLines(draftInput(lyon, { projects: [perDay], blocks: blocks(perDay) })).lines[0]!;
    expect([byBlock.quantity, byBlock.netMinor]).toEqual([{ unit: 'hour', billedMs: 60 * MIN, workedMs: 35 * MIN }, 8_000]);
    expect([byDay.quantity, byDay.netMinor]).toEqual([{ unit: 'hour', billedMs: 45 * MIN, workedMs: 35 * MIN }, 6_000]);
  });

  it('splits a line where the rate changes mid-month, one line per rate period', () => {
    const changing = { ...churn, billing: { kind: 'hourly' as const, rateMinor: 9_500 }, rateChanges: [{ from: '2026-11-16', rateMinor: 11_000 }] };
    const blocks = [block(changing, nov(10), 3 * H), block(changing, nov(20), 2 * H)];
    const lines = draftLines(draftInput(lyon, { projects: [changing], blocks }), 'en-GB').lines;
    expect(lines.map((l) => [l.description, l.unitPriceMinor, l.netMinor, l.period])).toEqual([
      ['Churn model, 10 Nov 2026', 9_500, 28_500, { from: '2026-11-10', to: '2026-11-10' }],
      ['Churn model, 20 Nov 2026', 11_000, 22_000, { from: '2026-11-20', to: '2026-11-20' }],
    ]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(2);
  });

  it('says which rate schedule is wrong rather than guessing', () => {
    const broken = {
      ...churn,
      rateChanges: [
        { from: '2026-11-16', rateMinor: 1 },
        { from: '2026-11-16', rateMinor: 2 },
      ],
    };
    const result = draftLines(draftInput(lyon, { projects: [broken], blocks: [block(broken, nov(3), H)] }));
    expect(result.lines).toEqual([]);
    expect(result.problems).toEqual(['Churn model: Rate from 2026-11-16: two rates start that day. Keep one.']);
  });
});

describe('draftLines: fees, milestones and retainers', () => {
  it('bills the milestones chosen, once; a fixed project without milestones bills its fee when chosen', () => {
    const fixed = project('p-fix', lyon.id, { kind: 'fixed', feeMinor: 900_000 }, 'EUR', 'Forecasting');
    const discovery = { ...phase('ph-1', 'p-fix', lyon.id, 0, 'Discovery'), milestoneFeeMinor: 300_000, status: 'done' as const };
    const delivery = { ...phase('ph-2', 'p-fix', lyon.id, 1, 'Delivery'), milestoneFeeMinor: 600_000 };
    const value = project('p-val', lyon.id, { kind: 'value', feeMinor: 500_000, basis: 'Savings' }, 'EUR', 'Pricing');
    const input = draftInput(lyon, {
      projects: [fixed, value],
      phases: [delivery, discovery],
      blocks: [block(fixed, nov(3), H)],
      selection: november({ milestonePhaseIds: ['ph-1'], feeProjectIds: ['p-val'] }),
    });
    const result = draftLines(input);
    expect(result.lines.map((l) => [l.kind, l.description, l.netMinor, l.phaseId, l.blockIds])).toEqual([
      ['milestone', 'Forecasting: milestone “Discovery”', 300_000, 'ph-1', []],
      ['fee', 'Pricing: agreed fee', 500_000, undefined, []],
    ]);
    expect(result.candidates.find((c) => c.projectId === 'p-fix')?.milestones.map((m) => [m.phaseId, m.chosen])).toEqual([
      ['ph-1', true],
      ['ph-2', false],
    ]);
    // Once issued, neither is a candidate again.
    const again = draftLines({ ...input, issuedLines: result.lines });
    expect(again.lines).toEqual([]);
    expect(again.candidates.find((c) => c.projectId === 'p-fix')?.milestones.map((m) => m.phaseId)).toEqual(['ph-2']);
    expect(again.candidates.find((c) => c.projectId === 'p-val')).toBeUndefined();
  });

  it('a retainer bills each month’s fee and the hours beyond it, with one month’s rollover and rate changes', () => {
    const retainer = project(
      'p-ret',
      lyon.id,
      { kind: 'retainer', hoursPerMonth: 20, feeMinor: 200_000, overageRateMinor: 12_000, rollover: 'next-month' },
      'EUR',
      'Support',
    );
    const withChange = { ...retainer, rateChanges: [{ from: '2026-11-20', rateMinor: 13_000 }] };
    const october = block(withChange, Date.UTC(2026, 9, 5, 8), 15 * H, { billed: true }); // 5 h unused carry into November
    const early = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18].map((d) => block(withChange, nov(d), 2 * H)); // 26 h
    const late = block(withChange, nov(24), H);
    const result = draftLines(draftInput(lyon, { projects: [withChange], blocks: [october, ...early, late] }), 'en-GB');
    // 27 h against 25 h included: the last 2 h are overage, 1 h after the change, 1 h before it.
    expect(result.lines.map((l) => [l.kind, l.description, l.quantity, l.unitPriceMinor, l.netMinor])).toEqual([
      ['retainer', 'Support, retainer Nov 2026 (20 h included)', { unit: 'item', milli: 1000 }, 200_000, 200_000],
      ['overage', 'Support, hours beyond the retainer Nov 2026', { unit: 'hour', billedMs: H, workedMs: H }, 12_000, 12_000],
      ['overage', 'Support, hours beyond the retainer Nov 2026', { unit: 'hour', billedMs: H, workedMs: H }, 13_000, 13_000],
    ]);
    expect(result.lines[0]?.blockIds).toHaveLength(14);
    expect(result.lines[0]?.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // A second invoice for the month's later work finds the fee and overage already billed.
    const more = block(withChange, nov(27), H);
    const billedNow = [...early, late].map((b) => ({ ...b, billed: true }));
    const second = draftLines({ ...draftInput(lyon, { projects: [withChange], blocks: [october, ...billedNow, more] }), issuedLines: result.lines });
    expect(second.lines.map((l) => [l.kind, l.quantity, l.netMinor, l.blockIds])).toEqual([
      ['overage', { unit: 'hour', billedMs: H, workedMs: H }, 13_000, [more.id]],
    ]);
  });

  it('a later invoice in a month whose fee is invoiced bills only the hours beyond it, and marks the rest billed with them', () => {
    const retainer = project('p-ret', lyon.id, { kind: 'retainer', hoursPerMonth: 20, feeMinor: 200_000, overageRateMinor: 12_000 }, 'EUR', 'Support');
    const firstHalf = [2, 3, 4, 5, 6].map((d) => block(retainer, nov(d), 2 * H)); // 10 h, within the 20 h
    const input = draftInput(lyon, { projects: [retainer], blocks: firstHalf, selection: november({ to: '2026-11-15' }) });
    const first = draftLines(input);
    expect(first.lines.map((l) => [l.kind, l.netMinor, l.blockIds.length])).toEqual([['retainer', 200_000, 5]]);
    const billed = firstHalf.map((b) => ({ ...b, billed: true }));
    const secondHalf = [16, 17, 18, 19, 20, 23].map((d) => block(retainer, nov(d), 2 * H)); // 12 h: 2 h beyond
    const later = { ...input, blocks: [...billed, ...secondHalf], issuedLines: first.lines, selection: november({ from: '2026-11-16' }) };
    const second = draftLines(later, 'en-GB');
    expect(second.lines.map((l) => [l.kind, l.quantity, l.netMinor])).toEqual([['overage', { unit: 'hour', billedMs: 2 * H, workedMs: 2 * H }, 24_000]]);
    expect([...second.lines[0]!.blockIds].sort()).toEqual(secondHalf.map((b) => b.id).sort());
    expect(second.problems).toEqual([]);
    // Within the hours and the fee already invoiced: nothing to bill, and said so.
    const within = draftLines({ ...later, blocks: [...billed, secondHalf[0]!] }, 'en-GB');
    expect(within.lines).toEqual([]);
    expect(within.problems).toEqual([
      'Support: the time of Nov 2026 on this draft is within the retainer’s hours, whose fee is already invoiced; there is nothing more to bill for it.',
    ]);
  });

  it('a retainer month with no work still bills its fee; a period starting mid-month bills none and says why', () => {
    const retainer = project('p-ret', lyon.id, { kind: 'retainer', hoursPerMonth: 10, feeMinor: 100_000, overageRateMinor: 9_000 }, 'EUR', 'Support');
    expect(draftLines(draftInput(lyon, { projects: [retainer] })).lines.map((l) => [l.kind, l.netMinor])).toEqual([['retainer', 100_000]]);
    const mid = draftLines(
      draftInput(lyon, { projects: [retainer], blocks: [block(retainer, nov(20), H)], selection: november({ from: '2026-11-15' }) }),
      'en-GB',
    );
    expect(mid.lines).toEqual([]);
    expect(mid.problems).toEqual([
      'Support: the Nov 2026 retainer fee is billed on the invoice whose period holds the 1st of the month; choose a period from 2026-11-01.',
    ]);
  });
});

describe('draftLines: pass-through expenses', () => {
  it('bills at cost or with the markup, converting another currency with the rate fixed on the invoice', () => {
    const atCost = expense(churn, 'e-eur', '2026-11-05', 4_999, 'EUR', { category: 'software', receiptNote: 'Licence\nsecond line' });
    const usd = expense(churn, 'e-usd', '2026-11-12', 12_000, 'USD', { markupBp: 1_000 });
    const refund = expense(churn, 'e-ref', '2026-11-13', -1_000, 'EUR');
    const selection = november({ currencyRates: { USD: { rate: '0.9512', source: 'ecb', asOf: '2026-11-30' } } });
    const lines = draftLines(draftInput(lyon, { projects: [churn], expenses: [usd, atCost, refund], selection }), 'en-GB').lines;
    expect(lines.map((l) => [l.kind, l.description, l.netMinor, l.original, l.expenseIds])).toEqual([
      ['expense', 'Expense 5 Nov 2026, software: Licence', 4_999, undefined, ['e-eur']],
      // 120.00 × 0.9512 × 1.10 = 125.5584 → 125.56, rounded once.
      ['expense', 'Expense 12 Nov 2026, compute: GPU hours (+10 %)', 12_556, { amountMinor: 12_000, currency: 'USD', rate: '0.9512' }, ['e-usd']],
      ['expense', 'Expense 13 Nov 2026, compute: GPU hours', -1_000, undefined, ['e-ref']],
    ]);
  });

  it('an expense in a currency without a rate stays off, with the problem named', () => {
    const usd = expense(churn, 'e-usd', '2026-11-12', 12_000, 'USD');
    const result = draftLines(draftInput(lyon, { projects: [churn], expenses: [usd] }));
    expect(result.lines).toEqual([]);
    expect(result.problems).toEqual(['Exchange rate: fix a rate from USD to EUR on this invoice (typed, or from an ECB file).']);
    const zero = draftLines(
      draftInput(lyon, { projects: [churn], expenses: [usd], selection: november({ currencyRates: { USD: { rate: '0', source: 'typed' } } }) }),
    );
    expect(zero.problems).toEqual(['Exchange rate USD to EUR: "0" is not a rate; type a positive decimal such as 0.9512.']);
  });

  it('never uses a rate fixed into another invoice currency: "1 USD = 0.8012 CHF" is not USD to EUR', () => {
    const usd = expense(churn, 'e-usd', '2026-11-12', 12_000, 'USD');
    // Fixed while the invoice was in CHF, then the invoice was switched to EUR.
    const stale = november({ currency: 'EUR', currencyRates: { USD: { rate: '0.8012', source: 'typed', to: 'CHF' } } });
    const result = draftLines(draftInput(lyon, { projects: [churn], expenses: [usd], selection: stale }));
    expect(result.lines).toEqual([]);
    expect(result.problems).toEqual([
      'Exchange rate: the rate fixed for USD converts into CHF, not into EUR, this invoice’s currency; fix a rate from USD to EUR on this invoice (typed, or from an ECB file).',
    ]);
    // The same rate fixed into the invoice's currency, or one kept from before rates named theirs, is used.
    for (const rate of [
      { rate: '0.9512', source: 'typed' as const, to: 'EUR' },
      { rate: '0.9512', source: 'typed' as const },
    ]) {
      const lines = draftLines(draftInput(lyon, { projects: [churn], expenses: [usd], selection: november({ currencyRates: { USD: rate } }) })).lines;
      expect(lines.map((l) => l.netMinor)).toEqual([11_414]);
    }
  });
});
