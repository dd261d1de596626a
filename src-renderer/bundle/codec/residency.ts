/**
 * Strict validation of the residency policy carried in a bundle header. The header is readable
 * without any key and the importing app enforces this policy, so its shape is checked exactly:
 * known fields only, codes only (never a name), bounded lengths. Whether the country codes are
 * assigned ISO 3166-1 codes and whether the policy is acceptable is the locality guard's call.
 */
import type { Attestation, PolicyWire } from '../../../src-preload/contract/locality-types.ts';

/** At most this many countries in a 'countries' policy (there are 249 ISO 3166-1 codes). */
export const MAX_POLICY_COUNTRIES = 250;
/** At most this many attestations. */
export const MAX_ATTESTATIONS = 64;
/** Longest attestation basis, as in the locality guard's own schema. */
export const MAX_BASIS_CHARS = 500;

const ZONES: ReadonlySet<string> = new Set(['EU', 'EEA', 'EEA+adequacy']);
const COUNTRY_RE = /^[A-Z]{2}$/;

/** Describes what is wrong with `value` as a PolicyWire, or returns undefined if it is one. */
export function residencyProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'residency is not an object';
  switch (value['kind']) {
    case 'device-only':
      return exactKeys(value, ['kind'], []);
    case 'zone': {
      const keys = exactKeys(value, ['kind', 'zone'], ['attestations']);
      if (keys !== undefined) return keys;
      if (typeof value['zone'] !== 'string' || !ZONES.has(value['zone'])) return 'residency zone is not EU, EEA or EEA+adequacy';
      return attestationsProblem(value['attestations']);
    }
    case 'countries': {
      const keys = exactKeys(value, ['kind', 'countries'], ['attestations']);
      if (keys !== undefined) return keys;
      const countries = value['countries'];
      if (!Array.isArray(countries) || countries.length < 1 || countries.length > MAX_POLICY_COUNTRIES) {
        return `residency countries must list 1..${MAX_POLICY_COUNTRIES} codes`;
      }
      if (!countries.every((c) => typeof c === 'string' && COUNTRY_RE.test(c))) return 'residency country is not a two-letter upper-case code';
      if (new Set(countries).size !== countries.length) return 'residency countries repeat a code';
      return attestationsProblem(value['attestations']);
    }
    default:
      return 'residency kind is not device-only, zone or countries';
  }
}

/** True when `value` is a well-formed PolicyWire. */
export function isPolicyWire(value: unknown): value is PolicyWire {
  return residencyProblem(value) === undefined;
}

function attestationsProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_ATTESTATIONS) return `attestations must be a list of at most ${MAX_ATTESTATIONS}`;
  for (const item of value as unknown[]) {
    if (!isPlainObject(item)) return 'attestation is not an object';
    const keys = exactKeys(item, ['basis', 'country', 'recordedAt'], []);
    if (keys !== undefined) return keys;
    const a = item as unknown as Attestation;
    if (typeof a.country !== 'string' || !COUNTRY_RE.test(a.country)) return 'attestation country is not a two-letter upper-case code';
    if (typeof a.basis !== 'string' || a.basis.length < 1 || a.basis.length > MAX_BASIS_CHARS || a.basis.trim() !== a.basis) {
      return `attestation basis must be 1..${MAX_BASIS_CHARS} characters without surrounding spaces`;
    }
    if (!Number.isSafeInteger(a.recordedAt) || a.recordedAt < 1) return 'attestation recordedAt is not a positive integer (ms)';
  }
  return undefined;
}

function exactKeys(value: Record<string, unknown>, required: readonly string[], optional: readonly string[]): string | undefined {
  for (const key of required) if (!(key in value)) return `residency field ${key} is missing`;
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) return `unexpected residency field ${JSON.stringify(key).slice(0, 40)}`;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
