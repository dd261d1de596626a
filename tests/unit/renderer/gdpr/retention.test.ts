/** Retention review: when a client's period ends, who is due, and what "Keep" does. */
import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { parseRetention, toClientInput, clientFormValues } from '../../../../src-renderer/clients/client-form.ts';
import { exportClientData } from '../../../../src-renderer/gdpr/portability-export.ts';
import {
  addMonthsUtc,
  extendedRetention,
  lastActivity,
  latestBlockEnds,
  MAX_RETENTION_MONTHS,
  retentionInWords,
  retentionReviews,
} from '../../../../src-renderer/gdpr/retention.ts';
import { parseCsv } from '../../../../src-renderer/reports/csv.ts';

const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

const client = (id: string, name: string, updatedAt: number, retentionMonths?: number): Client => ({
  id,
  name,
  contact: {},
  country: 'DE',
  timeZone: 'Europe/Berlin',
  currency: 'EUR',
  defaultRateMinor: 0,
  residency: { kind: 'device-only' },
  notes: '',
  archived: false,
  createdAt: updatedAt,
  updatedAt,
  ...(retentionMonths === undefined ? {} : { retentionMonths }),
});

const block = (id: string, clientId: string, end: number): TimeBlock => ({
  id,
  projectId: `p-${clientId}`,
  clientId,
  start: end - 3_600_000,
  end,
  zone: 'UTC',
  kind: 'deep',
  billable: true,
  billed: false,
  note: '',
  createdAt: end,
  updatedAt: end,
});

describe('addMonthsUtc', () => {
  it('adds calendar months, keeping the time of day', () => {
    expect(addMonthsUtc(utc(2026, 3, 15, 9), 1)).toBe(utc(2026, 4, 15, 9));
    expect(addMonthsUtc(utc(2026, 11, 30, 23), 2)).toBe(utc(2027, 1, 30, 23));
    expect(addMonthsUtc(utc(2026, 1, 1), 1_200)).toBe(utc(2126, 1, 1));
  });

  it('clamps the day to the length of the target month', () => {
    expect(addMonthsUtc(utc(2026, 1, 31), 1)).toBe(utc(2026, 2, 28));
    expect(addMonthsUtc(utc(2028, 1, 31), 1)).toBe(utc(2028, 2, 29));
    expect(addMonthsUtc(utc(2026, 8, 31), 1)).toBe(utc(2026, 9, 30));
    expect(addMonthsUtc(utc(2026, 3, 31), -1)).toBe(utc(2026, 2, 28));
  });
});

describe('last activity', () => {
  it('is the later of the client’s last edit and its latest block’s end', () => {
    const c = client('c1', 'Acme', utc(2026, 1, 10));
    expect(lastActivity(c, undefined)).toBe(utc(2026, 1, 10));
    expect(lastActivity(c, utc(2026, 3, 1))).toBe(utc(2026, 3, 1));
    expect(lastActivity(c, utc(2025, 12, 1))).toBe(utc(2026, 1, 10));
  });

  it('takes each client’s latest block end, whatever the order', () => {
    const ends = latestBlockEnds([block('b1', 'c1', 5), block('b2', 'c2', 7), block('b3', 'c1', 9), block('b4', 'c1', 3)]);
    expect(Object.fromEntries(ends)).toEqual({ c1: 9, c2: 7 });
  });
});

