import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregateReport } from '../../../../src-renderer/reports/aggregate.ts';
import {
  csvLookup,
  csvMinutes,
  guardFormula,
  parseCsv,
  REPORT_CSV_HEADER,
  reportCsv,
  serializeCsv,
  TIME_BLOCKS_CSV_HEADER,
  timeBlocksCsv,
} from '../../../../src-renderer/reports/csv.ts';
import { block, client, H, MIN, phase, project } from '../../support/reports-fixtures.ts';

const acme = client('c1', 'ACME, Inc.');
const hourly = project('p1', 'c1', { kind: 'hourly', rateMinor: 8_500 }, 'EUR', 'Website "v2"');
const fixed = project('p2', 'c1', { kind: 'fixed', feeMinor: 500_000 }, 'EUR', 'Logo');
const design = phase('ph1', 'p1', 'c1', 0, 'Design');
const lookup = csvLookup([acme], [hourly, fixed], [design]);
const START = Date.UTC(2026, 10, 20, 9, 30);

describe('timeBlocksCsv', () => {
  it('writes the header and one line per block, CRLF-terminated', () => {
    const text = timeBlocksCsv([block(hourly, START, 90 * MIN, { id: 'b-1', phaseId: 'ph1', note: 'kick-off' })], lookup);
    expect(text).toBe(
      `${TIME_BLOCKS_CSV_HEADER.join(',')}\r\n` +
        'b-1,"ACME, Inc.","Website ""v2""",Design,deep,2026-11-20T09:30:00.000Z,2026-11-20T11:00:00.000Z,90,true,8500,12750,EUR,kick-off\r\n',
    );
    expect(TIME_BLOCKS_CSV_HEADER.join(',')).toBe(
      'block_id,client,project,phase,kind,start_utc,end_utc,duration_minutes,billable,rate_minor,amount_minor,currency,note',
    );
  });

  it('leaves rate and amount empty for non-hourly projects and zero for unbilled time', () => {
    const rows = parseCsv(
      timeBlocksCsv(
        [
          block(fixed, START, H, { id: 'f' }),
          block(hourly, START, H, { id: 'n', billable: false }),
          block(hourly, START, H, { id: 'br', kind: 'break', billable: true }),
        ],
        lookup,
      ),
    );
    const pick = (r: string[] | undefined) => [r?.[0], r?.[8], r?.[9], r?.[10], r?.[11]];
    expect(rows.slice(1).map(pick)).toEqual([
      ['f', 'true', '', '', 'EUR'],
      ['n', 'false', '8500', '0', 'EUR'],
      ['br', 'true', '8500', '0', 'EUR'],
    ]);
  });

  it('keeps notes with commas, quotes and line breaks intact', () => {
    const note = 'Call with "Bob", then:\r\nfix, deploy\nand\rcheck';
    const [, row] = parseCsv(timeBlocksCsv([block(hourly, START, H, { note })], lookup));
    expect(row?.[12]).toBe(note);
    expect(row).toHaveLength(TIME_BLOCKS_CSV_HEADER.length);
  });

  it('defuses formulas in text cells, but not in numbers', () => {
    const evil = project('p3', 'c9', { kind: 'hourly', rateMinor: 0 }, 'EUR', '=HYPERLINK("http://evil.example","x")');
    const names = csvLookup([client('c9', '+cmd|calc')], [evil], [phase('ph9', 'p3', 'c9', 0, '@SUM(A1)')]);
    const [, row] = parseCsv(timeBlocksCsv([block(evil, START, 30 * MIN, { id: '-1', phaseId: 'ph9', note: '\t=1+1' })], names));
    expect(row).toEqual([
      "'-1",
      "'+cmd|calc",
      '\'=HYPERLINK("http://evil.example","x")',
      "'@SUM(A1)",
      'deep',
      '2026-11-20T09:30:00.000Z',
      '2026-11-20T10:00:00.000Z',
      '30',
      'true',
      '0',
      '0',
      'EUR',
      "'\t=1+1",
    ]);
  });

  it('falls back to ids for records it cannot find', () => {
    const stray = project('p404', 'c404', { kind: 'hourly', rateMinor: 1 });
    const [, row] = parseCsv(timeBlocksCsv([block(stray, START, H, { phaseId: 'ph404' })], lookup));
    expect(row?.slice(1, 4)).toEqual(['c404', 'p404', 'ph404']);
    expect(row?.slice(9, 12)).toEqual(['', '', '']);
  });
});

describe('csvMinutes', () => {
  it.each([
    [90 * MIN, '90'],
    [90 * 1000, '1.5'],
    [20 * 1000, '0.333'],
    [40 * 1000, '0.667'],
    [30, '0.001'],
    [29, '0'],
    [0, '0'],
    [8_640_000_000_000_001, '144000000000'],
    [8_639_999_999_999_971, '144000000000'],
    [8_639_999_999_999_969, '143999999999.999'],
  ])('%i ms is %s minutes', (ms, text) => {
    expect(csvMinutes(ms)).toBe(text);
  });
});

describe('reportCsv', () => {
  it('writes grouped rows with empty amounts for fixed fees', () => {
    const range = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };
    const blocks = [block(hourly, START, 90 * MIN, { phaseId: 'ph1' }), block(fixed, START, 20 * 1000, { kind: 'meeting' })];
    const report = aggregateReport({ clients: [acme], projects: [hourly, fixed], phases: [design], blocks }, range, 'UTC');
    const rows = parseCsv(reportCsv(report.rows));
    expect(rows[0]).toEqual([...REPORT_CSV_HEADER]);
    expect(rows.slice(1)).toEqual([
      ['ACME, Inc.', 'Logo', '', '2026-W47', '2026-11-16T00:00:00.000Z', '0.333', '0.333', '0', '0', '0', 'fixed', '', 'EUR'],
      ['ACME, Inc.', 'Website "v2"', 'Design', '2026-W47', '2026-11-16T00:00:00.000Z', '90', '90', '0', '90', '0', 'hourly', '12750', 'EUR'],
    ]);
  });
});

/** Strings heavy in the characters CSV treats specially, mixed with any Unicode. */
const cell = fc.oneof(fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', ' ', 'a', '=', '-', '\t', "'", '\uFEFF') }), fc.string({ unit: 'binary' }));

describe('serializeCsv and parseCsv', () => {
  it('round-trip any records of any strings', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (records) => {
        expect(parseCsv(serializeCsv(records))).toEqual(records);
      }),
      { numRuns: 1000 },
    );
  });

  it('guarded cells read back as the text with at most a leading quote, and never start a formula', () => {
    fc.assert(
      fc.property(cell, (text) => {
        const guarded = guardFormula(text);
        const [[back] = []] = parseCsv(serializeCsv([[guarded]]));
        expect(back).toBe(guarded);
        expect(guarded === text || guarded === `'${text}`).toBe(true);
        expect(/^[=+\-@\t\r]/u.test(guarded)).toBe(false);
        expect(guarded !== text).toBe(/^[=+\-@\t\r]/u.test(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts LF and CR line ends, a byte-order mark and a missing final line end', () => {
    expect(parseCsv('\uFEFFa,b\nc,"d\r\ne"\rf')).toEqual([['a', 'b'], ['c', 'd\r\ne'], ['f']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([['']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('refuses text it would have to guess at', () => {
    expect(() => parseCsv('a,"b')).toThrow(/never closed/u);
    expect(() => parseCsv('"a"b,c')).toThrow(/after the closing quote/u);
  });
});
