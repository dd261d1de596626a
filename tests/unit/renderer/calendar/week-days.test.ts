import { describe, expect, it } from 'vitest';
import { resnapWeek, weekDays, weekStartOf } from '../../../../src-renderer/calendar/week/week-days.ts';

describe('resnapWeek', () => {
  it('keeps the same Monday-to-Sunday week when the zone changes, east or west', () => {
    // Monday 7 December 2026, 00:00 in Berlin, is Sunday 18:00 in New York: read as is in New York
    // it would draw Sunday 6 to Saturday 12 December.
    const berlin = weekStartOf(Date.parse('2026-12-09T12:00:00Z'), 'Europe/Berlin');
    expect(weekDays(berlin, 'America/New_York')[0]!.iso).toBe('2026-12-06');
    for (const zone of ['America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Europe/Berlin']) {
      const days = weekDays(resnapWeek(berlin, zone), zone);
      expect(days.map((d) => d.iso)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    }
  });
});