describe('retentionReviews', () => {
  const now = utc(2026, 11, 30, 12);

  it('lists only clients with a period that ended before now, longest overdue first', () => {
    const clients = [
      client('none', 'No limit', utc(2020, 1, 1)),
      client('recent', 'Recent work', utc(2026, 1, 1), 6),
      client('old', 'Old edit', utc(2025, 1, 1), 12),
      client('older', 'Older edit', utc(2024, 6, 1), 12),
      client('edited', 'Edited lately', utc(2026, 11, 1), 1),
    ];
    // "Recent work" was last edited 11 months ago, but worked on last week: not due.
    const due = retentionReviews(clients, [block('b1', 'recent', utc(2026, 11, 23))], now);
    expect(due.map((d) => d.client.id)).toEqual(['older', 'old']);
    expect(due[1]).toMatchObject({ lastActivity: utc(2025, 1, 1), endedAt: utc(2026, 1, 1) });
  });

  it('is due only once the end is in the past', () => {
    const c = client('c1', 'Acme', utc(2026, 10, 30, 12), 1);
    expect(retentionReviews([c], [], utc(2026, 11, 30, 12))).toEqual([]);
    expect(retentionReviews([c], [], utc(2026, 11, 30, 12) + 1)).toHaveLength(1);
  });

  it('counts archived clients too: their data is kept all the same', () => {
    expect(retentionReviews([{ ...client('c1', 'Acme', utc(2020, 1, 1), 1), archived: true }], [], now)).toHaveLength(1);
  });

  it('a block older than the period does not keep a client', () => {
    const c = client('c1', 'Acme', utc(2026, 8, 1), 1);
    expect(retentionReviews([c], [block('b1', 'c1', utc(2026, 7, 1))], now).map((d) => d.endedAt)).toEqual([utc(2026, 9, 1)]);
  });
});

describe('keep and words', () => {
  it('extends by 12 months, never past the maximum', () => {
    expect(extendedRetention(1)).toBe(13);
    expect(extendedRetention(MAX_RETENTION_MONTHS - 5)).toBe(MAX_RETENTION_MONTHS);
  });

  it('says the period for the Art. 30 record, nothing without one', () => {
    expect(retentionInWords(undefined)).toBeUndefined();
    expect(retentionInWords(1)).toMatch(/^1 month after the last activity/);
    expect(retentionInWords(24)).toMatch(/^24 months after the last activity for the controller/);
  });
});

describe('the client form’s "Keep data for (months)"', () => {
  it('reads empty as no limit and a whole number as months', () => {
    expect(parseRetention('')).toEqual({ ok: true, months: undefined });
    expect(parseRetention('  ')).toEqual({ ok: true, months: undefined });
    expect(parseRetention(' 18 ')).toEqual({ ok: true, months: 18 });
  });

  it.each(['0', '-3', '1.5', '12 months', '1e2', '1201'])('refuses %j with what to type', (text) => {
    expect(parseRetention(text)).toEqual({ ok: false, message: 'Keep data for: a whole number of months from 1 to 1200, or leave it empty for no limit.' });
  });

  it('round-trips through the form, and an emptied field removes the period', () => {
    const stored = client('c1', 'Acme', 1, 36);
    expect(clientFormValues(stored).retention).toBe('36');
    expect(toClientInput(clientFormValues(stored))).toMatchObject({ ok: true, input: { retentionMonths: 36 } });
    const emptied = toClientInput({ ...clientFormValues(stored), retention: '' });
    expect(emptied.ok && 'retentionMonths' in emptied.input && emptied.input.retentionMonths === undefined).toBe(true);
  });
});

describe('the export carries the retention period', () => {
  const records = { projects: [], phases: [], timeBlocks: [], experiments: [], expenses: [], killSwitches: [], invoices: [], invoiceDocuments: [] };
  const options = { exportedAt: utc(2026, 12, 1), appVersion: '0.1.0' };

  it('as retentionMonths in JSON and retention_months in client.csv, null and empty without one', () => {
    const withPeriod = exportClientData({ ...records, client: client('c1', 'Acme', 0, 24) }, options);
    const without = exportClientData({ ...records, client: client('c1', 'Acme', 0) }, options);
    expect(withPeriod.document.client.retentionMonths).toBe(24);
    expect(without.document.client.retentionMonths).toBeNull();
    const cell = (csv: string) => {
      const [header, row] = parseCsv(csv);
      return row?.[(header ?? []).indexOf('retention_months')];
    };
    expect(cell(withPeriod.csv['client.csv'])).toBe('24');
    expect(cell(without.csv['client.csv'])).toBe('');
  });
});
