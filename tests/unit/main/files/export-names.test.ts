/** Names main offers in save dialogs: visible, plain, with the extension of what is saved. */
import { describe, expect, it } from 'vitest';
import { bundleFileName, cleanStem, exportFileName } from '../../../../src-main/files/export-names.ts';

const NOW = Date.UTC(2026, 11, 7, 23, 30);

describe('cleanStem', () => {
  it.each([
    ['bidi override that flips the extension', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['left-to-right and isolate controls', '\u2066report\u2069\u200E', 'report'],
    ['zero-width characters and the BOM', 're\u200Bpo\u200Drt\uFEFF', 'report'],
    ['controls and line separators', 'a\u0000b\u0007c\u2028d', 'abcd'],
    ['path and reserved characters', '../../etc/passwd:x*?"<>|', '-..-etc-passwd-x------'],
    ['leading dots and trailing spaces', '...hidden. ', 'hidden'],
    ['a Windows device name', 'NUL', 'caravan-NUL'],
  ])('removes %s', (_what, stem, clean) => {
    expect(cleanStem(stem)).toBe(clean);
  });

  it('keeps letters of any script and caps the length', () => {
    expect(cleanStem('Rechnung für Zoë 東京')).toBe('Rechnung für Zoë 東京');
    expect([...cleanStem('é'.repeat(200))]).toHaveLength(80);
  });
});

describe('exportFileName', () => {
  it('appends the kind’s extension, whatever the stem ends with', () => {
    expect(exportFileName('time-csv', 'caravan-time-2026-12-07', NOW)).toBe('caravan-time-2026-12-07.csv');
    expect(exportFileName('invoice-pdf', 'evil.desktop', NOW)).toBe('evil.desktop.pdf');
  });

  it('falls back to what and when when nothing usable is left', () => {
    expect(exportFileName('report-csv', '\u202E\u200B ..', NOW)).toBe('caravan-report-csv-2026-12-07.csv');
  });
});

describe('bundleFileName', () => {
  it('says what and when, never whose', () => {
    expect(bundleFileName('full', NOW)).toBe('caravan-project-2026-12-07.caravan');
    expect(bundleFileName('handoff', NOW)).toBe('caravan-handoff-2026-12-07.caravan');
  });
});
