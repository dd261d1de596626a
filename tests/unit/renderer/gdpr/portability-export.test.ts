import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import type { Experiment } from '../../../../src-renderer/domain/experiment.ts';
import type { Expense } from '../../../../src-renderer/domain/expense.ts';
import type { KillSwitch } from '../../../../src-renderer/domain/kill-switch.ts';
import type { Phase } from '../../../../src-renderer/domain/phase.ts';
import type { Project } from '../../../../src-renderer/domain/project.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { EXPORT_CSV_FILES, EXPORT_CSV_HEADERS, ExportError, exportClientData, type ClientRecords } from '../../../../src-renderer/gdpr/portability-export.ts';
import { parseCsv } from '../../../../src-renderer/reports/csv.ts';
import type { InvoiceRecord } from '../../../../src-renderer/reports/invoice-register.ts';
import { draftInput } from '../../support/invoice-doc-fixtures.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 30); // 2026-11-20T09:30:00.000Z
const H = 3_600_000;
const OPTIONS = { exportedAt: Date.UTC(2026, 11, 1, 8), appVersion: '0.1.0' };

// The fixtures stay compact, a record to a few lines, so each reads as a whole (prettier-ignore).
// prettier-ignore
const client: Client = {
  id: 'c1', name: 'Acme, "Labs"', company: 'Acme Analytics GmbH', contact: { email: 'ops@acme.example', address: 'Hauptstr. 1\n10115 Berlin' },
  country: 'DE', timeZone: 'Europe/Berlin', currency: 'EUR', defaultRateMinor: 9_000, residency: { kind: 'zone', zone: 'EEA' },
  notes: '', archived: false, createdAt: 0, updatedAt: 1_000,
};
// prettier-ignore
const churn: Project = {
  id: 'p1', clientId: 'c1', name: 'Churn model', status: 'active', billing: { kind: 'hourly', rateMinor: 8_500 }, currency: 'EUR',
  estimateHours: 40, start: '2026-11-01', notes: '', successMetric: { name: 'F1', baseline: 0.62, target: 0.75, direction: 'higher' },
  costAlert: { thresholdMinor: 50_000, currency: 'USD', category: 'compute' }, createdAt: 0, updatedAt: 0,
};
// prettier-ignore
const retainer: Project = {
  id: 'p2', clientId: 'c1', name: 'Support', status: 'paused',
  billing: { kind: 'retainer', hoursPerMonth: 10, feeMinor: 100_000, overageRateMinor: 11_000 }, currency: 'EUR',
  notes: '=SUM(A1)', dataRequirements: [{ item: 'Labelled tickets', minLabeled: 500 }], createdAt: 0, updatedAt: 0,
};
// prettier-ignore
const phase: Phase = {
  id: 'ph1', projectId: 'p1', clientId: 'c1', name: 'Data prep', order: 0, budgetHours: 10, status: 'active', exitCriteria: 'Clean set',
  createdAt: 0, updatedAt: 0,
};
// prettier-ignore
const experiment: Experiment = {
  id: 'e1', projectId: 'p1', clientId: 'c1', phaseId: 'ph1', hypothesis: 'Gradient boosting beats the baseline', setup: '', metricName: 'F1',
  baseline: 0.62, status: 'running', links: ['https://example.com/run?a=1,b=2'], startedAt: T0, notes: '', createdAt: 0, updatedAt: 0,
};
// prettier-ignore
const blockA: TimeBlock = {
  id: 'b2', projectId: 'p1', clientId: 'c1', phaseId: 'ph1', experimentId: 'e1', start: T0, end: T0 + 1.5 * H, zone: 'Europe/Berlin',
  kind: 'deep', billable: true, billed: false, note: 'kick-off, "first" pass', createdAt: 0, updatedAt: 0,
};
const blockB: TimeBlock = { ...blockA, id: 'b1', phaseId: undefined, experimentId: undefined, start: T0 + 2 * H, end: T0 + 3 * H, kind: 'meeting', note: '' };
// prettier-ignore
const expense: Expense = {
  id: 'x1', projectId: 'p1', clientId: 'c1', date: '2026-11-12', amountMinor: -4_500, currency: 'USD', category: 'compute', passThrough: true,
  billed: false, receiptNote: 'GPU refund', createdAt: 0, updatedAt: 0,
};
// prettier-ignore
const killSwitch: KillSwitch = {
  id: 'k1', projectId: 'p1', clientId: 'c1', trigger: { kind: 'spend', amountMinor: 300_000, currency: 'EUR' }, consequence: 'Stop and call',
  stopsTimer: true, state: 'tripped', trippedAt: T0 + H, notes: '', createdAt: 0, updatedAt: 0,
  acknowledgements: [
    { at: T0 + 2 * H, trippedAt: T0 + H, decision: 'new-budget', note: 'Client agreed, "one more week"', previousTrigger: { kind: 'hours', hours: 20 } },
    { at: T0 + 3 * H, trippedAt: T0 + H, decision: 'continue', note: '' },
  ],
};
// prettier-ignore
const metricSwitch: KillSwitch = {
  ...killSwitch, id: 'k2', trigger: { kind: 'metric', experimentId: 'e1', comparator: '<', threshold: 0.6 }, warnAtRatio: 0.5,
  state: 'armed', trippedAt: undefined, stopsTimer: false, acknowledgements: undefined,
};
// prettier-ignore
const invoice: InvoiceRecord = {
  number: '2026-0002', clientId: 'c1', issueDate: '2026-11-21', status: 'issued', blockIds: ['b2'], expenseIds: ['x1'], totals: [['EUR', 12_750], ['USD', -4_500]],
};
const voided: InvoiceRecord = { ...invoice, number: '2026-0001', issueDate: '2026-11-20', status: 'void', voidedOn: '2026-11-21', totals: [['EUR', 100]] };

