import { describe, expect, it } from 'vitest';
import { dayNumber, dayText } from '../../../../../src-renderer/presence/calendar-days.ts';
import type { SourcedDay } from '../../../../../src-renderer/presence/export/accountant-report.ts';
import type { LedgerDayView } from '../../../../../src-renderer/presence/screen/presence-backend.ts';
import { countingDays, planTrip, schengenToday } from '../../../../../src-renderer/presence/screen/presence-view.ts';

function span(country: string, from: string, to: string): SourcedDay[] {
  const out: SourcedDay[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n += 1) out.push({ day: dayText(n), country, source: 'trip' });
  return out;
}

// Portugal 1–30 Sep 2026 (30 days), Germany 20 Nov – 20 Dec 2026 (31 days, under way on 7 Dec).
const days = [...span('PT', '2026-09-01', '2026-09-30'), ...span('DE', '2026-11-20', '2026-12-20')];

describe('countingDays', () => {
  it('keeps confirmed countries only, with their source and where the day ended', () => {
    const ledger: LedgerDayView[] = [
      {
        day: '2026-03-10',
        corrected: true,
        note: '',
        conflict: null,
        countries: [
          { country: 'PT', source: 'manual', midnight: false, confirmed: true },
          { country: 'GB', source: 'manual', midnight: true, confirmed: true },
        ],
      },
      { day: '2026-03-11', corrected: false, note: '', conflict: null, countries: [{ country: 'GB', source: 'device', midnight: false, confirmed: false }] },
    ];
    expect(countingDays(ledger)).toEqual([
      { day: '2026-03-10', country: 'PT', source: 'manual' },
      { day: '2026-03-10', country: 'GB', source: 'manual', midnight: true },
    ]);
  });
});

describe('schengenToday', () => {
  it('on 7 Dec 2026: 48 used (30 in September + 20 Nov – 7 Dec, 18), 42 left, window 11 Jun – 7 Dec; leave by 18 Jan 2027', () => {
    const answer = schengenToday(days, '2026-12-07');
    expect(answer.status).toMatchObject({ used: 48, remaining: 42, windowStart: '2026-06-11', windowEnd: '2026-12-07' });
    expect(answer.inside).toBe(true);
    expect(answer.stayFrom).toBe('2026-11-20');
    // From 20 Nov every day counts; September's 30 stay in the window until late February, so the
    // 90th day is the 60th of the stay: 20 Nov + 59 = 18 Jan 2027.
    expect(answer.latestExit).toBe('2027-01-18');
  });

  it('outside the area: no exit day', () => {
    const answer = schengenToday(days, '2026-10-15');
    expect(answer).toMatchObject({ inside: false, status: { used: 30, remaining: 60 } });
    expect(answer.latestExit).toBeUndefined();
  });

  it('a day in the UK does not make the person inside', () => {
    expect(schengenToday([...days, { day: '2026-12-21', country: 'GB', source: 'manual' }], '2026-12-21').inside).toBe(false);
  });
});

describe('planTrip', () => {
  it('France 1 Mar – 30 Apr 2027 is 2 days too long: the latest exit is 28 Apr', () => {
    // On 28 Apr the window starts 31 Oct 2026: 31 days in Germany + 59 from 1 Mar = 90; 29 Apr makes 91.
    expect(planTrip(days, { from: '2027-03-01', to: '2027-04-30', country: 'FR' })).toEqual({ kind: 'too-long', latestExit: '2027-04-28', overBy: 2 });
  });

  it('France 1 Mar – 28 Apr fits, with 0 left on the last day', () => {
    expect(planTrip(days, { from: '2027-03-01', to: '2027-04-28', country: 'fr' })).toEqual({
      kind: 'fits',
      latestExit: '2027-04-28',
      usedOnLastDay: 90,
      leftOnLastDay: 0,
    });
  });

  it('a trip outside the area uses no Schengen days', () => {
    expect(planTrip(days, { from: '2027-03-01', to: '2027-09-30', country: 'GB' })).toEqual({ kind: 'outside', country: 'GB' });
  });

  it('an entry when no day is left does not fit at all', () => {
    const full = span('ES', '2026-01-01', '2026-03-31'); // 90 days
    expect(planTrip(full, { from: '2026-04-01', to: '2026-04-02', country: 'ES' })).toEqual({ kind: 'too-long', latestExit: null, overBy: 2 });
  });
});
