/** One draft issued on two devices offline: the register entry and the kept document disagree, and the load says so. */
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import { entryOf } from '../../../../src-renderer/invoices/lifecycle/documents.ts';
import { registerDisagreements } from '../../../../src-renderer/invoices/lifecycle/register-agreement.ts';
import { registerKey } from '../../../../src-renderer/reports/invoice-register.ts';
import { draftInput, timeLine } from '../../support/invoice-doc-fixtures.ts';

const issued: Invoice = {
  ...draftInput('c1', { lines: [timeLine('l1', 2, 9_500, ['b1'])] }),
  id: 'doc1',
  state: 'issued',
  number: 'RE-2026-0001',
  issuedAt: 1,
  pdfBase64: 'JVBERi0=',
  xml: '<Invoice/>',
  createdAt: 1,
  updatedAt: 1,
};
const entry = (overrides: Partial<ReturnType<typeof entryOf>> = {}) => ({ ...entryOf(issued, 'RE-2026-0001'), ...overrides, key: registerKey('doc1') });

describe('the register and the issued document', () => {
  it('agree when written by one issue: nothing to report', () => {
    expect(registerDisagreements([entry()], [issued])).toEqual([]);
  });

  it('disagree when the other device’s register write won: its number, total and billed time are named', () => {
    const other = entry({ number: 'RE-2026-0002', totals: [['EUR', 38_000]], blockIds: ['b1', 'b2'] });
    expect(registerDisagreements([other], [issued])).toEqual([
      'Invoice RE-2026-0001 was issued on two devices before they synced, from two versions of its draft: the document kept and the register disagree (the register numbers it RE-2026-0002; the totals differ; they bill other time or expenses). Check which one the client received, then void it with a credit note and issue it again.',
    ]);
  });

  it('leaves drafts and entries without a document here alone', () => {
    expect(registerDisagreements([entry({ number: 'RE-2026-0009' })], [{ ...issued, state: 'draft' }])).toEqual([]);
    expect(registerDisagreements([entry()], [])).toEqual([]);
  });
});
