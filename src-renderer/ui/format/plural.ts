/**
 * Counts with the right noun: "1 block", "2 blocks", "0 blocks", through Intl.PluralRules so the
 * category comes from the locale's rules rather than `n === 1`. The words are English (the UI's
 * language); the number is formatted for `locale`.
 */

/** The English forms of a noun; `one` for exactly one, `other` for everything else. */
export interface PluralForms {
  readonly one: string;
  readonly other: string;
}

const rulesCache = new Map<string, Intl.PluralRules>();
const numberCache = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string | undefined, make: () => T): T {
  const key = locale ?? '';
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The noun alone for `count`: "block" or "blocks". */
export function pluralWord(count: number, forms: PluralForms): string {
  // English rules on purpose: the nouns are English, whatever the number format's locale.
  const rules = cached(rulesCache, 'en', () => new Intl.PluralRules('en'));
  return rules.select(count) === 'one' ? forms.one : forms.other;
}

/** "1 block", "2 blocks", "1,204 blocks" (the number in `locale`). */
export function pluralize(count: number, forms: PluralForms, locale?: string): string {
  const number = cached(numberCache, locale, () => new Intl.NumberFormat(locale));
  return `${number.format(count)} ${pluralWord(count, forms)}`;
}

/** `pluralize` for nouns that take an "s": `countOf(3, 'block')` is "3 blocks". */
export function countOf(count: number, noun: string, locale?: string): string {
  return pluralize(count, { one: noun, other: `${noun}s` }, locale);
}
