import { describe, expect, it } from 'vitest';
import { detectTimeFormat } from '../../../../src-renderer/time-import/vendors.ts';
import { readHeaders } from '../../../../src-renderer/csv/read-csv.ts';
import { fixture, planFixture, shown } from './support.ts';

describe('the three vendors’ detailed reports, read to the exact blocks', () => {
  it('Toggl Track: wall times in the chosen zone, the rate from amount / duration, a block across midnight', async () => {
    const { plan, mapping } = await planFixture('toggl-detailed.csv', { zone: 'Europe/Lisbon' });
    expect(mapping).toMatchObject({ source: 'toggl', currency: 'EUR', columns: { amount: 'Amount (EUR)', user: 'Email' } });
    expect(plan.errors).toEqual([]);
    expect(shown(plan)).toEqual([
      // Lisbon is on UTC in winter.
      {
        line: 2,
        start: '2026-03-02T09:00:00.000Z',
        end: '2026-03-02T10:30:00.000Z',
        zone: 'Europe/Lisbon',
        client: 'Łódź Analytics',
        project: 'Churn model',
        billable: true,
        rate: '9000 EUR',
        note: 'Modelling: Feature engineering',
      },
      {
        line: 3,
        start: '2026-03-02T14:00:00.000Z',
        end: '2026-03-02T15:00:00.000Z',
        zone: 'Europe/Lisbon',
        client: 'Łódź Analytics',
        project: 'Churn model',
        billable: true,
        rate: '9000 EUR',
        note: 'Modelling: Model review',
      },
      {
        line: 4,
        start: '2026-03-03T08:15:00.000Z',
        end: '2026-03-03T09:00:00.000Z',
        zone: 'Europe/Lisbon',
        client: 'Zürich Re',
        project: 'Pricing audit',
        billable: false,
        rate: null,
        note: 'Call, notes',
      },
      {
        line: 5,
        start: '2026-03-04T23:30:00.000Z',
        end: '2026-03-05T00:45:00.000Z',
        zone: 'Europe/Lisbon',
        client: 'Αθήνα Labs',
        project: 'Vision pilot',
        billable: true,
        rate: '6000 EUR',
        note: 'Data labelling',
      },
    ]);
    expect(plan.newClients.map((c) => [c.name, c.country, c.timeZone, c.currency])).toEqual([
      ['Łódź Analytics', 'PT', 'Europe/Lisbon', 'EUR'],
      ['Zürich Re', 'PT', 'Europe/Lisbon', 'EUR'],
      ['Αθήνα Labs', 'PT', 'Europe/Lisbon', 'EUR'],
    ]);
    expect(plan.newProjects.map((p) => [p.name, p.rateMinor, p.currency])).toEqual([
      ['Churn model', 9000, 'EUR'],
      ['Pricing audit', null, null],
      ['Vision pilot', 6000, 'EUR'],
    ]);
    expect(plan.totalMs).toBe((90 + 60 + 45 + 75) * 60_000);
    expect(plan.billableMs).toBe((90 + 60 + 75) * 60_000);
  });

  it('Clockify: month-first dates and 12-hour times, the rate from its column, in another zone', async () => {
    const { plan, mapping } = await planFixture('clockify-detailed.csv', { zone: 'Europe/Berlin' });
    expect(mapping).toMatchObject({ source: 'clockify', dateOrder: 'mdy', currency: 'EUR', columns: { rate: 'Billable Rate (EUR)' } });
    expect(shown(plan)).toEqual([
      {
        line: 2,
        start: '2026-03-02T08:00:00.000Z',
        end: '2026-03-02T09:30:00.000Z',
        zone: 'Europe/Berlin',
        client: 'Łódź Analytics',
        project: 'Churn model',
        billable: true,
        rate: '9000 EUR',
        note: 'Modelling: Feature engineering',
      },
      {
        line: 3,
        start: '2026-03-03T07:15:00.000Z',
        end: '2026-03-03T08:00:00.000Z',
        zone: 'Europe/Berlin',
        client: 'Zürich Re',
        project: 'Pricing audit',
        billable: false,
        rate: null,
        note: 'Call, notes',
      },
      {
        line: 4,
        start: '2026-03-10T13:00:00.000Z',
        end: '2026-03-10T14:00:00.000Z',
        zone: 'Europe/Berlin',
        client: 'Αθήνα Labs',
        project: 'Vision pilot',
        billable: true,
        rate: '6000 EUR',
        note: 'Data labelling',
      },
    ]);
  });

  it('Harvest: no start times, so a day’s entries are laid one after another from 09:00; the currency from its column', async () => {
    const { plan, mapping } = await planFixture('harvest-detailed.csv', { zone: 'Europe/Zurich' });
    expect(mapping).toMatchObject({ source: 'harvest', columns: { duration: 'Hours', currency: 'Currency', rate: 'Billable Rate' } });
    expect(mapping.columns.startTime).toBeUndefined();
    expect(shown(plan)).toEqual([
      {
        line: 2,
        start: '2026-03-02T08:00:00.000Z',
        end: '2026-03-02T09:30:00.000Z',
        zone: 'Europe/Zurich',
        client: 'Łódź Analytics',
        project: 'Churn model',
        billable: true,
        rate: '9000 EUR',
        note: 'Modelling: Feature engineering',
      },
      {
        line: 3,
        start: '2026-03-02T09:30:00.000Z',
        end: '2026-03-02T10:30:00.000Z',
        zone: 'Europe/Zurich',
        client: 'Łódź Analytics',
        project: 'Churn model',
        billable: true,
        rate: '9000 EUR',
        note: 'Modelling: Model review',
      },
      {
        line: 4,
        start: '2026-03-03T08:00:00.000Z',
        end: '2026-03-03T08:45:00.000Z',
        zone: 'Europe/Zurich',
        client: 'Zürich Re',
        project: 'Pricing audit',
        billable: false,
        rate: null,
        note: 'Meetings: Call, notes',
      },
    ]);
    // The new client takes the currency of its rows (Harvest writes "Swiss Franc - CHF").
    expect(plan.newClients.find((c) => c.name === 'Zürich Re')?.currency).toBe('CHF');
  });

  it('the same entry has the same key in Toggl and in Toggl re-exported; identical rows are numbered', async () => {
    const a = await planFixture('toggl-detailed.csv');
    const b = await planFixture('toggl-detailed.csv', { zone: 'Asia/Tokyo' });
    // The key is the row's, not the zone's: importing again in another zone still finds it.
    expect(b.plan.blocks.map((x) => x.key)).toEqual(a.plan.blocks.map((x) => x.key));
    expect(new Set(a.plan.blocks.map((x) => x.key)).size).toBe(4);
    const twice = fixture('toggl-detailed.csv').split('\r\n');
    const doubled = [...twice.slice(0, 3), twice[2], ''].join('\r\n');
    const { readReport, readEntries } = await import('../../../../src-renderer/time-import/read-report.ts');
    const report = await readReport(doubled);
    const read = readEntries(report, a.mapping);
    expect(read.entries.map((e) => e.key.split('#')[1])).toEqual(['1', '1', '2']);
  });
});

