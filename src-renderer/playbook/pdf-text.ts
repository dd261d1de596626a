/**
 * Text for the standard PDF fonts, which encode WinAnsi only (Latin-1 plus €, dashes, quotes,
 * bullet). pdf-lib throws on anything else, so text is mapped before it is drawn:
 * - spaces Intl puts in numbers and dates (U+202F narrow no-break space in French amounts and
 *   English times, thin, figure and other fixed-width spaces) become U+00A0, the no-break space
 *   WinAnsi has, so "9 500,50 €" stays together on one line;
 * - typographic signs with a WinAnsi twin become it (U+2212 minus and U+2010/U+2011 hyphens "-",
 *   primes, fraction slash), and currency signs WinAnsi lacks become their ISO code ("₹" "INR");
 * - invisible format characters (bidi marks and isolates, zero-width spaces and joiners, BOM,
 *   variation selectors) are dropped: they draw nothing anyway, and were the "?" printed before a
 *   client name pasted with a direction mark;
 * - letters WinAnsi lacks but whose base letter it has lose the accent ("ő" "o", "ł" stays "?"),
 *   compatibility forms are unfolded ("ﬁ" "fi", fullwidth "Ａ" "A");
 * - emoji and pictographs are dropped and counted; anything else left is "?", counted, for the UI
 *   to warn (the fix for other scripts is embedding a font, which Caravan does not ship).
 */

const SPACES = /[\u2000-\u200A\u202F\u205F\u3000]/u;
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u034F]/u;
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

const TWINS: Readonly<Record<string, string>> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '\u2013',
  '\u2015': '\u2014',
  '\u2043': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2035': '`',
  '\u2044': '/',
  '\u2215': '/',
  '\u2024': '.',
  '\u2027': '\u00B7',
  '\u2219': '\u00B7',
  '\u2236': ':',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2713': 'v',
};

const CURRENCY: Readonly<Record<string, string>> = {
  '₹': 'INR',
  '₩': 'KRW',
  '₺': 'TRY',
  '₽': 'RUB',
  '₪': 'ILS',
  '₫': 'VND',
  '₴': 'UAH',
  '₦': 'NGN',
  '₱': 'PHP',
  '₸': 'KZT',
  '₼': 'AZN',
  '₾': 'GEL',
  '₡': 'CRC',
  '₲': 'PYG',
  '₭': 'LAK',
  '₮': 'MNT',
  '฿': 'THB',
  '៛': 'KHR',
  '₵': 'GHS',
  '₿': 'BTC',
};

/** The mapped text and how many characters could not be drawn as typed (dropped or "?"). */
export interface WinAnsiText {
  readonly text: string;
  readonly replaced: number;
}

/** `text` as the standard fonts can draw it, given the font's `charset` (code points). */
export function toWinAnsi(text: string, charset: ReadonlySet<number>): WinAnsiText {
  const has = (s: string): boolean => [...s].every((c) => charset.has(c.codePointAt(0) ?? -1));
  const chars = [...text.normalize('NFC')];
  let out = '';
  let replaced = 0;
  chars.forEach((ch, i) => {
    if (ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
    else if (has(ch)) out += ch;
    else if (SPACES.test(ch)) out += has('\u00A0') ? '\u00A0' : ' ';
    else if (INVISIBLE.test(ch)) return;
    else if (TWINS[ch] !== undefined && has(TWINS[ch])) out += TWINS[ch];
    else if (CURRENCY[ch] !== undefined) {
      const next = chars[i + 1] ?? '';
      out += /[\d\-\u2212]/u.test(next) ? `${CURRENCY[ch]}\u00A0` : CURRENCY[ch];
    } else if (isPictograph(ch)) replaced += 1;
    else {
      const folded = ch.normalize('NFKD');
      const base = folded.replace(/\p{M}/gu, '');
      // "ř" drawn as "r" changes a name: counted, so the person is told ("ﬁ" as "fi" does not).
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
