/**
 * Property: whatever is logged and chosen, an invoice adds up on paper. The sum of the line nets is
 * the net total; VAT per rate is the rate on that rate's net; gross is net plus VAT; every time
 * line's printed quantity times its printed rate is its net to the cent; a credit note is the
 * exact negative.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import { creditNoteOf, draftDocument, invoiceTotals, printedHours } from '../../../../src-renderer/invoices/document/index.ts';
import { vatOf } from '../../../../src-renderer/invoices/vat-totals.ts';
import { roundDiv } from '../../../../src-renderer/reports/money.ts';
import { berlinProfile, block, draftInput, expense, koeln, lyon, nov, november, project } from '../../support/invoice-fixtures.ts';

/** The net a reader computes from the printed quantity and price, with a calculator: h:mm or hours with two decimals. */
function fromPrinted(printed: string, unitPriceMinor: number): number {
  const clock = /^(\d+):(\d{2})$/u.exec(printed);
  if (clock) return Number(roundDiv(BigInt(Number(clock[1]) * 60 + Number(clock[2])) * BigInt(unitPriceMinor), 60n));
  const [whole, hundredths] = printed.split('.');
  return Number(roundDiv(BigInt(Number(whole) * 100 + Number(hundredths)) * BigInt(unitPriceMinor), 100n));
}

const rounding = fc.oneof(
  fc.constant(undefined),
  fc.record({
    mode: fc.constantFrom('up' as const, 'nearest' as const),
    stepMinutes: fc.constantFrom(6 as const, 15 as const, 30 as const),
    per: fc.constantFrom('block' as const, 'day' as const),
  }),
);

describe('property: an invoice adds up', () => {
  it('for any blocks, rates, rounding, hour style, expenses and VAT edits', () => {
    fc.assert(
      fc.property(
        fc.record({
          hourStyle: fc.constantFrom('h:mm' as const, 'decimal' as const),
          rateMinor: fc.integer({ min: 1, max: 50_000 }),
          change: fc.option(fc.record({ day: fc.integer({ min: 2, max: 29 }), rateMinor: fc.integer({ min: 1, max: 50_000 }) }), { nil: undefined }),
          rounding,
          blocks: fc.array(fc.record({ day: fc.integer({ min: 1, max: 30 }), ms: fc.integer({ min: 1, max: 8 * 3_600_000 }) }), { maxLength: 25 }),
          expenses: fc.array(
            fc.record({ amount: fc.integer({ min: -50_000, max: 500_000 }), markupBp: fc.integer({ min: 0, max: 5_000 }), usd: fc.boolean() }),
            { maxLength: 5 },
          ),
          domestic: fc.boolean(),
          reducedFirst: fc.boolean(),
        }),
        (c) => {
          const buyer = c.domestic ? koeln : lyon;
          const p = {
            ...project('p', buyer.id, { kind: 'hourly', rateMinor: c.rateMinor }, 'EUR', 'Work'),
            ...(c.rounding === undefined ? {} : { rounding: c.rounding }),
            ...(c.change === undefined ? {} : { rateChanges: [{ from: `2026-11-${String(c.change.day).padStart(2, '0')}`, rateMinor: c.change.rateMinor }] }),
          };
          const blocks = c.blocks.map((b) => block(p, nov(b.day), b.ms));
          const expenses = c.expenses.map((e, i) => expense(p, `e${i}`, '2026-11-10', e.amount, e.usd ? 'USD' : 'EUR', { markupBp: e.markupBp }));
          const input = draftInput(buyer, {
            profile: berlinProfile({ hourStyle: c.hourStyle }),
            projects: [p],
            blocks,
            expenses,
            selection: november({
              currencyRates: { USD: { rate: '0.951294', source: 'typed' } },
              ...(c.reducedFirst ? { lineEdits: { 'time:p:base': { vat: { kind: 'domestic', rateBp: 700 } } } } : {}),
            }),
          });
          const { document } = draftDocument(input, { id: 'doc', now: 0 });
          const totals = invoiceTotals(document.lines, 'EUR');
          expect(totals.netMinor).toBe(document.lines.reduce((sum, l) => sum + l.netMinor, 0));
          for (const row of totals.byRate) {
            const net = document.lines.filter((l) => l.vat.kind === row.treatment && l.vat.rateBp === row.rateBp).reduce((sum, l) => sum + l.netMinor, 0);
            expect(row.netMinor).toBe(net);
            expect(row.vatMinor).toBe(vatOf(net, row.rateBp));
          }
          expect(totals.grossMinor).toBe(totals.netMinor + totals.vatMinor);
          for (const line of document.lines) {
            if (line.quantity.unit !== 'hour') continue;
            expect(fromPrinted(printedHours(line.quantity.billedMs, c.hourStyle), line.unitPriceMinor)).toBe(line.netMinor);
          }
          expect(document.lines.flatMap((l) => l.blockIds).sort()).toEqual(blocks.map((b) => b.id).sort());
          const issued: Invoice = { ...document, state: 'issued', number: 'RE-1' };
          const credit = creditNoteOf(issued, { id: 'gs', issueDate: '2026-12-08', series: 'GS-', now: 0 });
          if (!credit.ok) throw new Error(credit.problem);
          const negated = invoiceTotals(credit.creditNote.lines, 'EUR');
          expect([negated.netMinor, negated.vatMinor, negated.grossMinor]).toEqual([-totals.netMinor, -totals.vatMinor, -totals.grossMinor].map((n) => n + 0));
        },
      ),
      { numRuns: 300 },
    );
  });
});
