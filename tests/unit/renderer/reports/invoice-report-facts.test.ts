import { describe, expect, it } from 'vitest';
import { reportFacts } from '../../../../src-renderer/reports/invoice-report-facts.ts';
import { entry, french, overdue, swissNov } from '../invoices/reports/fixtures.ts';

describe('reportFacts', () => {
  it('reports each register entry once, from its issued document where this device holds it', () => {
    const facts = reportFacts([entry(french), entry(swissNov)], [swissNov, french]);
    expect(facts.map((f) => [f.number, f.source, f.buyerName])).toEqual([
      ['RE-2026-0002', 'document', 'Société Lumière SAS'],
      ['RE-2026-0003', 'document', 'Zürich Analytik AG'],
    ]);
    expect(facts[1]?.fixedRate).toEqual({ homeCurrency: 'EUR', rate: '1.0650' });
  });

  it('never reads a draft as what was sent, and reports an entry without its document from the register alone', () => {
    const draftUnderTheSameId = { ...french, state: 'draft' as const, lines: [] };
    const facts = reportFacts([entry(french), entry(overdue)], [draftUnderTheSameId]);
    expect(facts.map((f) => [f.number, f.source, f.buyerName])).toEqual([
      ['RE-2026-0002', 'register', french.clientId],
      ['RE-2026-0005', 'register', overdue.clientId],
    ]);
    expect(facts[0]?.totals).toEqual([{ currency: 'EUR', netMinor: 250_000, grossMinor: 250_000 }]);
  });

  it('lists no document the register does not name (a draft, or a document whose entry has not synced yet)', () => {
    expect(reportFacts([], [french, { ...overdue, state: 'draft' }])).toEqual([]);
  });
});