// prettier-ignore
const records: ClientRecords = {
  client,
  projects: [retainer, churn],
  phases: [phase],
  timeBlocks: [blockB, blockA],
  experiments: [experiment],
  expenses: [expense],
  killSwitches: [metricSwitch, killSwitch],
  invoices: [invoice, voided],
  invoiceDocuments: [],
};

const EPOCH = '1970-01-01T00:00:00.000Z';
// prettier-ignore
const EXPECTED = {
  format: 'caravan-client-export',
  version: 1,
  exportedAt: '2026-12-01T08:00:00.000Z',
  appVersion: '0.1.0',
  client: {
    id: 'c1', name: 'Acme, "Labs"', company: 'Acme Analytics GmbH',
    contact: { email: 'ops@acme.example', phone: null, address: 'Hauptstr. 1\n10115 Berlin' },
    country: 'DE', timeZone: 'Europe/Berlin', currency: 'EUR', defaultRate: { minor: 9_000, currency: 'EUR' },
    residency: { kind: 'zone', zone: 'EEA' }, retentionMonths: null, notes: '', archived: false, createdAt: EPOCH, updatedAt: '1970-01-01T00:00:01.000Z',
  },
  projects: [
    {
      id: 'p1', clientId: 'c1', name: 'Churn model', status: 'active', currency: 'EUR', billing: { kind: 'hourly', rate: { minor: 8_500, currency: 'EUR' } },
      estimateHours: 40, start: '2026-11-01', due: null, successMetric: { name: 'F1', baseline: 0.62, target: 0.75, direction: 'higher' },
      dataRequirements: [], ipTerms: null, costAlert: { threshold: { minor: 50_000, currency: 'USD' }, category: 'compute' }, biasTesting: null,
      notes: '', createdAt: EPOCH, updatedAt: EPOCH,
    },
    {
      id: 'p2', clientId: 'c1', name: 'Support', status: 'paused', currency: 'EUR',
      billing: { kind: 'retainer', hoursPerMonth: 10, fee: { minor: 100_000, currency: 'EUR' }, overageRate: { minor: 11_000, currency: 'EUR' }, rollover: 'none' },
      estimateHours: null, start: null, due: null, successMetric: null,
      dataRequirements: [{ item: 'Labelled tickets', format: null, minLabeled: 500, deliveredOn: null, validatedOn: null }],
      ipTerms: null, costAlert: null, biasTesting: null, notes: '=SUM(A1)', createdAt: EPOCH, updatedAt: EPOCH,
    },
  ],
  phases: [
    {
      id: 'ph1', projectId: 'p1', clientId: 'c1', name: 'Data prep', order: 0, budgetHours: 10, start: null, end: null, status: 'active',
      exitCriteria: 'Clean set', createdAt: EPOCH, updatedAt: EPOCH,
    },
  ],
  timeBlocks: [
    {
      id: 'b2', projectId: 'p1', clientId: 'c1', phaseId: 'ph1', experimentId: 'e1', start: '2026-11-20T09:30:00.000Z', end: '2026-11-20T11:00:00.000Z',
      zone: 'Europe/Berlin', kind: 'deep', billable: true, billed: false, note: 'kick-off, "first" pass', createdAt: EPOCH, updatedAt: EPOCH,
    },
    {
      id: 'b1', projectId: 'p1', clientId: 'c1', phaseId: null, experimentId: null, start: '2026-11-20T11:30:00.000Z', end: '2026-11-20T12:30:00.000Z',
      zone: 'Europe/Berlin', kind: 'meeting', billable: true, billed: false, note: '', createdAt: EPOCH, updatedAt: EPOCH,
    },
  ],
  experiments: [
    {
      id: 'e1', projectId: 'p1', clientId: 'c1', phaseId: 'ph1', hypothesis: 'Gradient boosting beats the baseline', setup: '', metricName: 'F1',
      metricUnit: null, baseline: 0.62, target: null, value: null, status: 'running', outcome: null, links: ['https://example.com/run?a=1,b=2'],
      startedAt: '2026-11-20T09:30:00.000Z', endedAt: null, notes: '', createdAt: EPOCH, updatedAt: EPOCH,
    },
  ],
  expenses: [
    {
      id: 'x1', projectId: 'p1', clientId: 'c1', date: '2026-11-12', amount: { minor: -4_500, currency: 'USD' }, category: 'compute',
      passThrough: true, billed: false, receiptNote: 'GPU refund', createdAt: EPOCH, updatedAt: EPOCH,
    },
  ],
  killSwitches: [
    {
      id: 'k1', projectId: 'p1', clientId: 'c1', trigger: { kind: 'spend', amount: { minor: 300_000, currency: 'EUR' } }, warnAtRatio: null,
      consequence: 'Stop and call', stopsTimer: true, state: 'tripped', trippedAt: '2026-11-20T10:30:00.000Z',
      acknowledgements: [
        { at: '2026-11-20T11:30:00.000Z', trippedAt: '2026-11-20T10:30:00.000Z', decision: 'new-budget', note: 'Client agreed, "one more week"', previousTrigger: { kind: 'hours', hours: 20 } },
        { at: '2026-11-20T12:30:00.000Z', trippedAt: '2026-11-20T10:30:00.000Z', decision: 'continue', note: '', previousTrigger: null },
      ],
      notes: '', createdAt: EPOCH, updatedAt: EPOCH,
    },
    {
      id: 'k2', projectId: 'p1', clientId: 'c1', trigger: { kind: 'metric', experimentId: 'e1', comparator: '<', threshold: 0.6 }, warnAtRatio: 0.5,
      consequence: 'Stop and call', stopsTimer: false, state: 'armed', trippedAt: null, acknowledgements: [], notes: '', createdAt: EPOCH, updatedAt: EPOCH,
    },
  ],
  invoices: [
    {
      number: '2026-0001', clientId: 'c1', issueDate: '2026-11-20', status: 'void', voidedOn: '2026-11-21', timeBlockIds: ['b2'], expenseIds: ['x1'],
      totals: [{ minor: 100, currency: 'EUR' }], kind: 'invoice', dueDate: null, paidOn: null, creditFor: null, voidedBy: null, documentId: null,
    },
    {
      number: '2026-0002', clientId: 'c1', issueDate: '2026-11-21', status: 'issued', voidedOn: null, timeBlockIds: ['b2'], expenseIds: ['x1'],
      totals: [{ minor: 12_750, currency: 'EUR' }, { minor: -4_500, currency: 'USD' }], kind: 'invoice', dueDate: null, paidOn: null, creditFor: null, voidedBy: null, documentId: null,
    },
  ],
  invoiceDocuments: [],
};

