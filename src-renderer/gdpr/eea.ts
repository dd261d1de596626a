/**
 * The EEA's member countries, for the Art. 30 record's "transfers outside the EEA".
 *
 * Main's locality data is the source of truth (`src-main/locality/data/zones.json`: the EU's
 * members plus the EEA's own, as of its `asOf`), but the renderer cannot import main's files, and
 * no IPC channel hands the zone's members over. This copy is checked against that file by
 * tests/unit/gdpr/eea.test.ts, so a membership change there fails the test until it is made here.
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  // The 27 EU member states (ISO 3166-1: Greece is GR, not the EU's EL).
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  // The EEA's EFTA members.
  'IS', 'LI', 'NO',
]);
