import { describe, expect, it } from 'vitest';
import { monthLabel, overdueWords, quarterLabel, rateLabel, treatmentLabel } from '../../../../../src-renderer/invoices/reports/report-words.ts';

describe('words of the invoice reports', () => {
  it('names months, quarters and rates', () => {
    expect(monthLabel('2026-11', 'en-GB')).toBe('Nov 2026');
    expect(quarterLabel('2027-Q1')).toBe('Q1 2027');
    expect([rateLabel(1900, 'en'), rateLabel(550, 'en'), rateLabel(2550, 'de')]).toEqual(['19 %', '5.5 %', '25,5 %']);
    expect(treatmentLabel('domestic', 770, 'en')).toBe('Domestic 7.7 %');
    expect(treatmentLabel('reverse-charge', 0)).toBe('Reverse charge');
  });

  it('says how late an invoice is, with the right plural', () => {
    expect([overdueWords(1), overdueWords(26), overdueWords(0), overdueWords(-1), overdueWords(-3)]).toEqual([
      '1 day overdue',
      '26 days overdue',
      'Due today',
      'Due in 1 day',
      'Due in 3 days',
    ]);
  });
});
