/**
 * How main shows targets and places to the renderer: a target with its location resolved (and
 * the ids of the partitions it holds, never their content), a location for settings being typed,
 * and the provider and region choices of the locality data in use. Pure reads.
 */
import type { RegionChoices, ResolvedLocation, TargetView } from '../../src-preload/contract/target.ts';
import type { LocalityData } from './locality-data.ts';
import { PROVIDER_NAMES, type Location } from './policy.ts';
import { locationOf, resolveLocation } from './resolve-location.ts';
import type { TargetConfig } from './target-registry.ts';

function shown(l: Location): ResolvedLocation {
  return { description: l.description, guarantee: l.guarantee, ...(l.country ? { country: l.country } : {}), ...(l.zone ? { zone: l.zone } : {}) };
}

export function targetView(target: TargetConfig, data: LocalityData): TargetView {
  const { holds, ...rest } = target;
  return { ...rest, resolved: shown(locationOf(target, data)), holds: Object.keys(holds) };
}

/** Where these settings put the data; `endpoint` as typed in the form (absent: the provider's own). */
export function resolvedLocation(input: unknown, data: LocalityData, endpoint?: string): ResolvedLocation {
  return shown(resolveLocation(input, data, endpoint));
}

export function regionChoices(data: LocalityData): RegionChoices {
  const r2 = data.regions.providers.find((p) => p.id === 'r2');
  return {
    providers: data.regions.providers
      .filter((p) => p.id !== 'r2')
      .map((p) => ({
        id: p.id,
        name: p.name ?? PROVIDER_NAMES[p.id],
        regions: p.regions.map((r) => ({ code: r.code, country: r.country, confirmed: r.confidence === 'confirmed', ...(r.place ? { place: r.place } : {}) })),
      })),
    r2Jurisdictions: (r2?.jurisdictions ?? []).map((j) => ({
      code: j.code,
      label: j.country ? `${j.code.toUpperCase()} (${j.country})` : `${j.code.toUpperCase()} (somewhere in the EU)`,
    })),
    r2LocationHints: (r2?.locationHints ?? []).map((h) => ({ code: h.code, label: h.label })),
  };
}
