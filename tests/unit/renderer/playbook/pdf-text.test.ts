import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, drawableText } from '../../../../src-renderer/playbook/pdf-text.ts';
import { dejavuFile } from '../../support/pdf-fonts.setup.ts';

// The ES build's only export is a default object; the package's typings declare a namespace.
const { create } = fontkit as unknown as { create: (bytes: Uint8Array) => { characterSet: number[] } };
const charset = (file: string): Set<number> => new Set(create(new Uint8Array(readFileSync(dejavuFile(file)))).characterSet);
const regular = charset('DejaVuSans.ttf');
const bold = charset('DejaVuSans-Bold.ttf');
const both = new Set([...regular].filter((cp) => bold.has(cp)));

describe('drawableText with DejaVu Sans', () => {
  it('keeps Latin Extended, Greek, Cyrillic, Intl spaces, minus and currency signs as typed', () => {
    for (const typed of [
      'Łódź Analytics sp. z o.o.',
      'Ψ Δεδομένα ΑΕ',
      'ООО Вектор',
      'Şişli Çözüm',
      '−9\u202F500,50\u00A0€',
      '₹1,000 ₽ ₺ ₩ ₪ ₴ ₦',
      '9:30\u202FAM',
    ]) {
      expect(drawableText(typed, both)).toEqual({ text: typed, replaced: 0 });
    }
  });

  it('drops invisible marks, which would ride along when a name is copied out of the PDF', () => {
    expect(drawableText('\u200EAcme\u00AD AI\u200B GmbH\u2069', both)).toEqual({ text: 'Acme AI GmbH', replaced: 0 });
  });

  it('writes the ISO code for the currency signs the font lacks, and the list is still what it lacks', () => {
    for (const sign of Object.keys(CURRENCY_CODES)) expect(both.has(sign.codePointAt(0) ?? 0)).toBe(false);
    expect(drawableText('₾12 and ₿', both)).toEqual({ text: 'GEL\u00A012 and BTC', replaced: 0 });
  });

  it('counts what it cannot draw as typed: kana as "?", flags dropped', () => {
    expect(drawableText('データ Ltd \u{1F1E9}\u{1F1EA}', both)).toEqual({ text: '??? Ltd', replaced: 5 });
    expect(drawableText('Ｆile\u3000x', both)).toEqual({ text: 'File\u00A0x', replaced: 0 });
  });

  it('folds a letter the font lacks to its base letter and counts it', () => {
    const withoutZAcute = new Set([...both].filter((cp) => cp !== 'ź'.codePointAt(0)));
    expect(drawableText('Łódź', withoutZAcute)).toEqual({ text: 'Łódz', replaced: 1 });
  });
});
