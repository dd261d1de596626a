/** Presence warnings: Schengen days left and tax-year counts at their thresholds; notifications once per day. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENCE_RULES, type PresenceRules } from '../../../../src-renderer/domain/presence.ts';
import { dayNumber, dayText } from '../../../../src-renderer/presence/calendar-days.ts';
import type { LedgerDay } from '../../../../src-renderer/presence/tax-year.ts';
import { presenceWarnings } from '../../../../src-renderer/presence/warnings.ts';
import { warningsToNotify } from '../../../../src-renderer/presence/notify-memory.ts';
import { notifyNewWarnings } from '../../../../src-renderer/presence/check-warnings.ts';

/** `count` consecutive days in `country` ending on `last`. */
function stay(country: string, last: string, count: number): LedgerDay[] {
  const end = dayNumber(last);
  return Array.from({ length: count }, (_, i) => ({ day: dayText(end - count + 1 + i), country }));
}

const RULES: PresenceRules = { ...DEFAULT_PRESENCE_RULES, schengenWarnDaysLeft: 10 };
const TODAY = '2026-06-30';

describe('Schengen warning', () => {
  it('fires at the threshold of days left, not one day before', () => {
    expect(presenceWarnings(stay('FR', TODAY, 79), RULES, TODAY, 'en-GB')).toEqual([]);
    const [warning] = presenceWarnings(stay('FR', TODAY, 80), RULES, TODAY, 'en-GB');
    expect(warning).toMatchObject({ id: 'schengen', level: 'warning', used: 80, remaining: 10 });
  });

  it('gives the latest exit when the person is inside the area today, and none when outside', () => {
    const [inside] = presenceWarnings(stay('FR', TODAY, 85), RULES, TODAY, 'en-GB');
    // 85 used including today: five more days, 1 to 5 July.
    expect(inside).toMatchObject({ remaining: 5, latestExit: '2026-07-05' });
    expect(inside!.message).toBe(
      '5 Schengen days left (85 of 90 days used in the 180 days ending today). You are inside the area today: leave by 5 Jul 2026 at the latest.',
    );
    const outside = presenceWarnings([...stay('FR', '2026-06-28', 85), { day: TODAY, country: 'GB' }], RULES, TODAY, 'en-GB');
    expect(outside[0]).not.toHaveProperty('latestExit');
    expect(outside[0]).toMatchObject({ remaining: 5 });
  });

  it('is "over" with no day left, says by how much the limit was passed, and is off at 0', () => {
    const [over] = presenceWarnings(stay('DE', TODAY, 92), RULES, TODAY, 'en-GB');
    expect(over).toMatchObject({ level: 'over', overstay: 2, remaining: 0, latestExit: null });
    expect(over!.message).toContain('92 of 90 days used in the 180 days ending today: 2 over the limit.');
    expect(presenceWarnings(stay('DE', TODAY, 92), { ...RULES, schengenWarnDaysLeft: 0 }, TODAY)).toEqual([]);
  });
});

describe('Schengen warning, possibly (unconfirmed hints)', () => {
  it('warns "possibly" when only unconfirmed hint days bring the count to the threshold, naming how many are hints', () => {
    // Travel mode says France for 85 days, nothing confirmed.
    expect(presenceWarnings([], RULES, TODAY, 'en-GB')).toEqual([]);
    const [possible] = presenceWarnings([], RULES, TODAY, 'en-GB', stay('FR', TODAY, 85));
    expect(possible).toMatchObject({ id: 'schengen', level: 'warning', used: 85, remaining: 5, unconfirmed: 85 });
    expect(possible!.message).toBe(
      'Possibly 85 of 90 days used in the 180 days ending today (85 not confirmed): 5 left if the hints are right. Confirm or correct those days on the Presence screen.',
    );
    // 60 confirmed + 25 hints: 25 not confirmed. Hints outside the area (GB) count for nothing.
    const [mixed] = presenceWarnings(stay('FR', '2026-06-05', 60), RULES, TODAY, 'en-GB', [...stay('DE', TODAY, 25), ...stay('GB', '2026-01-31', 20)]);
    expect(mixed).toMatchObject({ used: 85, unconfirmed: 25 });
    // Under the threshold even with the hints: nothing; a confirmed warning is not replaced.
    expect(presenceWarnings([], RULES, TODAY, 'en-GB', stay('FR', TODAY, 79))).toEqual([]);
    expect(presenceWarnings(stay('FR', TODAY, 85), RULES, TODAY, 'en-GB', stay('FR', '2026-03-01', 5))[0]).not.toHaveProperty('unconfirmed');
  });
});