describe('exportClientData: JSON', () => {
  const out = exportClientData(records, OPTIONS);

  it('writes exactly the expected document, keys in declared order, two-space indent and a final newline', () => {
    expect(JSON.parse(out.json)).toEqual(EXPECTED);
    // Byte equality with the expected literal also pins the key order of every object.
    expect(out.json).toBe(`${JSON.stringify(EXPECTED, null, 2)}\n`);
    expect(out.document).toEqual(EXPECTED);
  });

  it('gives the same bytes for the same records in any order', () => {
    const again = exportClientData(records, OPTIONS);
    const shuffled = exportClientData(
      {
        ...records,
        projects: [...records.projects].reverse(),
        timeBlocks: [...records.timeBlocks].reverse(),
        killSwitches: [...records.killSwitches].reverse(),
        invoices: [...records.invoices].reverse(),
      },
      OPTIONS,
    );
    for (const other of [again, shuffled]) {
      expect(other.json).toBe(out.json);
      for (const name of EXPORT_CSV_FILES) expect(other.csv[name]).toBe(out.csv[name]);
    }
  });

  it('orders blocks by start then id, expenses by date then id, phases by project then position', () => {
    const sameStart = { ...blockA, id: 'a0' };
    const later: Expense = { ...expense, id: 'x0', date: '2026-11-13' };
    const second: Phase = { ...phase, id: 'ph0', order: 1 };
    const doc = exportClientData(
      { ...records, timeBlocks: [blockB, blockA, sameStart], expenses: [later, expense], phases: [second, phase] },
      OPTIONS,
    ).document;
    expect(doc.timeBlocks.map((b) => b.id)).toEqual(['a0', 'b2', 'b1']);
    expect(doc.expenses.map((x) => x.id)).toEqual(['x1', 'x0']);
    expect(doc.phases.map((p) => p.id)).toEqual(['ph1', 'ph0']);
  });
});

