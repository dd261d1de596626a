/** What the lifecycle derives from documents: register entries, credit notes, half-done work. */
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import { creditNoteDraft, entryOf, pendingWork } from '../../../../src-renderer/invoices/lifecycle/documents.ts';
import { issueProblems, readProfile } from '../../../../src-renderer/invoices/lifecycle/issue-checks.ts';
import type { RegisteredInvoice } from '../../../../src-renderer/reports/invoice-register.ts';
import { draftInput, profile, timeLine } from '../../support/invoice-doc-fixtures.ts';
import type { Client } from '../../../../src-renderer/domain/client.ts';

const doc = (overrides: Partial<Invoice> = {}): Invoice => ({
  ...draftInput('c1'),
  id: 'doc1',
  state: 'draft',
  createdAt: 1,
  updatedAt: 1,
  lines: [
    timeLine('l1', 2, 9_500, ['b1', 'b2'], { vat: { kind: 'domestic', rateBp: 1900 } }),
    timeLine('l2', 1, 9_500, ['b2'], { vat: { kind: 'domestic', rateBp: 1900 } }),
  ],
  ...overrides,
});
const entry = (key: string, overrides: Partial<RegisteredInvoice> = {}): RegisteredInvoice => ({
  key,
  number: 'RE-2026-0001',
  clientId: 'c1',
  issueDate: '2026-11-30',
  status: 'issued',
  blockIds: [],
  expenseIds: [],
  totals: [],
  series: 'RE-',
  ...overrides,
});

describe('the register entry of a document', () => {
  it('bills each record its lines name once, with the gross as total', () => {
    // 28 500 net at 19 %: 5 415 VAT.
    expect(entryOf(doc(), 'RE-2026-0001')).toEqual({
      number: 'RE-2026-0001',
      clientId: 'c1',
      issueDate: '2026-11-30',
      status: 'issued',
      blockIds: ['b1', 'b2'],
      expenseIds: [],
      totals: [['EUR', 33_915]],
      series: 'RE-',
      dueDate: '2026-12-14',
    });
  });

  it('of a credit note bills nothing and names the invoice it voids', () => {
    const issued = doc({ state: 'issued', number: 'RE-2026-0001' });
    const note = { ...creditNoteDraft(issued, '2026-12-05', 'GS-'), id: 'note1', state: 'draft' as const, createdAt: 2, updatedAt: 2 };
    expect(note.lines.map((l) => l.netMinor)).toEqual([-19_000, -9_500]);
    expect(note).toMatchObject({ kind: 'credit-note', series: 'GS-', issueDate: '2026-12-05', dueDate: '2026-12-05', currency: 'EUR' });
    expect(note.creditFor).toEqual({ id: 'doc1', number: 'RE-2026-0001', issueDate: '2026-11-30' });
    expect(entryOf(note, 'GS-2026-0001')).toMatchObject({
      kind: 'credit-note',
      creditFor: 'invoice/doc1',
      blockIds: [],
      expenseIds: [],
      totals: [['EUR', -33_915]],
    });
    expect(() => creditNoteDraft(doc(), '2026-12-05', 'GS-')).toThrow('Only an issued invoice is credited; a draft is edited or deleted.');
  });
});

describe('half-done work', () => {
  it('finishes a numbered draft and voids an invoice its credit note names', () => {
    const register = [
      entry('invoice/doc1'),
      entry('invoice/old', { number: '2026-0001', series: undefined }),
      entry('invoice/inv2', { number: 'RE-2026-0002' }),
      entry('invoice/note1', { number: 'GS-2026-0001', kind: 'credit-note', creditFor: 'invoice/inv2', issueDate: '2026-12-05', series: 'GS-' }),
    ];
    const work = pendingWork(register, [doc(), doc({ id: 'old' }), doc({ id: 'inv2', state: 'issued', number: 'RE-2026-0002' })]);
    expect(work.finish.map((f) => [f.doc.id, f.entry.number])).toEqual([['doc1', 'RE-2026-0001']]);
    expect(work.voids).toEqual([expect.objectContaining({ key: 'invoice/inv2', status: 'void', voidedOn: '2026-12-05', voidedBy: 'invoice/note1' })]);
    // Once void, nothing is left to do.
    const done = register.map((r) => (r.key === 'invoice/inv2' ? { ...r, status: 'void' as const } : r));
    expect(pendingWork(done, [doc({ state: 'issued', number: 'RE-2026-0001' })])).toEqual({ finish: [], voids: [] });
  });
});

describe('the checks before issuing', () => {
  const client = { id: 'c1', name: 'Zürich AG', billing: { isBusiness: true } } as Client;

  it('names every problem at once', () => {
    const problems = issueProblems(doc({ currency: 'CHF', fixedRate: { homeCurrency: 'EUR', rate: '0', source: 'typed' }, lines: [] }), profile(), undefined);
    expect(problems).toEqual([
      'Client: this invoice’s client is not on this device (removed, erased, or not synced here).',
      'Lines: nothing to bill from Nov 1 to 30, 2026 for Łódź Analytics sp. z o.o. Choose another period or other projects, or tick what to bill.',
      'Exchange rate: "0" is not a rate; type a positive decimal such as 0.9512 (zero is not a rate).',
    ]);
    expect(
      issueProblems(doc({ currency: 'CHF', fixedRate: { homeCurrency: 'EUR', rate: '1.0712', source: 'ecb', asOf: '2026-11-27' } }), profile(), client),
    ).toEqual([]);
  });

  it('reads the profile or says what is missing', () => {
    expect(readProfile(undefined)).toEqual({ ok: false, problem: expect.stringMatching(/^Business profile: there is none yet/u) });
    expect(readProfile({ legalName: 'x' })).toEqual({ ok: false, problem: expect.stringMatching(/^Business profile: it could not be read/u) });
    expect(readProfile(profile()).ok).toBe(true);
  });
});