describe('tax-year warning', () => {
  const rules: PresenceRules = {
    ...RULES,
    schengenWarnDaysLeft: 0,
    taxYears: { PT: { yearStart: '01-01', counting: 'any-part', threshold: 183, warnAt: 150 } },
  };
  const june = '2026-06-30';

  it('fires at warnAt and at the threshold of the current tax year, not before', () => {
    expect(presenceWarnings(stay('PT', june, 149), rules, june)).toEqual([]);
    expect(presenceWarnings(stay('PT', june, 150), rules, june)).toMatchObject([
      { id: 'tax:PT:2026', level: 'warning', days: 150, threshold: 183, warnAt: 150 },
    ]);
    const over = presenceWarnings(stay('PT', '2026-07-02', 183), rules, '2026-07-02');
    expect(over).toMatchObject([{ level: 'over', days: 183 }]);
    expect(over[0]!.message).toBe('Portugal, tax year 2026: 183 days, at or over the 183-day threshold.');
  });

  it('does not count planned days after today, nor warn for a past tax year', () => {
    // 140 days up to today and 20 planned: 140 so far.
    const days = [...stay('PT', june, 140), ...stay('PT', '2026-07-20', 20)];
    expect(presenceWarnings(days, rules, june)).toEqual([]);
    // 190 days in 2025 do not warn in 2026.
    expect(presenceWarnings(stay('PT', '2025-12-31', 190), rules, '2026-01-10')).toEqual([]);
  });

  it('uses the country’s tax year by default: the UK year from 6 April', () => {
    const gb: PresenceRules = { ...RULES, schengenWarnDaysLeft: 0, taxYears: {} };
    const [warning] = presenceWarnings(stay('GB', '2027-03-20', 183), gb, '2027-03-20');
    expect(warning).toMatchObject({ id: 'tax:GB:2026/27', level: 'over', days: 183 });
  });
});

describe('notifications', () => {
  const [warning] = presenceWarnings(stay('FR', TODAY, 85), RULES, TODAY);

  it('are due once per day per warning, again the next day, and again when a warning turns "over"', () => {
    const first = warningsToNotify([warning!], TODAY, null);
    expect(first.due).toHaveLength(1);
    expect(warningsToNotify([warning!], TODAY, first.memory).due).toEqual([]);
    expect(warningsToNotify([warning!], '2026-07-01', first.memory).due).toHaveLength(1);
    expect(warningsToNotify([{ ...warning!, level: 'over' }], TODAY, first.memory).due).toHaveLength(1);
  });

  it('are sent only when the person asked for them, remembered before being sent', () => {
    const sent: string[] = [];
    let memory: ReturnType<typeof warningsToNotify>['memory'] | null = null;
    const deps = {
      read: () => memory,
      remember: (m: NonNullable<typeof memory>) => {
        expect(sent).toEqual([]);
        memory = m;
      },
      notify: (title: string) => void sent.push(title),
    };
    expect(notifyNewWarnings([warning!], { ...RULES, notify: false }, TODAY, deps)).toEqual([]);
    expect(notifyNewWarnings([warning!], RULES, TODAY, deps)).toHaveLength(1);
    expect(sent).toEqual(['Schengen days running out']);
    deps.remember = (m) => void (memory = m);
    expect(notifyNewWarnings([warning!], RULES, TODAY, deps)).toEqual([]);
    expect(sent).toHaveLength(1);
  });
});
