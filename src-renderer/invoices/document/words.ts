/** Words the builder prints: a period of days, and stable line ids. Pure. */

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };

/** UTC noon of 'YYYY-MM-DD', so formatting in UTC never moves it to another day. */
function noon(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12));
}

/** "1 to 30 Nov 2026", "3 Oct to 30 Nov 2026", "7 Dec 2026" (one day), in `locale`'s order. */
export function periodText(from: string, to: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, DATE);
  if (from === to) return format.format(noon(from));
  return format.formatRange(noon(from), noon(to)).replace(/\s*[–-]\s*/u, ' to ');
}

/** "Nov 2026" for a month 'YYYY-MM'. */
export function monthText(month: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(noon(`${month}-01`));
}

/** FNV-1a, 64 bits, hex: a short stable name for a long key (not a security measure). */
function fnv64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const unit of new TextEncoder().encode(text)) {
    hash ^= BigInt(unit);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * A line id stable across re-drafts of the same selection (the person's edits are keyed by it):
 * `time:<project>:<rate from>`, `expense:<id>`, … Ids may be 128 characters and a line id 64, so a
 * long key is hashed.
 */
export function lineId(kind: string, ...parts: string[]): string {
  const key = [kind, ...parts].join(':');
  return key.length <= 64 ? key : `${kind}:${fnv64(key)}`;
}
