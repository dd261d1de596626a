/**
 * Locality data as typed tables: parsing (for the built-in files and for a
 * newer file the user imports), the built-in set, and the lookups the resolver
 * and the check need. Facts live in `src-preload/contract/places/data/*.json`
 * (beside their schema, where the renderer reads the shipped zones too), never
 * in code, so a new region or adequacy decision ships as data.
 */
import zonesJson from '../../src-preload/contract/places/data/zones.json' with { type: 'json' };
import regionsJson from '../../src-preload/contract/places/data/regions.json' with { type: 'json' };
import { zoneMembers as membersOf } from '../../src-preload/contract/places/zones.ts';
import {
  LOCALITY_SCHEMA_VERSION,
  REGIONS_KIND,
  ZONES_KIND,
  regionsFileSchema,
  zonesFileSchema,
  type AdequacyEntry,
  type LocalityDataFile,
  type ProviderTable,
  type RegionsFile,
  type TableProviderId,
  type ZonesFile,
} from '../../src-preload/contract/places/data-schema.ts';

/** The data the guard decides with: one zones file and one regions file. */
export interface LocalityData {
  zones: ZonesFile;
  regions: RegionsFile;
}

/** Why a data file was refused. Codes are stable; `message` is for people. */
export interface LocalityDataError {
  code: 'invalid-json' | 'unsupported-version' | 'unknown-kind' | 'invalid-data' | 'older-than-current' | 'dated-in-future';
  message: string;
  /** One line per problem, with the path inside the file ("zones.EU.members.11: ..."). */
  issues: string[];
}

export type LocalityParseResult = { ok: true; file: LocalityDataFile } | { ok: false; error: LocalityDataError };
export type LocalityUpdateResult = { ok: true; data: LocalityData } | { ok: false; error: LocalityDataError };

function refuse(code: LocalityDataError['code'], message: string, issues: string[] = []): { ok: false; error: LocalityDataError } {
  return { ok: false, error: { code, message, issues } };
}

/**
 * Validates a whole locality data file (a zones or a regions file, told apart
 * by `kind`): schema version, as-of date, sources, every country code and every
 * source reference. Accepts the parsed JSON value or its text.
 */
export function parseLocalityData(json: unknown): LocalityParseResult {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return refuse('invalid-json', 'This file is not valid JSON, so it cannot be a Caravan locality data file.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('invalid-data', 'A locality data file is a JSON object with schemaVersion, kind, asOf and sources.');
  }
  const header = value as { schemaVersion?: unknown; kind?: unknown };
  if (header.schemaVersion !== LOCALITY_SCHEMA_VERSION) {
    const found = typeof header.schemaVersion === 'number' ? `version ${header.schemaVersion}` : 'no schema version';
    return refuse(
      'unsupported-version',
      `This locality data file has ${found}; this Caravan reads version ${LOCALITY_SCHEMA_VERSION}. Update Caravan or use a file made for it.`,
    );
  }
  const schema = header.kind === ZONES_KIND ? zonesFileSchema : header.kind === REGIONS_KIND ? regionsFileSchema : null;
  if (!schema) {
    return refuse('unknown-kind', `"kind" must be "${ZONES_KIND}" or "${REGIONS_KIND}".`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`);
    return refuse('invalid-data', `This locality data file has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed.`, issues);
  }
  return { ok: true, file: parsed.data };
}

/** Compares `YYYY-MM` and `YYYY-MM-DD` dates; a month compares as its first day. */
export function compareFactDates(a: string, b: string): number {
  const full = (d: string): string => (d.length === 7 ? `${d}-01` : d);
  return full(a) < full(b) ? -1 : full(a) > full(b) ? 1 : 0;
}

/**
 * Replaces the matching half of `current` with an imported file. An older file
 * is refused: importing stale data must not silently undo a newer decision.
 */
export function applyLocalityUpdate(current: LocalityData, file: LocalityDataFile): LocalityUpdateResult {
  const existing = file.kind === ZONES_KIND ? current.zones : current.regions;
  if (compareFactDates(file.asOf, existing.asOf) < 0) {
    return refuse('older-than-current', `This file is as of ${file.asOf}, older than the data in use (${existing.asOf}); nothing was changed.`);
  }
  return { ok: true, data: file.kind === ZONES_KIND ? { ...current, zones: file } : { ...current, regions: file } };
}

/** Today's date (UTC) as a fact date, `YYYY-MM-DD`. */
export function factDateOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * Refuses a file dated after `now` (a month counts from its first day). Facts cannot be "as of" a
 * day that has not come, and a file dated far ahead would otherwise win every later comparison:
 * Caravan's own newer data would then be refused as older.
 */
export function refuseFutureDate(file: LocalityDataFile, now: number): LocalityUpdateResult | null {
  const today = factDateOf(now);
  if (compareFactDates(file.asOf, today) <= 0) return null;
  return refuse(
    'dated-in-future',
    `This file is dated ${file.asOf}, after today (${today} by this computer's clock); nothing was changed. A data file cannot describe decisions not made yet: check where it came from, or this computer's date.`,
  );
}

let builtIn: LocalityData | undefined;

/** The data shipped with this build, validated like any imported file. */
export function builtInLocalityData(): LocalityData {
  if (builtIn) return builtIn;
  const zones = parseLocalityData(zonesJson);
  const regions = parseLocalityData(regionsJson);
  // Shipped data that does not validate is a build defect; the unit tests make it unreachable.
  if (!zones.ok || zones.file.kind !== ZONES_KIND) throw new Error(`Built-in zones.json is invalid: ${JSON.stringify(zones)}`);
  if (!regions.ok || regions.file.kind !== REGIONS_KIND) throw new Error(`Built-in regions.json is invalid: ${JSON.stringify(regions)}`);
  builtIn = { zones: zones.file, regions: regions.file };
  return builtIn;
}

/**
 * Members of the EU or the EEA. A territory counts as EU only when the data
 * confirms it: an unconfirmed fact never widens what the guard allows.
 */
export function zoneMembers(data: LocalityData, zone: 'EU' | 'EEA'): ReadonlySet<string> {
  return membersOf(data.zones, zone);
}

/** The adequacy decision for a country, if the data lists one. */
export function adequacyFor(data: LocalityData, country: string): AdequacyEntry | undefined {
  return data.zones.adequacy.find((a) => a.country === country);
}

/** One provider's region tables, if the data lists the provider. */
export function providerTable(data: LocalityData, provider: TableProviderId): ProviderTable | undefined {
  return data.regions.providers.find((p) => p.id === provider);
}

let displayNames: Intl.DisplayNames | null | undefined;

/** English name of a country for readable reasons ("GB" -> "United Kingdom"); the code itself if none is known. */
export function countryName(code: string): string {
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    } catch {
      // Builds without ICU data: the code alone is still correct, only less friendly.
      displayNames = null;
    }
  }
  try {
    return displayNames?.of(code) ?? code;
  } catch {
    return code;
  }
}
