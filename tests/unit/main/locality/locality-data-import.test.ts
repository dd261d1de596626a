/**
 * Locality data updates: a file dated after main's clock is refused (it would win every later
 * comparison, so Caravan's own newer data would be refused as older); any other file is shown to
 * the person, with what it changes, in main's own dialog, and used only on their yes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataUpdateQuestion, regionChanges, zoneChanges } from '../../../../src-main/locality/locality-data-changes.ts';
import { builtInLocalityData, parseLocalityData } from '../../../../src-main/locality/locality-data.ts';
import type { RegionsFile, ZonesFile } from '../../../../src-preload/contract/places/data-schema.ts';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import { audit, create, dataFile, openWith, refusal, useGuardWorld } from './guard-fixture.ts';

const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };

const world = useGuardWorld();

type Zones = { asOf: string; zones: { EU: { members: string[] } }; adequacy: { country: string }[] };

/** The shipped zones file with the US in the EU, unsigned, dated `asOf`. */
const usInTheEu = (asOf: string) =>
  dataFile<Zones>('zones', (f) => {
    f.asOf = asOf;
    f.zones.EU.members.push('US');
    // An EEA country cannot also have an adequacy decision: the file drops it, as a crafted one would.
    f.adequacy = f.adequacy.filter((a) => a.country !== 'US');
  });

describe('locality:importData', () => {
  it('refuses a file dated after today without asking, and the shipped data can still be imported after', async () => {
    const { service } = await openWith(world, { [CLIENT]: EU });
    const error = await refusal(service.importData(await usInTheEu('9999-12')));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/dated 9999-12, after today \(2026-11-15/);
    expect(world.questions).toEqual([]);
    expect(service.dataSummary().zones).toMatchObject({ asOf: '2026-11', imported: false });

    // The file Caravan ships is not "older" than anything now.
    const shipped = await dataFile<Zones>('zones', () => undefined);
    await expect(service.importData(shipped)).resolves.toMatchObject({ zones: { asOf: '2026-11', imported: true } });
  });

  it('shows an unsigned file that puts the US in the EU as exactly that, and changes nothing on no', async () => {
    const { service } = await openWith(world, { [CLIENT]: EU });
    const before = (await audit(world, service)).entries;
    world.answer = 'cancel';
    const error = await refusal(service.importData(await usInTheEu('2026-11-15')));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/nothing changed: the data as of 2026-11 is still in use/);
    expect(world.questions).toHaveLength(1);
    const [question] = world.questions;
    expect(question?.title).toBe('Use new locality data?');
    expect(question?.detail).toContain('EU gains United States (US)');
    expect(question?.detail).toContain('EEA gains United States (US)');
    expect(question?.detail).toMatch(/not signed/);
    expect(service.dataSummary().zones.imported).toBe(false);
    expect((await service.guard.travelPlan('US', [])).excluded).toEqual([CLIENT]);
    expect((await audit(world, service)).entries).toEqual(before);
  });

  it('on yes, uses the file and audits it before it takes effect', async () => {
    const { service } = await openWith(world, { [CLIENT]: EU });
    await service.importData(await usInTheEu('2026-11-15'));
    expect((await service.guard.travelPlan('US', [])).excluded).toEqual([]);
    const entries = (await audit(world, service)).entries;
    expect(entries.at(-1)).toMatchObject({ kind: 'locality-data-updated', reason: { params: { dataKind: 'zones', asOf: '2026-11-15' } } });
  });

  it('ignores a saved import dated after today at start, and says so', async () => {
    await mkdir(join(world.dir, 'locality'), { recursive: true });
    await writeFile(join(world.dir, 'locality', 'imported-zones.json'), await usInTheEu('9999-12'));
    const service = await create(world);
    expect(service.dataSummary().zones).toMatchObject({ asOf: '2026-11', imported: false });
    expect(service.dataSummary().problem).toMatch(/after today/);
  });
});

describe('what a data file changes, in words', () => {
  const data = builtInLocalityData();
  const zones = (edit: (z: ZonesFile) => ZonesFile) => edit(structuredClone(data.zones));
  const regions = (edit: (r: RegionsFile) => RegionsFile) => edit(structuredClone(data.regions));

  it('zones: members joining and leaving, adequacy decisions added, changed and removed', () => {
    const next = zones((z) => ({
      ...z,
      zones: { ...z.zones, EU: { ...z.zones.EU, members: [...z.zones.EU.members.filter((c) => c !== 'FR'), 'US'] } },
      adequacy: z.adequacy.filter((a) => a.country !== 'GB').map((a) => (a.country === 'CH' ? { ...a, validUntil: '2027-01' } : a)),
    }));
    const lines = zoneChanges(data.zones, next);
    expect(lines).toContain('EU gains United States (US)');
    expect(lines).toContain('EU loses France (FR)');
    expect(lines).toContain('Adequacy decision removed: United Kingdom (GB)');
    expect(lines.some((l) => l.startsWith('Adequacy of Switzerland (CH) changes:') && l.endsWith('until 2027-01'))).toBe(true);
    expect(zoneChanges(data.zones, data.zones)).toEqual([]);
  });

  it('regions: a region moving country, a region added or removed', () => {
    const next = regions((r) => ({
      ...r,
      providers: r.providers.map((p) =>
        p.id !== 'aws'
          ? p
          : {
              ...p,
              regions: [
                ...p.regions.filter((x) => x.code !== 'eu-south-1').map((x) => (x.code === 'eu-central-1' ? { ...x, country: 'US' } : x)),
                { code: 'eu-east-9', country: 'PL', confidence: 'confirmed' as const },
              ],
            },
      ),
    }));
    const lines = regionChanges(data.regions, next);
    expect(lines).toContain('AWS eu-central-1: DE (Frankfurt) -> US (Frankfurt)');
    expect(lines).toContain('AWS eu-south-1: removed');
    expect(lines).toContain('AWS eu-east-9: new, in PL');
    expect(regionChanges(data.regions, data.regions)).toEqual([]);
  });

  it('says when nothing but dates changed, and how many decisions move', () => {
    const parsed = parseLocalityData({ ...data.regions, asOf: '2026-11-15' });
    if (!parsed.ok) throw new Error('the shipped regions file does not parse');
    const question = dataUpdateQuestion(data, parsed.file, { nowAllowed: 2, nowRefused: 1 });
    expect(question.message).toBe('Use this provider regions file as of 2026-11-15 instead of the one as of 2026-11?');
    expect(question.detail).toContain('only dates, sources or notes differ');
    expect(question.detail).toContain('2 would newly allow');
    expect(question.detail).toContain('1 would newly hold it back');
  });
});
