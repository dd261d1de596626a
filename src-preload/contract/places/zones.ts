/**
 * The zones a residency policy may name, and who is in them, computed one way for both
 * processes. Main decides with the data in use (the shipped `data/zones.json`, or a newer file the
 * person imported); the renderer reads the shipped file for what it only shows or words (the
 * Art. 30 record's "outside the EEA", which countries ask for an attestation) and never decides.
 */
import { z } from 'zod';
import zonesJson from './data/zones.json' with { type: 'json' };
import { zonesFileSchema, type ZonesFile } from './data-schema.ts';

/** Zones a client may require. `EEA+adequacy` = the EEA plus countries with an EU adequacy decision. */
export const ZONE_IDS = ['EU', 'EEA', 'EEA+adequacy'] as const;
export const zoneIdSchema = z.enum(ZONE_IDS);
export type ZoneId = z.infer<typeof zoneIdSchema>;

/**
 * Members of the EU or the EEA. A territory counts as EU only when the data confirms it: an
 * unconfirmed fact never widens what the guard allows.
 */
export function zoneMembers(zones: ZonesFile, zone: 'EU' | 'EEA'): ReadonlySet<string> {
  const { EU, EEA } = zones.zones;
  const eu = [...EU.members, ...zones.territories.filter((t) => t.inEU && t.confidence === 'confirmed').map((t) => t.code)];
  return new Set(zone === 'EU' ? eu : [...eu, ...EEA.members]);
}

/**
 * Countries whose adequacy decision covers only some recipients (CA, JP, US as of the shipped
 * data): data goes there only with an attestation the person records. Confirmed facts only, as
 * the guard reads them.
 */
export function conditionalAdequacyCountries(zones: ZonesFile): string[] {
  return zones.adequacy.filter((a) => a.scope === 'conditional' && a.confidence === 'confirmed').map((a) => a.country);
}

let shipped: ZonesFile | undefined;

/** The zones file shipped with this build, validated like any imported one (once). */
export function shippedZones(): ZonesFile {
  if (shipped) return shipped;
  const parsed = zonesFileSchema.safeParse(zonesJson);
  // Shipped data that does not validate is a build defect; the unit tests make it unreachable.
  if (!parsed.success) throw new Error(`The shipped zones.json is invalid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  shipped = parsed.data;
  return shipped;
}
