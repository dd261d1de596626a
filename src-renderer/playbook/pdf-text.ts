/**
 * Text as the PDF font can draw it. The font (DejaVu Sans, pdf-fonts.ts) has Latin with every
 * European accent, Greek, Cyrillic, Intl's narrow and thin spaces, the minus sign, dashes, arrows and
 * most currency signs, so nearly everything is drawn as typed. What is still mapped:
 * - tabs and line breaks inside a cell become a space (paragraphs split lines before this);
 * - invisible format characters (bidi marks and isolates, zero-width spaces and joiners, BOM, soft
 *   hyphen, variation selectors) are dropped: the font has empty glyphs for most, but kept in the
 *   file they ride along when a client copies a name out of the PDF ("\u200EAcme" is not "Acme");
 * - what the font lacks, checked against its character set so nothing here goes stale:
 *   the ideographic space becomes a no-break space; the four currency signs it lacks (₼ ₾ ៛ ₿)
 *   become their ISO code; compatibility forms are unfolded (fullwidth "Ａ" "A"); a letter whose
 *   base letter it has loses the accent, counted; pictographs it lacks (flags) are dropped,
 *   counted; anything else (Japanese, Chinese, Indic scripts) is "?", counted, for the UI to say
 *   "check the PDF".
 */

const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u034F]/u;
const WIDE_SPACE = /[\u2000-\u200A\u202F\u205F\u3000]/u;
// Pictographs, regional indicators (flags), skin-tone modifiers and the keycap mark, by code point.
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI_PARTS: readonly (readonly [number, number])[] = [
  [0x1f1e6, 0x1f1ff],
  [0x1f3fb, 0x1f3ff],
  [0x20e3, 0x20e3],
];
const isPictograph = (ch: string): boolean => {
  const cp = ch.codePointAt(0) ?? 0;
  return PICTOGRAPH.test(ch) || EMOJI_PARTS.some(([from, to]) => cp >= from && cp <= to);
};

/** Currency signs DejaVu Sans 2.37 lacks (tests/unit/renderer/playbook/pdf-text.test.ts checks it still does). */
export const CURRENCY_CODES: Readonly<Record<string, string>> = {
  '₼': 'AZN',
  '₾': 'GEL',
  '៛': 'KHR',
  '₿': 'BTC',
};

/** The text to draw and how many characters could not be drawn as typed (dropped, folded or "?"). */
export interface DrawableText {
  readonly text: string;
  readonly replaced: number;
}

/** `text` as a font with `charset` (code points) can draw it; see the module comment. */
export function drawableText(text: string, charset: ReadonlySet<number>): DrawableText {
  const has = (s: string): boolean => [...s].every((c) => charset.has(c.codePointAt(0) ?? -1));
  const chars = [...text.normalize('NFC')];
  let out = '';
  let replaced = 0;
  chars.forEach((ch, i) => {
    if (ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
    else if (INVISIBLE.test(ch)) return;
    else if (has(ch)) out += ch;
    else if (WIDE_SPACE.test(ch)) out += has('\u00A0') ? '\u00A0' : ' ';
    else if (CURRENCY_CODES[ch] !== undefined) {
      const next = chars[i + 1] ?? '';
      out += /[\d\-\u2212]/u.test(next) ? `${CURRENCY_CODES[ch]}\u00A0` : CURRENCY_CODES[ch];
    } else if (isPictograph(ch)) replaced += 1;
    else {
      const folded = ch.normalize('NFKD');
      const base = folded.replace(/\p{M}/gu, '');
      // A letter drawn without its accent changes a name: counted, so the person is told ("Ａ" as "A" does not).
      if (base !== '' && has(base)) {
        out += base;
        if (base !== folded) replaced += 1;
      } else {
        out += '?';
        replaced += 1;
      }
    }
  });
  // A dropped emoji or mark leaves doubled or edge spaces ("🧪 Acme" was "? Acme").
  return { text: replaced > 0 || out !== text ? out.replace(/ {2,}/gu, ' ').replace(/^ +| +$/gu, '') : out, replaced };
}
