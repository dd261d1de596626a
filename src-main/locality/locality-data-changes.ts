/**
 * What a locality data file changes, in words, for main's own question before it is used: which
 * countries join or leave the EU or the EEA (territories included, as the guard counts them),
 * which adequacy decisions appear, go or change, and which provider regions, jurisdictions or
 * endpoints move. A file is not signed, so the person is the check: a file that puts the US in
 * the EU says exactly that, first.
 */
import type { AdequacyEntry, LocalityDataFile, ProviderTable, RegionsFile, ZonesFile } from '../../src-preload/contract/places/data-schema.ts';
import { ZONES_KIND } from '../../src-preload/contract/places/data-schema.ts';
import type { ConfirmRequest } from '../confirm/confirm.ts';
import { zoneMembers } from '../../src-preload/contract/places/zones.ts';
import { countryName } from './locality-data.ts';
import { countryList } from './policy-words.ts';

function setDiff(before: ReadonlySet<string>, after: ReadonlySet<string>): { added: string[]; removed: string[] } {
  return { added: [...after].filter((c) => !before.has(c)).sort(), removed: [...before].filter((c) => !after.has(c)).sort() };
}

function adequacyText(a: AdequacyEntry): string {
  const scope = a.scope === 'full' ? 'full' : `conditional (${a.scopeText})`;
  const dates = [a.since ? `since ${a.since}` : '', a.validUntil ? `until ${a.validUntil}` : ''].filter(Boolean).join(', ');
  return `${scope}${dates ? `, ${dates}` : ''}${a.confidence === 'unconfirmed' ? ', unconfirmed' : ''}`;
}

/** Zone membership and adequacy decisions, before and after. */
export function zoneChanges(before: ZonesFile, after: ZonesFile): string[] {
  const lines: string[] = [];
  for (const zone of ['EU', 'EEA'] as const) {
    const { added, removed } = setDiff(zoneMembers(before, zone), zoneMembers(after, zone));
    if (added.length > 0) lines.push(`${zone} gains ${countryList(added)}`);
    if (removed.length > 0) lines.push(`${zone} loses ${countryList(removed)}`);
  }
  const old = new Map(before.adequacy.map((a) => [a.country, a]));
  const now = new Map(after.adequacy.map((a) => [a.country, a]));
  for (const [country, a] of now) {
    const was = old.get(country);
    const name = `${countryName(country)} (${country})`;
    if (!was) lines.push(`New adequacy decision: ${name}, ${adequacyText(a)}`);
    else if (adequacyText(was) !== adequacyText(a)) lines.push(`Adequacy of ${name} changes: ${adequacyText(was)} -> ${adequacyText(a)}`);
  }
  for (const country of old.keys()) if (!now.has(country)) lines.push(`Adequacy decision removed: ${countryName(country)} (${country})`);
  return lines;
}

function regionText(r: ProviderTable['regions'][number]): string {
  return `${r.country}${r.place ? ` (${r.place})` : ''}${r.confidence === 'unconfirmed' ? ', unconfirmed' : ''}${r.endpointPattern ? `, endpoint ${r.endpointPattern}` : ''}`;
}

function jurisdictionText(j: NonNullable<ProviderTable['jurisdictions']>[number]): string {
  return j.country ?? `the ${j.zone ?? 'EU'}`;
}

/** Provider tables, before and after: a region's country, a jurisdiction's place, endpoints, guarantees. */
export function regionChanges(before: RegionsFile, after: RegionsFile): string[] {
  const lines: string[] = [];
  const old = new Map(before.providers.map((p) => [p.id, p]));
  for (const p of after.providers) {
    const was = old.get(p.id);
    if (!was) {
      lines.push(`New provider ${p.name}: ${p.regions.map((r) => `${r.code} in ${r.country}`).join(', ') || 'no regions'}`);
      continue;
    }
    if (was.guarantee !== p.guarantee) lines.push(`${p.name} guarantees by ${p.guarantee} (was ${was.guarantee})`);
    if ((was.endpointPattern ?? '') !== (p.endpointPattern ?? ''))
      lines.push(`${p.name} endpoint: ${was.endpointPattern ?? 'none'} -> ${p.endpointPattern ?? 'none'}`);
    const regions = new Map(was.regions.map((r) => [r.code, r]));
    for (const r of p.regions) {
      const prev = regions.get(r.code);
      if (!prev) lines.push(`${p.name} ${r.code}: new, in ${regionText(r)}`);
      else if (regionText(prev) !== regionText(r)) lines.push(`${p.name} ${r.code}: ${regionText(prev)} -> ${regionText(r)}`);
    }
    for (const code of regions.keys()) if (!p.regions.some((r) => r.code === code)) lines.push(`${p.name} ${code}: removed`);
    const jurisdictions = new Map((was.jurisdictions ?? []).map((j) => [j.code, j]));
    for (const j of p.jurisdictions ?? []) {
      const prev = jurisdictions.get(j.code);
      if (!prev) lines.push(`${p.name} jurisdiction ${j.code}: new, in ${jurisdictionText(j)}`);
      else if (jurisdictionText(prev) !== jurisdictionText(j))
        lines.push(`${p.name} jurisdiction ${j.code}: ${jurisdictionText(prev)} -> ${jurisdictionText(j)}`);
    }
    for (const code of jurisdictions.keys()) if (!(p.jurisdictions ?? []).some((j) => j.code === code)) lines.push(`${p.name} jurisdiction ${code}: removed`);
    old.delete(p.id);
  }
  for (const p of old.values()) lines.push(`Provider ${p.name} removed`);
  return lines;
}

/** How many client-target decisions the file would change, and in which direction. */
export interface DecisionShift {
  nowAllowed: number;
  nowRefused: number;
}

/** Main's question before a data file is used. */
export function dataUpdateQuestion(current: { zones: ZonesFile; regions: RegionsFile }, file: LocalityDataFile, shift: DecisionShift): ConfirmRequest {
  const zones = file.kind === ZONES_KIND;
  const what = zones ? 'zones and adequacy' : 'provider regions';
  const was = zones ? current.zones : current.regions;
  const changes = file.kind === ZONES_KIND ? zoneChanges(current.zones, file) : regionChanges(current.regions, file);
  const effect =
    shift.nowAllowed + shift.nowRefused === 0
      ? 'No decision about your clients and targets changes today.'
      : `Decisions that change today: ${shift.nowAllowed} would newly allow a client's data to a target, ${shift.nowRefused} would newly hold it back.`;
  return {
    title: 'Use new locality data?',
    message: `Use this ${what} file as of ${file.asOf} instead of the one as of ${was.asOf}?`,
    detail: [
      ...(changes.length > 0 ? changes.map((l) => `• ${l}`) : ['No zone, adequacy or region changes: only dates, sources or notes differ.']),
      effect,
      'The file is not signed: Caravan checked its form only. Use it only if you trust where it came from. Your answer is recorded in the audit log.',
    ].join('\n'),
    confirmLabel: 'Use this data',
  };
}