describe('exportClientData: CSV', () => {
  const out = exportClientData(records, OPTIONS);
  const rows = (name: (typeof EXPORT_CSV_FILES)[number]): string[][] => parseCsv(out.csv[name]);

  it('writes every file, each starting with its header row', () => {
    expect(Object.keys(out.csv)).toEqual([...EXPORT_CSV_FILES]);
    for (const name of EXPORT_CSV_FILES) expect(rows(name)[0]).toEqual(EXPORT_CSV_HEADERS[name]);
    expect(out.csv['time-blocks.csv'].split('\r\n')[0]).toBe(
      'block_id,project_id,client_id,phase_id,experiment_id,start_utc,end_utc,zone,kind,billable,billed,note,created_utc,updated_utc',
    );
  });

  it('quotes a name with a comma and a quote, and keeps line breaks inside the cell', () => {
    const line = out.csv['client.csv'].split('\r\n')[1] ?? '';
    expect(line.startsWith('c1,"Acme, ""Labs""",Acme Analytics GmbH,ops@acme.example,,"Hauptstr. 1\n10115 Berlin",DE,')).toBe(true);
    const [header, row] = rows('client.csv');
    const record = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    expect(record).toEqual({
      client_id: 'c1',
      name: 'Acme, "Labs"',
      company: 'Acme Analytics GmbH',
      email: 'ops@acme.example',
      phone: '',
      address: 'Hauptstr. 1\n10115 Berlin',
      country: 'DE',
      time_zone: 'Europe/Berlin',
      currency: 'EUR',
      default_rate_minor: '9000',
      residency: 'zone',
      residency_zone: 'EEA',
      residency_countries: '',
      retention_months: '',
      notes: '',
      archived: 'false',
      created_utc: EPOCH,
      updated_utc: '1970-01-01T00:00:01.000Z',
    });
  });

  it('writes instants as UTC ISO 8601 and money as minor units beside a currency', () => {
    expect(rows('time-blocks.csv').slice(1)).toEqual([
      [
        'b2',
        'p1',
        'c1',
        'ph1',
        'e1',
        '2026-11-20T09:30:00.000Z',
        '2026-11-20T11:00:00.000Z',
        'Europe/Berlin',
        'deep',
        'true',
        'false',
        'kick-off, "first" pass',
        EPOCH,
        EPOCH,
      ],
      ['b1', 'p1', 'c1', '', '', '2026-11-20T11:30:00.000Z', '2026-11-20T12:30:00.000Z', 'Europe/Berlin', 'meeting', 'true', 'false', '', EPOCH, EPOCH],
    ]);
    expect(rows('expenses.csv')[1]).toEqual(['x1', 'p1', 'c1', '2026-11-12', '-4500', 'USD', 'compute', 'true', 'false', 'GPU refund', EPOCH, EPOCH]);
    const [header, spend, metric] = rows('kill-switches.csv');
    const col = (name: string): number => (header ?? []).indexOf(name);
    expect([spend?.[col('trigger_amount_minor')], spend?.[col('trigger_currency')], spend?.[col('tripped_utc')]]).toEqual([
      '300000',
      'EUR',
      '2026-11-20T10:30:00.000Z',
    ]);
    expect([
      metric?.[col('trigger_experiment_id')],
      metric?.[col('trigger_comparator')],
      metric?.[col('trigger_threshold')],
      metric?.[col('trigger_amount_minor')],
    ]).toEqual(['e1', '<', '0.6', '']);
  });

  it('writes each kill switch acknowledgement as a row, with the decision and the stop point it replaced', () => {
    expect(rows('kill-switch-acknowledgements.csv')).toEqual([
      ['kill_switch_id', 'project_id', 'client_id', 'acknowledged_utc', 'tripped_utc', 'decision', 'note', 'previous_trigger_json'],
      ['k1', 'p1', 'c1', '2026-11-20T11:30:00.000Z', '2026-11-20T10:30:00.000Z', 'new-budget', 'Client agreed, "one more week"', '{"kind":"hours","hours":20}'],
      ['k1', 'p1', 'c1', '2026-11-20T12:30:00.000Z', '2026-11-20T10:30:00.000Z', 'continue', '', ''],
    ]);
  });

  it('writes the client’s invoices from the register, void ones as void', () => {
    expect(rows('invoices.csv')).toEqual([
      // prettier-ignore
      ['invoice_number', 'client_id', 'issue_date', 'status', 'voided_on', 'time_block_ids_json', 'expense_ids_json', 'totals_json', 'kind', 'due_date', 'paid_on', 'credit_for_number', 'voided_by_number', 'document_id'],
      ['2026-0001', 'c1', '2026-11-20', 'void', '2026-11-21', '["b2"]', '["x1"]', '[{"minor":100,"currency":"EUR"}]', 'invoice', '', '', '', '', ''],
      // prettier-ignore
      ['2026-0002', 'c1', '2026-11-21', 'issued', '', '["b2"]', '["x1"]', '[{"minor":12750,"currency":"EUR"},{"minor":-4500,"currency":"USD"}]', 'invoice', '', '', '', '', ''],
    ]);
  });

  it('writes the invoice documents as sent, with their lines, and links a credit note to the invoice it voids', () => {
    const base = { ...draftInput('c1'), createdAt: 0, updatedAt: 1_000 };
    const sent = { ...base, id: 'd1', state: 'issued' as const, number: 'RE-2026-0001', issuedAt: 5_000, pdfBase64: 'JVBERi0=', xml: '<Invoice/>' };
    const note = {
      ...base,
      id: 'd2',
      kind: 'credit-note' as const,
      state: 'issued' as const,
      number: 'GS-2026-0001',
      series: 'GS-',
      creditFor: { id: 'd1', number: 'RE-2026-0001', issueDate: '2026-11-30' },
    };
    const issued = {
      ...invoice,
      number: 'RE-2026-0001',
      key: 'invoice/d1',
      series: 'RE-',
      status: 'void' as const,
      voidedOn: '2026-12-01',
      voidedBy: 'invoice/d2',
    };
    const credit = {
      ...invoice,
      number: 'GS-2026-0001',
      key: 'invoice/d2',
      series: 'GS-',
      kind: 'credit-note' as const,
      creditFor: 'invoice/d1',
      blockIds: [],
      expenseIds: [],
    };
    const out = exportClientData({ ...records, invoices: [issued, credit], invoiceDocuments: [note, sent] }, OPTIONS);
    expect(out.document.invoices.map((r) => [r.number, r.kind, r.creditFor, r.voidedBy, r.documentId])).toEqual([
      ['GS-2026-0001', 'credit-note', 'RE-2026-0001', null, 'd2'],
      ['RE-2026-0001', 'invoice', null, 'GS-2026-0001', 'd1'],
    ]);
    const [first] = out.document.invoiceDocuments;
    expect(first).toMatchObject({ id: 'd2', kind: 'credit-note', number: 'GS-2026-0001', pdfBase64: null, xml: null, fixedRate: null, issuedAt: null });
    expect(out.document.invoiceDocuments[1]).toMatchObject({ id: 'd1', pdfBase64: 'JVBERi0=', xml: '<Invoice/>', issuedAt: '1970-01-01T00:00:05.000Z' });
    expect(out.document.invoiceDocuments[1]?.buyer).toMatchObject({ legalName: 'Łódź Analytics sp. z o.o.', buyerReference: null });
    const csvRows = parseCsv(out.csv['invoice-documents.csv']);
    expect(csvRows[0]?.slice(0, 5)).toEqual(['document_id', 'client_id', 'kind', 'state', 'number']);
    expect(csvRows.slice(1).map((r) => [r[0], r[4], r[csvRows[0]!.indexOf('credit_for_number')]])).toEqual([
      ['d2', 'GS-2026-0001', 'RE-2026-0001'],
      ['d1', 'RE-2026-0001', ''],
    ]);
    const lines = parseCsv(out.csv['invoice-lines.csv']);
    const col = (name: string) => lines[0]!.indexOf(name);
    expect(lines.slice(1).map((r) => [r[col('document_id')], r[col('unit_price_minor')], r[col('billed_ms')], r[col('currency')]])).toEqual([
      ['d2', '9500', '7200000', 'EUR'],
      ['d1', '9500', '7200000', 'EUR'],
    ]);
  });

  it('flattens billing, writes lists as JSON cells and guards text against formulas', () => {
    const [header, hourly, support] = rows('projects.csv');
    const col = (name: string): number => (header ?? []).indexOf(name);
    expect([
      hourly?.[col('billing')],
      hourly?.[col('rate_minor')],
      hourly?.[col('fee_minor')],
      hourly?.[col('cost_alert_threshold_minor')],
      hourly?.[col('cost_alert_currency')],
    ]).toEqual(['hourly', '8500', '', '50000', 'USD']);
    expect([support?.[col('fee_minor')], support?.[col('overage_rate_minor')], support?.[col('retainer_hours_per_month')], support?.[col('rollover')]]).toEqual(
      ['100000', '11000', '10', 'none'],
    );
    expect(JSON.parse(support?.[col('data_requirements_json')] ?? '')).toEqual(EXPECTED.projects[1]?.dataRequirements);
    expect(support?.[col('notes')]).toBe("'=SUM(A1)");
    const [eHeader, e1] = rows('experiments.csv');
    expect(JSON.parse(e1?.[(eHeader ?? []).indexOf('links_json')] ?? '')).toEqual(['https://example.com/run?a=1,b=2']);
  });

  it('writes a header row alone when there are no records of a kind', () => {
    const empty = exportClientData(
      { client, projects: [], phases: [], timeBlocks: [], experiments: [], expenses: [], killSwitches: [], invoices: [], invoiceDocuments: [] },
      OPTIONS,
    );
    expect(empty.csv['expenses.csv']).toBe(`${EXPORT_CSV_HEADERS['expenses.csv'].join(',')}\r\n`);
    expect(empty.document.projects).toEqual([]);
  });
});