describe('headers that differ go to the mapping step', () => {
  it('German Toggl headers resemble Toggl and every column is preselected', async () => {
    const detection = detectTimeFormat(await readHeaders(fixture('toggl-german.csv')));
    expect(detection.kind).toBe('mapping');
    if (detection.kind !== 'mapping') return;
    expect(detection.resembles).toBeNull();
    expect(detection.suggestion).toMatchObject({
      date: 'Startdatum',
      startTime: 'Startzeit',
      endDate: 'Enddatum',
      endTime: 'Endzeit',
      duration: 'Dauer',
      client: 'Kunde',
      project: 'Projekt',
      task: 'Aufgabe',
      description: 'Beschreibung',
      billable: 'Abrechenbar',
      amount: 'Betrag (CHF)',
      // Both name a person; the first exact match is taken.
      user: 'Benutzer',
    });
  });

  it('a Toggl file with a renamed column resembles Toggl, with Toggl’s other columns preselected', () => {
    const headers = [
      'User',
      'Email',
      'Client',
      'Project',
      'Task',
      'Description',
      'Billable',
      'Start date',
      'Start time',
      'End date',
      'Stop time',
      'Duration',
      'Amount (USD)',
    ];
    const detection = detectTimeFormat(headers);
    expect(detection.kind).toBe('mapping');
    if (detection.kind !== 'mapping') return;
    expect(detection.resembles?.source).toBe('toggl');
    expect(detection.suggestion).toMatchObject({ date: 'Start date', startTime: 'Start time', endDate: 'End date', duration: 'Duration', project: 'Project' });
  });

  it('the German file read through its mapping: day-first dates, Ja/Nein, francs', async () => {
    const { plan } = await planFixture('toggl-german.csv', {
      zone: 'Europe/Zurich',
      mapping: {
        source: 'toggl',
        columns: {
          date: 'Startdatum',
          startTime: 'Startzeit',
          endDate: 'Enddatum',
          endTime: 'Endzeit',
          duration: 'Dauer',
          client: 'Kunde',
          project: 'Projekt',
          description: 'Beschreibung',
          billable: 'Abrechenbar',
          amount: 'Betrag (CHF)',
          user: 'E-Mail',
        },
        dateOrder: 'dmy',
        decimal: '.',
        currency: 'CHF',
      },
    });
    expect(shown(plan)).toEqual([
      {
        line: 2,
        start: '2026-03-02T08:00:00.000Z',
        end: '2026-03-02T09:00:00.000Z',
        zone: 'Europe/Zurich',
        client: 'Zürich Re',
        project: 'Preisprüfung',
        billable: true,
        rate: '12000 CHF',
        note: 'Kick-off',
      },
      {
        line: 3,
        start: '2026-03-03T12:00:00.000Z',
        end: '2026-03-03T12:30:00.000Z',
        zone: 'Europe/Zurich',
        client: 'Zürich Re',
        project: 'Preisprüfung',
        billable: false,
        rate: null,
        note: 'Bericht',
      },
    ]);
  });
});

describe('bad rows', () => {
  it('each is named by row and field in words, and nothing is planned from a file with errors', async () => {
    const { plan } = await planFixture('toggl-bad-rows.csv');
    expect(plan.errors).toEqual([
      "Row 3: 'Europe/Lisbn' is not a time zone.",
      'Row 4: End 09:00 is before Start 10:30.',
      'Row 5: Start date "2026-02-30" is not a date in the order chosen under Dates.',
      'Row 6: 02:30 on 2026-03-29 does not exist in Europe/Zurich: the clocks skip that hour. Correct the time in the file.',
    ]);
    expect(plan.errorCount).toBe(4);
    // The zone column wins over the import's zone.
    expect(shown(plan)[0]).toMatchObject({ line: 2, start: '2026-03-02T08:00:00.000Z', zone: 'Europe/Zurich' });
  });
});
