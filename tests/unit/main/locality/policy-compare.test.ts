import { describe, expect, it } from 'vitest';
import { allowedCountries, comparePolicies, type PolicyChange } from '../../../../src-main/locality/policy-compare.ts';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';

const NOW = Date.UTC(2026, 10, 15);
const ctx = { now: NOW };

const EU27 = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');

const attest = (country: string) => ({ country, basis: `EU-US DPF certification of the provider (${country})`, recordedAt: NOW - 1000 });
const DEVICE: ResidencyPolicy = { kind: 'device-only' };
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };
const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const ADQ_US: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy', attestations: [attest('US')] };
const DE: ResidencyPolicy = { kind: 'countries', countries: ['DE'] };
const FR: ResidencyPolicy = { kind: 'countries', countries: ['FR'] };
const DE_FR: ResidencyPolicy = { kind: 'countries', countries: ['DE', 'FR'] };

type Row = [name: string, old: ResidencyPolicy, next: ResidencyPolicy, change: PolicyChange, added: string[] | null, removed: string[] | null];

// `null` for added/removed: not pinned exactly (checked by the non-empty / empty rules below).
const rows: Row[] = [
  ['EU -> EEA is weaker and adds exactly IS, LI, NO', EU, EEA, 'weaker', ['IS', 'LI', 'NO'], []],
  ['EEA -> EU is stronger and removes exactly IS, LI, NO', EEA, EU, 'stronger', [], ['IS', 'LI', 'NO']],
  ['EEA+adequacy -> EEA is stronger', ADQ, EEA, 'stronger', [], null],
  ['EEA -> EEA+adequacy is weaker', EEA, ADQ, 'weaker', null, []],
  ['adding a US attestation under EEA+adequacy is weaker and adds only US', ADQ, ADQ_US, 'weaker', ['US'], []],
  ['dropping the US attestation under EEA+adequacy is stronger and removes only US', ADQ_US, ADQ, 'stronger', [], ['US']],
  ['[DE] -> [DE, FR] is weaker', DE, DE_FR, 'weaker', ['FR'], []],
  ['[DE, FR] -> [DE] is stronger', DE_FR, DE, 'stronger', [], ['FR']],
  ['[DE] -> [FR] is weaker (adds FR, removes DE)', DE, FR, 'weaker', ['FR'], ['DE']],
  ['device-only -> EU is weaker', DEVICE, EU, 'weaker', EU27.slice().sort(), []],
  ['device-only -> [DE] is weaker', DEVICE, DE, 'weaker', ['DE'], []],
  ['device-only -> EEA+adequacy is weaker', DEVICE, ADQ, 'weaker', null, []],
  ['EU -> device-only is stronger', EU, DEVICE, 'stronger', [], EU27.slice().sort()],
  ['the same zone is the same', EEA, EEA, 'same', [], []],
  ['the same list in another order is the same', DE_FR, { kind: 'countries', countries: ['FR', 'DE'] }, 'same', [], []],
  ['device-only -> device-only is the same', DEVICE, DEVICE, 'same', [], []],
  ['[DE, FR] as a list and the EU zone differ: EU is weaker', DE_FR, EU, 'weaker', null, []],
];

describe('comparePolicies', () => {
  it.each(rows)('%s', (_name, old, next, change, added, removed) => {
    const result = comparePolicies(old, next, ctx);
    expect(result.change).toBe(change);
    if (added) expect(result.added).toEqual(added);
    if (removed) expect(result.removed).toEqual(removed);
    if (change === 'weaker') expect(result.added.length).toBeGreaterThan(0);
    if (change === 'stronger') expect(result.added).toEqual([]);
    if (change === 'stronger') expect(result.removed.length).toBeGreaterThan(0);
  });

  it('EEA+adequacy -> EEA removes the full adequacy countries (GB, CH, JP is not among them without attestation)', () => {
    const { removed } = comparePolicies(ADQ, EEA, ctx);
    expect(removed).toEqual(expect.arrayContaining(['GB', 'CH', 'NZ', 'KR']));
    // Conditional countries never were allowed without an attestation.
    expect(removed).not.toContain('US');
    expect(removed).not.toContain('JP');
    expect(removed).not.toContain('CA');
    // Nothing of the EEA is removed.
    for (const c of [...EU27, 'IS', 'LI', 'NO']) expect(removed).not.toContain(c);
  });

  it.each([EU, EEA, ADQ, ADQ_US, DE, FR, DE_FR])('device-only -> %j is weaker', (next) => {
    expect(comparePolicies(DEVICE, next, ctx).change).toBe('weaker');
  });

  it('added and removed are sorted', () => {
    const result = comparePolicies({ kind: 'countries', countries: ['SE', 'AT'] }, { kind: 'countries', countries: ['PT', 'BE'] }, ctx);
    expect(result).toEqual({ change: 'weaker', added: ['BE', 'PT'], removed: ['AT', 'SE'] });
  });

  it('a new client (no old policy) counts any non-device-only policy as weaker, device-only as the same', () => {
    expect(comparePolicies(undefined, EU, ctx).change).toBe('weaker');
    expect(comparePolicies(undefined, DEVICE, ctx)).toEqual({ change: 'same', added: [], removed: [] });
  });
});

describe('allowedCountries', () => {
  it('is empty for device-only and for no policy', () => {
    expect(allowedCountries(DEVICE, ctx).size).toBe(0);
    expect(allowedCountries(undefined, ctx).size).toBe(0);
  });

  it('is exactly the 27 EU members for the EU zone', () => {
    expect([...allowedCountries(EU, ctx)].sort()).toEqual(EU27.slice().sort());
  });

  it('is exactly the listed countries for a country list', () => {
    expect([...allowedCountries(DE_FR, ctx)].sort()).toEqual(['DE', 'FR']);
  });

  it('under EEA+adequacy includes US only with an attestation', () => {
    expect(allowedCountries(ADQ, ctx).has('US')).toBe(false);
    expect(allowedCountries(ADQ_US, ctx).has('US')).toBe(true);
  });

  it.each([
    ['well before the decision ends', Date.UTC(2026, 10, 15), true],
    ['on its last day, 2031-12-27', Date.UTC(2031, 11, 27, 23, 59), true],
    ['the day after it ends', Date.UTC(2031, 11, 28), false],
    ['years after it ends', Date.UTC(2035, 0, 1), false],
  ])('under EEA+adequacy includes GB %s: %s', (_name, now, included) => {
    const allowed = allowedCountries(ADQ, { now });
    expect(allowed.has('GB')).toBe(included);
    // The EEA itself does not depend on the date.
    expect(allowed.has('NO')).toBe(true);
  });

  it('makes comparePolicies date-dependent: EEA -> EEA+adequacy adds GB before 2031-12-27 and not after', () => {
    expect(comparePolicies(EEA, ADQ, { now: Date.UTC(2030, 0, 1) }).added).toContain('GB');
    expect(comparePolicies(EEA, ADQ, { now: Date.UTC(2032, 0, 1) }).added).not.toContain('GB');
  });
});
