/** What a calendar export holds: by period, client and kind, with the clients named for the locality check. */
import { describe, expect, it } from 'vitest';
import type { KillSwitch } from '../../../../../src-renderer/domain/kill-switch.ts';
import { type CalendarExportChoice, calendarExportItems } from '../../../../../src-renderer/calendar/ics/export-items.ts';
import { exportIcs } from '../../../../../src-renderer/calendar/ics/export-ics.ts';
import type { ExportFile } from '../../../../../src-renderer/exports/save-export.ts';
import type { RegisteredInvoice } from '../../../../../src-renderer/reports/invoice-register.ts';
import { block, client, H, phase, project } from '../../../support/reports-fixtures.ts';

const at = (iso: string) => Date.parse(iso);
const lodz = client('c-pl', 'Łódź Analytics');
const zurich = client('c-ch', 'Zürich Re');
const assay = project('p1', lodz.id, { kind: 'hourly', rateMinor: 10_000 }, 'EUR', 'Assay classifier');
const risk = project('p2', zurich.id, { kind: 'hourly', rateMinor: 10_000 }, 'CHF', 'Risk model');
const inRange = block(assay, at('2026-11-03T08:00:00Z'), 2 * H, { id: 'blk-1', note: 'Feature store', zone: 'Europe/Warsaw' });
const zurichBlock = block(risk, at('2026-11-04T08:00:00Z'), H, { id: 'blk-2', kind: 'meeting', zone: 'Europe/Zurich' });
const before = block(assay, at('2026-10-31T23:30:00Z'), H, { id: 'blk-0' }); // 23:30 on 31 October in Lisbon, 00:30 on 1 November in Berlin
const deadline = { ...phase('ph-1', assay.id, lodz.id, 0, 'Discovery'), end: '2026-11-20' };
const skipped = { ...phase('ph-2', assay.id, lodz.id, 1, 'Skipped'), end: '2026-11-21', status: 'skipped' as const };
const killSwitch: KillSwitch = {
  id: 'ks-1',
  projectId: risk.id,
  clientId: zurich.id,
  trigger: { kind: 'date', date: '2026-11-25' },
  consequence: 'Stop and call Zürich',
  stopsTimer: true,
  state: 'armed',
  notes: '',
  createdAt: 0,
  updatedAt: 0,
};
const invoice = (extra: Partial<RegisteredInvoice>): RegisteredInvoice => ({
  key: 'invoice/0123456789abcdef',
  number: 'INV-2026-0001',
  clientId: lodz.id,
  issueDate: '2026-11-01',
  status: 'issued',
  blockIds: [],
  expenseIds: [],
  totals: [['EUR', 120_000]],
  series: 'INV-',
  dueDate: '2026-11-15',
  ...extra,
});
const DATA = {
  clients: [lodz, zurich],
  projects: [assay, risk],
  phases: [deadline, skipped],
  killSwitches: [killSwitch],
  blocks: [before, inRange, zurichBlock],
  invoices: [
    invoice({}),
    invoice({ key: 'invoice/void', number: 'INV-2026-0002', status: 'void', voidedOn: '2026-11-02' }),
    invoice({ key: 'invoice/cn', number: 'CN-2026-0001', kind: 'credit-note' }),
  ],
};
const ALL = { blocks: true, deadlines: true, killSwitches: true, invoices: true };
const NOVEMBER: CalendarExportChoice = { from: '2026-11-01', to: '2026-11-30', zone: 'Europe/Lisbon', clientIds: null, include: ALL };

describe('calendarExportItems', () => {
  it('holds the period’s blocks, deadlines, kill-switch dates and due dates, by start, each with a stable UID', () => {
    const { items, clientIds } = calendarExportItems(DATA, NOVEMBER);
    expect(items.map((i) => [i.uid, i.summary])).toEqual([
      ['blk-1@caravan', 'Assay classifier – Deep work'],
      ['blk-2@caravan', 'Risk model – Meeting'],
      ['0123456789abcdef@caravan', 'INV-2026-0001 due (Łódź Analytics)'],
      ['ph-1@caravan', 'Assay classifier – Discovery ends'],
      ['ks-1@caravan', 'Kill switch: Risk model'],
    ]);
    expect(items[0]).toMatchObject({ kind: 'timed', zone: 'Europe/Warsaw', description: 'Feature store', start: inRange.start, end: inRange.end });
    expect(items[2]).toMatchObject({ kind: 'all-day', day: '2026-11-15' });
    expect(clientIds.sort()).toEqual(['c-ch', 'c-pl']);
  });

  it('reads the period’s days in the chosen zone', () => {
    const berlin = calendarExportItems(DATA, {
      ...NOVEMBER,
      zone: 'Europe/Berlin',
      include: { ...ALL, deadlines: false, killSwitches: false, invoices: false },
    });
    expect(berlin.items.map((i) => i.uid)).toEqual(['blk-0@caravan', 'blk-1@caravan', 'blk-2@caravan']);
  });

  it('keeps to the chosen clients and kinds, and names only the clients it holds', () => {
    const onlyZurich = calendarExportItems(DATA, { ...NOVEMBER, clientIds: new Set(['c-ch']) });
    expect(onlyZurich.items.map((i) => i.uid)).toEqual(['blk-2@caravan', 'ks-1@caravan']);
    expect(onlyZurich.clientIds).toEqual(['c-ch']);
    const dueDates = calendarExportItems(DATA, { ...NOVEMBER, include: { blocks: false, deadlines: false, killSwitches: false, invoices: true } });
    expect(dueDates.clientIds).toEqual(['c-pl']);
  });
});

describe('exportIcs', () => {
  it('saves one calendar-ics file naming the clients it holds', async () => {
    const saved: ExportFile[] = [];
    const outcome = await exportIcs({ now: () => 0, save: async (file) => (saved.push(file), '/tmp/x.ics') }, DATA, {
      ...NOVEMBER,
      clientIds: new Set(['c-pl']),
    });
    expect(outcome).toEqual({ kind: 'saved', path: '/tmp/x.ics', events: 3 });
    expect(saved.map((f) => [f.kind, f.stem, f.clients.map((c) => c.name)])).toEqual([
      ['calendar-ics', 'caravan-calendar-2026-11-01-2026-11-30', ['Łódź Analytics']],
    ]);
    expect(saved[0]?.content).toContain('SUMMARY:INV-2026-0001 due (Łódź Analytics)');
  });

  it('refuses in words before asking where to save', async () => {
    const save = async () => {
      throw new Error('must not be asked');
    };
    expect(await exportIcs({ now: () => 0, save }, DATA, { ...NOVEMBER, to: '2026-10-01' })).toEqual({
      kind: 'refused',
      message: 'To: must not be before From.',
    });
    expect(
      await exportIcs({ now: () => 0, save }, DATA, { ...NOVEMBER, include: { blocks: false, deadlines: false, killSwitches: false, invoices: false } }),
    ).toEqual({
      kind: 'refused',
      message: 'Include: choose at least one kind of event.',
    });
    expect(await exportIcs({ now: () => 0, save }, DATA, { ...NOVEMBER, from: '2025-01-01', to: '2025-01-31' })).toEqual({
      kind: 'refused',
      message: 'Nothing to export from 2025-01-01 to 2025-01-31 with these choices.',
    });
  });
});
