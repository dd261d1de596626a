/**
 * The ledger read from a vault: stored days, trips, the blocks' zones, this device's recorded zones
 * (encrypted in the meta store) and travel mode; confirming hints, correcting and clearing a day;
 * the presence rules setting.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { DEFAULT_PRESENCE_RULES, PRESENCE_RULES_KEY } from '../../../../src-renderer/domain/presence.ts';
import { createTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { getSetting, setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { currentPresenceWarnings } from '../../../../src-renderer/presence/check-warnings.ts';
import { putPresenceDays } from '../../../../src-renderer/vault/repos/presence-days.ts';
import { saveTrips } from '../../../../src-renderer/presence/save-trips.ts';
import { loadLedger } from '../../../../src-renderer/presence/load-ledger.ts';
import { clearPresenceDay, confirmHints, setPresenceDay, storedPresenceDays } from '../../../../src-renderer/presence/corrections.ts';
import { MAX_ZONE_DAYS, readDeviceZones, recordDeviceZone, withZone, type DeviceZoneStore } from '../../../../src-renderer/presence/device-zones.ts';
import { loadPresenceRules, readPresenceRules, savePresenceRules } from '../../../../src-renderer/presence/rules.ts';
import type { LedgerDeps } from '../../../../src-renderer/presence/runtime-deps.ts';
import type { TravelState } from '../../../../src-renderer/locality/travel.ts';
import { WORKSPACE_KEY_ID } from '../../../../src-renderer/vault/store/schema.ts';
import { openTestVault, seedProject, type TestVault } from '../../support/store-helpers.ts';

let v: TestVault;
let metaValue: unknown;
let travel: TravelState | null;
let deps: LedgerDeps;

function zoneStore(vaultId = 'vault-1'): DeviceZoneStore {
  return {
    vaultId,
    read: async () => metaValue,
    write: async (bytes) => void (metaValue = bytes),
    key: () => v.keyRing.keyFor(WORKSPACE_KEY_ID),
  };
}

beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
  metaValue = undefined;
  travel = null;
  deps = { ctx: v.ctx, zones: zoneStore(), travel: async () => travel };
});
afterEach(async () => {
  await v.close();
});

const at = (iso: string) => Date.parse(iso);

describe('loadLedger', () => {
  it('assembles stored days, trips and every kind of hint for a range', async () => {
    const { project } = await seedProject(v.ctx, { name: 'Łódź Analytics' });
    // 00:30 in Tokyo on 3 May is still 2 May in UTC: the block is a Tokyo day, 3 May.
    await createTimeBlock(v.ctx, {
      projectId: project.id,
      start: at('2026-05-02T15:30:00Z'),
      end: at('2026-05-02T17:00:00Z'),
      zone: 'Asia/Tokyo',
      kind: 'deep',
      billable: true,
    });
    await recordDeviceZone(deps.zones, '2026-05-04', 'Europe/Zurich');
    travel = { country: 'GR', since: at('2026-05-05T08:00:00Z'), removed: [], returning: [] };
    await saveTrips([{ from: '2026-04-28', to: '2026-05-01', country: 'PT' }], v.ctx);
    await setPresenceDay('2026-05-02', [{ country: 'ES' }], 'Zürich → Madrid', { deps });

    const rows = await loadLedger('2026-05-01', '2026-05-07', { today: '2026-05-06', zone: 'Europe/Athens', deps });
    expect(rows.map((r) => [r.day, r.basis, r.countries.map((c) => `${c.country}:${c.source}`).join(' ')])).toEqual([
      ['2026-05-01', 'trip', 'PT:trip'],
      ['2026-05-02', 'stored', 'ES:manual'],
      ['2026-05-03', 'hints', 'JP:blocks'],
      ['2026-05-04', 'hints', 'CH:device'],
      ['2026-05-05', 'hints', 'GR:travel-mode'],
      ['2026-05-06', 'hints', 'GR:travel-mode'],
      // Travel mode names no day after today.
      ['2026-05-07', 'none', ''],
    ]);
    expect(rows[3]!.countries[0]!.sharedWith).toEqual(['DE', 'LI']);
  });

  it('confirms the hints of many days in one write, leaving stored and trip days alone; clearing a day derives it again', async () => {
    const { project } = await seedProject(v.ctx);
    for (const day of ['03', '04']) {
      await createTimeBlock(v.ctx, {
        projectId: project.id,
        start: at(`2026-05-${day}T09:00:00Z`),
        end: at(`2026-05-${day}T10:00:00Z`),
        zone: 'Europe/Lisbon',
        kind: 'deep',
        billable: true,
      });
    }
    await saveTrips([{ from: '2026-05-01', to: '2026-05-02', country: 'FR' }], v.ctx);
    const outcome = await confirmHints(['2026-05-01', '2026-05-03', '2026-05-04', '2026-05-05'], { today: '2026-05-05', zone: 'Europe/Lisbon', deps });
    expect(outcome.confirmed.map((d) => [d.id, d.stays])).toEqual([
      ['2026-05-03', [{ country: 'PT' }]],
      ['2026-05-04', [{ country: 'PT' }]],
    ]);
    expect(outcome.skipped).toEqual(['2026-05-01', '2026-05-05']);
    const rows = await loadLedger('2026-05-03', '2026-05-04', { today: '2026-05-05', zone: 'Europe/Lisbon', deps });
    expect(rows.map((r) => [r.basis, r.countries[0]!.confirmed])).toEqual([
      ['stored', true],
      ['stored', true],
    ]);
    const cleared = await clearPresenceDay('2026-05-03', { deps });
    expect(cleared.stays).toEqual([{ country: 'PT' }]);
    expect((await storedPresenceDays('2026-05-01', '2026-05-31', { deps })).map((d) => d.id)).toEqual(['2026-05-04']);
    expect((await loadLedger('2026-05-03', '2026-05-03', { today: '2026-05-05', zone: 'Europe/Lisbon', deps }))[0]!.basis).toBe('hints');
  });
});

describe('corrections', () => {
  it('setPresenceDay checks the day first, in words', async () => {
    await expect(setPresenceDay('2026-3-1', [{ country: 'FR' }], '', { deps })).rejects.toThrow('Day: enter a day such as 2026-03-01.');
    expect(await storedPresenceDays('2026-01-01', '2026-12-31', { deps })).toEqual([]);
  });

  it('confirming hints marks the day as confirmed from hints and never overwrites a day stored since the ledger was read', async () => {
    const { project } = await seedProject(v.ctx);
    for (const day of ['03', '04']) {
      await createTimeBlock(v.ctx, {
        projectId: project.id,
        start: at(`2026-05-${day}T09:00:00Z`),
        end: at(`2026-05-${day}T10:00:00Z`),
        zone: 'Europe/Paris',
        kind: 'deep',
        billable: true,
      });
    }
    // Another device's correction arrives while the ledger is being read: the read sees hints only.
    const read = deps.travel;
    deps = {
      ...deps,
      travel: async () => {
        await putPresenceDays(v.ctx, [{ day: '2026-05-03', stays: [{ country: 'DE' }], note: 'train' }]);
        return read();
      },
    };
    const outcome = await confirmHints(['2026-05-03', '2026-05-04'], { today: '2026-05-05', zone: 'Europe/Paris', deps });
    expect(outcome.confirmed.map((d) => [d.id, d.stays, d.confirmed])).toEqual([['2026-05-04', [{ country: 'FR' }], 'hints']]);
    expect(outcome.skipped).toEqual(['2026-05-03']);
    const stored = await storedPresenceDays('2026-05-01', '2026-05-31', { deps });
    expect(stored.map((d) => [d.id, d.stays, d.note])).toEqual([
      ['2026-05-03', [{ country: 'DE' }], 'train'],
      ['2026-05-04', [{ country: 'FR' }], ''],
    ]);
    // A correction by hand drops the mark.
    expect((await setPresenceDay('2026-05-04', [{ country: 'FR' }], 'Zürich', { deps })).confirmed).toBeUndefined();
  });
});

describe('currentPresenceWarnings', () => {
  it('warns "possibly" when travel mode has said France for 85 days and nothing is confirmed', async () => {
    travel = { country: 'FR', since: at('2026-04-06T10:00:00Z'), removed: [], returning: [] };
    const { warnings } = await currentPresenceWarnings({ today: '2026-06-29', zone: 'Europe/Paris', deps });
    expect(warnings).toMatchObject([{ id: 'schengen', used: 85, unconfirmed: 85, remaining: 5 }]);
  });
});

describe('device zones', () => {
  it('are kept encrypted, per day, without repeats', async () => {
    expect(await recordDeviceZone(deps.zones, '2026-05-04', 'Europe/Lisbon')).toBe(true);
    expect(await recordDeviceZone(deps.zones, '2026-05-04', 'Europe/Lisbon')).toBe(false);
    await recordDeviceZone(deps.zones, '2026-05-04', 'Asia/Tokyo');
    expect(await readDeviceZones(deps.zones)).toEqual({ '2026-05-04': ['Europe/Lisbon', 'Asia/Tokyo'] });
    expect(metaValue).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(metaValue as Uint8Array).toString('latin1')).not.toMatch(/Lisbon|Tokyo|2026/u);
    // Another vault's key name does not open it: the hint is lost, nothing breaks.
    expect(await readDeviceZones(zoneStore('vault-2'))).toEqual({});
  });

  it('keep the newest 400 days only', () => {
    let zones = {};
    for (let i = 0; i < MAX_ZONE_DAYS + 5; i++) zones = withZone(zones, new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10), 'Europe/Lisbon');
    const days = Object.keys(zones).sort();
    expect(days).toHaveLength(MAX_ZONE_DAYS);
    expect(days[0]).toBe('2025-01-06');
  });

  it('one reading from a clock set years ahead deletes no history, and is dropped once the clock is right', () => {
    let zones = {};
    for (let i = 0; i < 30; i++) zones = withZone(zones, new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), 'Europe/Lisbon');
    zones = withZone(zones, '2031-01-01', 'Europe/Lisbon');
    expect(Object.keys(zones)).toHaveLength(31);
    zones = withZone(zones, '2026-01-31', 'Europe/Lisbon', '2026-01-31');
    const days = Object.keys(zones).sort();
    expect([days.length, days[0], days.at(-1)]).toEqual([31, '2026-01-01', '2026-01-31']);
  });
});

describe('presence rules', () => {
  it('read the defaults when missing or unreadable, and keep every valid part of a damaged value', async () => {
    expect(await loadPresenceRules(v.ctx)).toEqual(DEFAULT_PRESENCE_RULES);
    await setSetting(v.ctx, PRESENCE_RULES_KEY, 'nonsense');
    expect(await loadPresenceRules(v.ctx)).toEqual(DEFAULT_PRESENCE_RULES);
    const kept = readPresenceRules({
      taxYears: { GB: { yearStart: '04-06', counting: 'midnight', threshold: 183 }, XX1: {}, PT: { yearStart: '02-29', counting: 'any-part', threshold: 183 } },
      schengenWarnDaysLeft: 14,
      notify: 'yes',
      addedByANewerVersion: true,
    });
    expect(kept).toEqual({ taxYears: { GB: { yearStart: '04-06', counting: 'midnight', threshold: 183 } }, schengenWarnDaysLeft: 14, notify: true });
  });

  it("keep a country's rule over a field this version does not know, and a save keeps that field (the setting syncs whole, so no device erases it)", async () => {
    await setSetting(v.ctx, PRESENCE_RULES_KEY, {
      taxYears: { GB: { yearStart: '04-06', counting: 'midnight', threshold: 183, splitYear: true } },
      schengenWarnDaysLeft: 12,
      notify: true,
      digest: 'weekly',
    });
    const read = await loadPresenceRules(v.ctx);
    expect(read.taxYears).toEqual({ GB: { yearStart: '04-06', counting: 'midnight', threshold: 183 } });
    expect(await savePresenceRules(v.ctx, { ...read, taxYears: { GB: { ...read.taxYears['GB']!, threshold: 120 } } })).toMatchObject({ ok: true });
    expect(await getSetting(v.ctx, PRESENCE_RULES_KEY)).toEqual({
      taxYears: { GB: { yearStart: '04-06', counting: 'midnight', threshold: 120, splitYear: true } },
      schengenWarnDaysLeft: 12,
      notify: true,
      digest: 'weekly',
    });
  });

  it('are saved when valid and refused in words otherwise, writing nothing', async () => {
    const rules = {
      taxYears: { PT: { yearStart: '01-01', counting: 'any-part' as const, threshold: 183, warnAt: 150 } },
      schengenWarnDaysLeft: 7,
      notify: false,
    };
    expect(await savePresenceRules(v.ctx, rules)).toEqual({ ok: true, rules });
    expect(await loadPresenceRules(v.ctx)).toEqual(rules);
    const tooHigh = await savePresenceRules(v.ctx, { ...rules, schengenWarnDaysLeft: 91 });
    expect(tooHigh).toEqual({ ok: false, message: 'The presence rules were not saved. Warn at Schengen days left: at most 90.' });
    const leapDay = await savePresenceRules(v.ctx, { ...rules, taxYears: { PT: { ...rules.taxYears.PT, yearStart: '02-29' } } });
    expect(leapDay).toEqual({
      ok: false,
      message: 'The presence rules were not saved. Tax year starts (Portugal) must be a day of every year (not 29 February).',
    });
    const warnAbove = await savePresenceRules(v.ctx, { ...rules, taxYears: { PT: { ...rules.taxYears.PT, warnAt: 200 } } });
    expect(warnAbove).toEqual({ ok: false, message: 'The presence rules were not saved. Warn at (days) (Portugal) must not be above the threshold (183).' });
    expect(await getSetting(v.ctx, PRESENCE_RULES_KEY)).toEqual(rules);
  });
});
