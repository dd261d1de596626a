/**
 * Which countries were Schengen states on a given day: the day each began to apply the Schengen
 * rules in full (internal border checks lifted), from which a day spent there counts towards the
 * 90/180 rule. Sources and the reasoning for each date are in docs/presence.md; a change to a date
 * here changes counts, so it needs a line there too.
 */

/** ISO 3166-1 alpha-2 → first day (YYYY-MM-DD) on which a day there counts as a day in the Schengen area. */
export const SCHENGEN_SINCE: Readonly<Record<string, string>> = {
  // Convention applied from 26 March 1995.
  BE: '1995-03-26',
  DE: '1995-03-26',
  ES: '1995-03-26',
  FR: '1995-03-26',
  LU: '1995-03-26',
  NL: '1995-03-26',
  PT: '1995-03-26',
  IT: '1997-10-26',
  AT: '1997-12-01',
  GR: '2000-01-01',
  // The Nordic states, Iceland and Norway through their association agreement.
  DK: '2001-03-25',
  FI: '2001-03-25',
  // Åland is part of Finland and of the Schengen area (outside the EU VAT area only), with its own code.
  AX: '2001-03-25',
  IS: '2001-03-25',
  NO: '2001-03-25',
  SE: '2001-03-25',
  // The 2004 enlargement: land and sea borders from 21 December 2007 (air borders followed on 30 March 2008).
  CZ: '2007-12-21',
  EE: '2007-12-21',
  HU: '2007-12-21',
  LT: '2007-12-21',
  LV: '2007-12-21',
  MT: '2007-12-21',
  PL: '2007-12-21',
  SI: '2007-12-21',
  SK: '2007-12-21',
  CH: '2008-12-12',
  LI: '2011-12-19',
  HR: '2023-01-01',
  // The Schengen acquis applied in full from 31 March 2024; land-border checks only ended on 1 January 2025.
  BG: '2024-03-31',
  RO: '2024-03-31',
  // No border checks with their Schengen neighbour: a day there is a day in the area (docs/presence.md).
  MC: '1995-03-26',
  SM: '1997-10-26',
  VA: '1997-10-26',
};

/** Whether a day in `country` (ISO 3166-1 alpha-2, any case) on `day` (YYYY-MM-DD) counts as a Schengen day. */
export function inSchengen(country: string, day: string): boolean {
  const since = SCHENGEN_SINCE[country.toUpperCase()];
  // ISO dates compare as text.
  return since !== undefined && day >= since;
}