describe('exportClientData: refuses anything that is not this client’s', () => {
  const foreignProject: Project = { ...churn, id: 'p9', clientId: 'c2' };
  const refusal = (change: Partial<ClientRecords>): ExportError => {
    try {
      exportClientData({ ...records, ...change }, OPTIONS);
    } catch (error) {
      if (error instanceof ExportError) return error;
      throw error;
    }
    throw new Error('the export was not refused');
  };

  const cases: [string, Partial<ClientRecords>, string, string][] = [
    ['a project of another client', { projects: [churn, retainer, foreignProject] }, 'project', 'p9'],
    ['a phase of another client', { phases: [phase, { ...phase, id: 'ph9', clientId: 'c2' }] }, 'phase', 'ph9'],
    ['a phase of a project not passed in', { phases: [phase, { ...phase, id: 'ph9', projectId: 'p9' }] }, 'phase', 'ph9'],
    ['a time block of another client', { timeBlocks: [blockA, { ...blockB, clientId: 'c2' }] }, 'time block', 'b1'],
    ['a time block of a project not passed in', { timeBlocks: [blockA, { ...blockB, projectId: 'p9' }] }, 'time block', 'b1'],
    ['an experiment of another client', { experiments: [experiment, { ...experiment, id: 'e9', clientId: 'c2' }] }, 'experiment', 'e9'],
    ['an experiment of a project not passed in', { experiments: [experiment, { ...experiment, id: 'e9', projectId: 'p9' }] }, 'experiment', 'e9'],
    ['an expense of another client', { expenses: [{ ...expense, clientId: 'c2' }] }, 'expense', 'x1'],
    ['an expense of a project not passed in', { expenses: [{ ...expense, projectId: 'p9' }] }, 'expense', 'x1'],
    ['a kill switch of another client', { killSwitches: [killSwitch, { ...metricSwitch, clientId: 'c2' }] }, 'kill switch', 'k2'],
    ['a kill switch of a project not passed in', { killSwitches: [{ ...killSwitch, projectId: 'p9' }] }, 'kill switch', 'k1'],
    ['an invoice of another client', { invoices: [invoice, { ...voided, clientId: 'c2' }] }, 'invoice', '2026-0001'],
    [
      'a block whose phase belongs to another project',
      { timeBlocks: [{ ...blockA, phaseId: 'ph2' }], phases: [phase, { ...phase, id: 'ph2', projectId: 'p2' }] },
      'time block',
      'b2',
    ],
  ];
  it.each(cases)('refuses %s', (_what, change, kind, id) => {
    const error = refusal(change);
    expect(error.code).toBe('foreign-record');
    expect(error.recordKind).toBe(kind);
    expect(error.recordId).toBe(id);
    expect(error.message).toContain(`${kind} ${id}`);
    expect(error.message).toContain('Nothing was exported.');
  });

  it('says which client a foreign record belongs to, without its content', () => {
    const error = refusal({ projects: [churn, retainer, { ...foreignProject, name: 'Secret' }] });
    expect(error.message).toBe('The export of client c1 was stopped: project p9 belongs to client c2. Nothing was exported.');
  });

  it('refuses references to phases or experiments that were not passed in', () => {
    for (const [change, kind, id] of [
      [{ phases: [], timeBlocks: [blockB] }, 'experiment', 'e1'],
      [{ experiments: [], killSwitches: [killSwitch] }, 'time block', 'b2'],
      [{ experiments: [], timeBlocks: [], killSwitches: [metricSwitch] }, 'kill switch', 'k2'],
    ] as const) {
      const error = refusal(change);
      expect(error.code).toBe('missing-reference');
      expect([error.recordKind, error.recordId]).toEqual([kind, id]);
    }
  });

  it('refuses a repeated id and an invalid export time', () => {
    expect(refusal({ timeBlocks: [blockA, blockA] }).code).toBe('duplicate-id');
    expect(() => exportClientData(records, { ...OPTIONS, exportedAt: Number.NaN })).toThrow(ExportError);
  });
});
