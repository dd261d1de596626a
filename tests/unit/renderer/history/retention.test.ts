/** The history window setting: what a person types, and what a synced value from a broken device becomes. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS, parseRetentionDays, retentionDays, retentionMs } from '../../../../src-renderer/history/retention.ts';

describe('history retention', () => {
  it('accepts whole days from 7 to 3650 and says what is wrong otherwise, in words', () => {
    expect(parseRetentionDays(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(parseRetentionDays('7')).toEqual({ ok: true, days: 7 });
    expect(parseRetentionDays('3650')).toEqual({ ok: true, days: 3650 });
    for (const bad of ['6', '3651', '30.5', '-30', '', 'ninety', '1e3']) {
      expect(parseRetentionDays(bad)).toEqual({ ok: false, message: 'Keep history for a whole number of days from 7 to 3650.' });
    }
  });

  it('falls back to 90 days for a missing or out-of-range stored value', () => {
    expect(retentionDays(undefined)).toBe(DEFAULT_RETENTION_DAYS);
    expect(retentionDays(2)).toBe(90);
    expect(retentionDays(1e9)).toBe(90);
    expect(retentionDays('30')).toBe(90);
    expect(retentionDays(365)).toBe(365);
    expect(retentionMs(90)).toBe(90 * 86_400_000);
  });
});
