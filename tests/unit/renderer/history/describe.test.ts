/** Fields and records in the app's words: money with its currency, instants in the record's zone, names for ids. */
import { describe, expect, it } from 'vitest';
import { fieldLabel, formatValue, type Names, recordLabel, shownFields } from '../../../../src-renderer/history/describe.ts';
import { formatCalendarDate, formatInstant, formatMoney } from '../../../../src-renderer/ui/format/index.ts';

const names: Names = { name: (table, id) => (table === 'projects' && id === 'p1' ? 'Churn model' : undefined) };

describe('history words', () => {
  it('labels fields as the forms do, and words for the rest', () => {
    expect(fieldLabel('defaultRateMinor')).toBe('Rate');
    expect(fieldLabel('projectId')).toBe('Project');
    expect(fieldLabel('successMetric')).toBe('Success metric');
    expect(shownFields(['id', 'note', 'updatedAt', 'pdfBase64'])).toEqual(['note']);
  });

  it('formats values by what they are', () => {
    expect(formatValue('clients', 'defaultRateMinor', 12_000, { currency: 'EUR' }, names)).toBe(formatMoney(12_000, 'EUR'));
    const start = Date.UTC(2027, 2, 9, 8);
    expect(formatValue('timeBlocks', 'start', start, { zone: 'Europe/Berlin' }, names)).toBe(formatInstant(start, 'Europe/Berlin'));
    expect(formatValue('timeBlocks', 'projectId', 'p1', undefined, names)).toBe('Churn model');
    expect(formatValue('timeBlocks', 'phaseId', 'gone', undefined, names)).toBe('a deleted phase');
    expect(formatValue('timeBlocks', 'kind', 'meeting', undefined, names)).toBe('Meeting');
    expect(formatValue('expenses', 'date', '2027-03-09', undefined, names)).toBe(formatCalendarDate('2027-03-09'));
    expect(formatValue('projects', 'estimateHours', 40, undefined, names)).toBe('40 h');
    expect(formatValue('timeBlocks', 'note', '', undefined, names)).toBe('empty');
    expect(formatValue('timeBlocks', 'phaseId', undefined, undefined, names)).toBe('not set');
    expect(formatValue('clients', 'contact', { email: 'a@b.example', phone: '+49' }, undefined, names)).toBe('Email: a@b.example, Phone: +49');
    expect(formatValue('killSwitches', 'acknowledgements', [1, 2], undefined, names)).toBe('2 entries');
  });

  it('names a record so a person can tell it from its neighbours', () => {
    const start = Date.UTC(2027, 2, 9, 8);
    const block = { projectId: 'p1', kind: 'deep', start, end: start + 2 * 3_600_000, zone: 'Europe/Berlin' };
    expect(recordLabel('timeBlocks', block, names)).toBe(`Deep work on Churn model, ${formatInstant(start, 'Europe/Berlin')}, 2 h`);
    expect(recordLabel('expenses', { amountMinor: 4_250, currency: 'EUR', date: '2027-03-09' }, names)).toBe(
      `${formatMoney(4_250, 'EUR')} on ${formatCalendarDate('2027-03-09')}`,
    );
    expect(recordLabel('clients', { name: 'Acme' }, names)).toBe('Acme');
    expect(recordLabel('invoices', { state: 'draft' }, names)).toBe('Draft invoice');
  });
});
