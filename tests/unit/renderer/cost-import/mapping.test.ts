/** The generic mapping on a bank export (semicolons, decimal commas, day-first dates) and its saved presets. */
import { describe, expect, it } from 'vitest';
import { readHeaders } from '../../../../src-renderer/csv/read-csv.ts';
import { type ColumnMapping, mappedReader, mappedSource, missingColumns } from '../../../../src-renderer/cost-import/mapping.ts';
import { detectFormat, scanFile } from '../../../../src-renderer/cost-import/scan.ts';
import { type CostImportPreset, readPresets, withPreset } from '../../../../src-renderer/cost-import/presets.ts';
import { describeError } from '../../../../src-renderer/cost-import/cost-line.ts';
import { fixture, summary } from './fixtures.ts';

const bank: ColumnMapping = {
  date: 'Buchungstag',
  amount: 'Betrag',
  currency: { column: 'Währung' },
  description: 'Verwendungszweck',
  decimal: ',',
  dateOrder: 'dmy',
  aggregate: false,
};

describe('generic mapping', () => {
  it('offers the mapping for unknown headers, with the likely columns chosen', async () => {
    const headers = await readHeaders(fixture('generic-bank.csv'));
    expect(headers[0]).toBe('Buchungstag');
    const detection = detectFormat(headers);
    expect(detection).toMatchObject({
      kind: 'mapping',
      resembles: null,
      suggestion: { date: 'Buchungstag', amount: 'Betrag', description: 'Verwendungszweck', currency: 'Währung', id: 'Referenz' },
    });
  });

  it('reads one expense per row; two identical rows stay two, keyed so the same file again matches', async () => {
    const text = fixture('generic-bank.csv');
    const headers = await readHeaders(text);
    const scan = await scanFile(text, mappedReader(bank, headers));
    expect(scan.errors).toEqual([]);
    expect(summary(scan)).toEqual([
      '2026-11-03 Hetzner Online GmbH; GPU-Server GEX44, Rechnung R0012345 18445 EUR',
      '2026-11-05 Lambda Labs, 1x H100 (8 h) 1992 USD',
      '2026-11-05 Scaleway SAS, Object Storage "fr-par" 1230 EUR',
      '2026-11-07 Hetzner Online GmbH; Gutschrift -750 EUR',
      '2026-11-07 Kaffee 380 EUR',
      '2026-11-07 Kaffee 380 EUR',
      '2026-11-08 Replicate, Inference "flux-dev" 123456 EUR',
    ]);
    const again = await scanFile(text, mappedReader(bank, headers));
    expect(again.groups.map((g) => g.key)).toEqual(scan.groups.map((g) => g.key));
    expect(new Set(scan.groups.map((g) => g.key)).size).toBe(7);
  });

  it('keys by the id column when there is one, and by day and description when adding up', async () => {
    const text = fixture('generic-bank.csv');
    const headers = await readHeaders(text);
    const byId = await scanFile(text, mappedReader({ ...bank, id: 'Referenz' }, headers));
    expect(byId.groups.map((g) => g.key)).toContain('id|R0012345');
    const added = await scanFile(text, mappedReader({ ...bank, aggregate: true, currency: { fixed: 'EUR' } }, headers));
    expect(added.groups.find((g) => g.label === 'Kaffee')).toMatchObject({ amountMinor: 760, lines: 2, key: '2026-11-07|Kaffee|EUR' });
  });

  it('says in words which row and column it could not read', async () => {
    const headers = ['Date', 'Amount', 'Text'];
    const reader = mappedReader({ ...bank, date: 'Date', amount: 'Amount', description: 'Text', currency: { fixed: 'EUR' }, decimal: '.' }, headers);
    const scan = await scanFile('Date,Amount,Text\n2026-11-03,12.30,ok\n2026-11-04,"12,3.4",bad\n2026-13-01,1,bad date\n', reader);
    expect(scan.errors.map(describeError)).toEqual(['Line 3: Amount: "12,3.4" is not an amount.', 'Line 4: Date: "2026-13-01" is not a date.']);
  });

  it('gives each mapping its own import source, the same for the same columns however a preset is named or a header cased', () => {
    const source = mappedSource(bank);
    expect(source).toMatch(/^csv:[0-9a-f]{16}$/u); // within the expense schema's 60 characters
    expect(mappedSource({ ...bank })).toBe(source);
    expect(mappedSource({ ...bank, date: ' buchungstag ', decimal: '.', dateOrder: 'ymd' })).toBe(source);
    expect(mappedSource({ ...bank, id: 'Referenz' })).not.toBe(source);
    expect(mappedSource({ ...bank, description: 'Buchungstext' })).not.toBe(source);
    expect(mappedSource({ ...bank, currency: { fixed: 'EUR' } })).not.toBe(source);
    // Two fields swapped read other values: another source.
    expect(mappedSource({ ...bank, date: 'Betrag', amount: 'Buchungstag' })).not.toBe(source);
  });

  it('names the columns a preset needs that a file lacks', () => {
    expect(missingColumns({ ...bank, id: 'Referenz' }, ['Buchungstag', 'Betrag', 'Verwendungszweck'])).toEqual(['Währung', 'Referenz']);
  });
});

describe('presets', () => {
  const preset: CostImportPreset = { name: 'Bank card export', mapping: bank };

  it('round-trips through the stored JSON', () => {
    const saved = withPreset([], preset);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const stored: unknown = JSON.parse(JSON.stringify(saved.presets));
    expect(readPresets(stored)).toEqual({ ok: true, presets: [preset] });
    expect(readPresets(undefined)).toEqual({ ok: true, presets: [] });
  });

  it('replaces a preset of the same name, case ignored', () => {
    const first = withPreset([preset], { name: 'bank CARD export', mapping: { ...bank, dateOrder: 'mdy' } });
    expect(first.ok && first.presets.map((p) => [p.name, p.mapping.dateOrder])).toEqual([['bank CARD export', 'mdy']]);
    expect(withPreset([], { name: '  ', mapping: bank })).toEqual({ ok: false, message: 'Preset name: type a name of 1 to 80 characters.' });
  });

  it('refuses a damaged preset in words and offers none', () => {
    const damaged = [
      [{ name: 'x', mapping: { ...bank, decimal: ';' } }],
      [{ name: 'x', mapping: { ...bank, currency: { fixed: 'EURO' } } }],
      [{ name: 'x', mapping: { ...bank, extra: true } }],
      [preset, preset],
      { name: 'not a list' },
      'garbage',
    ];
    for (const value of damaged) {
      const read = readPresets(value);
      expect(read.ok, JSON.stringify(value)).toBe(false);
      if (!read.ok) expect(read.message).toMatch(/^The saved import presets could not be read/);
    }
  });
});
