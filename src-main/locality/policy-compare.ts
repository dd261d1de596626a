/**
 * Is a new residency policy weaker or stronger than the old one? Decided on
 * what each policy lets `check` allow, country by country, so the comparison
 * can never disagree with the guard: a policy is weaker when it allows a
 * country the old one did not (that needs the person's explicit
 * confirmation), stronger when it only takes countries away (that applies at
 * once). A change that adds one country and removes another is weaker: it
 * opens a new place.
 */
import { check, type CheckContext } from './check.ts';
import { COUNTRY_CODES } from '../../src-preload/contract/places/country-codes.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';

export type PolicyChange = 'same' | 'stronger' | 'weaker';

export interface PolicyComparison {
  change: PolicyChange;
  /** Countries the new policy allows and the old one did not, sorted. */
  added: string[];
  /** Countries the old policy allowed and the new one does not, sorted. */
  removed: string[];
}

/** Every country `check` would let this policy's data go to, for a location the provider guarantees. */
export function allowedCountries(policy: ResidencyPolicy | undefined, ctx: CheckContext = {}): Set<string> {
  const allowed = new Set<string>();
  if (!policy) return allowed;
  for (const country of COUNTRY_CODES) {
    const location = { country, guarantee: 'region', description: country };
    if (check(policy, location, 'sync-upload', undefined, ctx).allowed) allowed.add(country);
  }
  return allowed;
}

/** `old` undefined means a new client: any policy other than device-only then counts as a weakening from nothing. */
export function comparePolicies(old: ResidencyPolicy | undefined, next: ResidencyPolicy, ctx: CheckContext = {}): PolicyComparison {
  const before = allowedCountries(old, ctx);
  const after = allowedCountries(next, ctx);
  const added = [...after].filter((c) => !before.has(c)).sort();
  const removed = [...before].filter((c) => !after.has(c)).sort();
  const change: PolicyChange = added.length > 0 ? 'weaker' : removed.length > 0 ? 'stronger' : 'same';
  return { change, added, removed };
}
