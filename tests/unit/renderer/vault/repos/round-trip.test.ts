import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { DAY_MS } from '../../../../../src-renderer/domain/common.ts';
import { createClient, getClient, listClients, removeClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createProject, getProject, listProjects, removeProject, updateProject } from '../../../../../src-renderer/vault/repos/projects.ts';
import { createPhase, getPhase, listPhases, removePhase, updatePhase } from '../../../../../src-renderer/vault/repos/phases.ts';
import {
  createTimeBlock,
  createTimeBlocks,
  getTimeBlock,
  listTimeBlocks,
  removeTimeBlock,
  updateTimeBlock,
} from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { createExperiment, getExperiment, listExperiments, removeExperiment, updateExperiment } from '../../../../../src-renderer/vault/repos/experiments.ts';
import { createExpense, getExpense, listExpenses, removeExpense, updateExpense } from '../../../../../src-renderer/vault/repos/expenses.ts';
import {
  createKillSwitch,
  getKillSwitch,
  listKillSwitches,
  removeKillSwitch,
  updateKillSwitch,
} from '../../../../../src-renderer/vault/repos/kill-switches.ts';
import { getSetting, listSettings, removeSetting, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { clientInput, openTestVault, repoErrorCode, seedProject, T0, type TestVault } from '../../../support/store-helpers.ts';
import { fieldLabel } from '../../../../../src-renderer/vault/repos/errors.ts';
import { validatorText } from '../../../support/validator-text.ts';

let v: TestVault;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
});
afterEach(async () => {
  await v.close();
});

const block = (projectId: string, start: number, minutes: number, extra: object = {}) => ({
  projectId,
  start,
  end: start + minutes * 60_000,
  zone: 'Europe/Lisbon',
  kind: 'deep' as const,
  billable: true,
  ...extra,
});

describe('round trip through the encrypted store, per table', () => {
  it('clients: create, get, update, list by archived, remove', async () => {
    const a = await createClient(v.ctx, clientInput({ name: 'Beta', contact: { email: 'b@example.org' }, company: 'Beta SA' }));
    const b = await createClient(v.ctx, clientInput({ name: 'Alpha', residency: { kind: 'countries', countries: ['PT', 'ES'] } }));
    expect(await getClient(v.ctx, a.id)).toEqual(a);
    const archived = await updateClient(v.ctx, b.id, { archived: true, company: undefined });
    expect(archived).toMatchObject({ archived: true });
    expect(archived).not.toHaveProperty('company');
    expect((await listClients(v.ctx)).map((c) => c.name)).toEqual(['Alpha', 'Beta']);
    expect(await listClients(v.ctx, { archived: false })).toEqual([a]);
    expect(await listClients(v.ctx, { archived: true })).toEqual([archived]);
    const removed = await updateClient(v.ctx, a.id, { company: undefined });
    expect(removed).not.toHaveProperty('company');
    await removeClient(v.ctx, a.id);
    expect(await repoErrorCode(() => getClient(v.ctx, a.id))).toBe('not-found');
    expect(await listClients(v.ctx)).toEqual([archived]);
    expect(v.unreadable).toEqual([]);
  });

  it('projects: defaults from the client, list by client and status, dependents block removal', async () => {
    const { client, project } = await seedProject(v.ctx, { currency: 'CHF', defaultRateMinor: 15_000 });
    expect(project).toMatchObject({ currency: 'CHF', billing: { kind: 'hourly', rateMinor: 15_000 }, clientId: client.id });
    const other = await createClient(v.ctx, clientInput({ name: 'Other' }));
    const retainer = await createProject(v.ctx, {
      clientId: other.id,
      name: 'Care plan',
      billing: { kind: 'retainer', hoursPerMonth: 10, feeMinor: 100_000, overageRateMinor: 12_000 },
      estimateHours: 120,
      start: '2025-01-01',
      due: '2025-12-31',
    });
    expect(await getProject(v.ctx, retainer.id)).toEqual(retainer);
    expect(await listProjects(v.ctx, { clientId: client.id })).toEqual([project]);
    expect(await listProjects(v.ctx, { status: ['lead'] })).toEqual([retainer]);
    const paused = await updateProject(v.ctx, project.id, { status: 'paused', billing: { kind: 'fixed', feeMinor: 500_000 } });
    expect(await getProject(v.ctx, project.id)).toEqual(paused);
    expect(await repoErrorCode(() => removeClient(v.ctx, client.id))).toBe('has-dependents');
    await createTimeBlock(v.ctx, block(project.id, T0, 30));
    expect(await repoErrorCode(() => removeProject(v.ctx, project.id))).toBe('has-dependents');
    await removeProject(v.ctx, retainer.id);
    expect(await listProjects(v.ctx, { clientId: other.id })).toEqual([]);
    await removeClient(v.ctx, other.id);
  });

  it('phases: ordered list, update, removal refused while blocks point to it', async () => {
    const { project } = await seedProject(v.ctx);
    const second = await createPhase(v.ctx, { projectId: project.id, name: 'Build', order: 1, budgetHours: 40 });
    const first = await createPhase(v.ctx, { projectId: project.id, name: 'Discovery', order: 0, budgetHours: 8, start: '2025-06-01' });
    expect(await listPhases(v.ctx, project.id)).toEqual([first, second]);
    const done = await updatePhase(v.ctx, first.id, { status: 'done', exitCriteria: 'Signed brief' });
    expect(await getPhase(v.ctx, first.id)).toEqual(done);
    const b = await createTimeBlock(v.ctx, block(project.id, T0, 30, { phaseId: second.id }));
    expect(await repoErrorCode(() => removePhase(v.ctx, second.id))).toBe('has-dependents');
    await updateTimeBlock(v.ctx, b.id, { phaseId: undefined });
    await removePhase(v.ctx, second.id);
    expect(await listPhases(v.ctx, project.id)).toEqual([done]);
  });

  it('time blocks: by overlap with a range (blocks crossing midnight included), by project; sorted by start', async () => {
    const { project } = await seedProject(v.ctx);
    const { project: other } = await seedProject(v.ctx, { name: 'Other' });
    const day = Math.floor(T0 / DAY_MS) * DAY_MS; // 2025-06-15T00:00Z
    const late = await createTimeBlock(v.ctx, block(project.id, day - 30 * 60_000, 60)); // 23:30 -> 00:30
    const [morning, noon, tomorrow] = await createTimeBlocks(v.ctx, [
      block(project.id, day + 9 * 3_600_000, 90, { kind: 'meeting', note: 'kick-off' }),
      block(other.id, day + 12 * 3_600_000, 45),
      block(project.id, day + DAY_MS + 3_600_000, 30),
    ]);
    const today = await listTimeBlocks(v.ctx, { from: day, to: day + DAY_MS });
    expect(today).toEqual([late, morning, noon]);
    expect(await listTimeBlocks(v.ctx, { from: day + 11 * 3_600_000, to: day + DAY_MS })).toEqual([noon]);
    expect(await listTimeBlocks(v.ctx, { projectId: project.id })).toEqual([late, morning, tomorrow]);
    expect(await listTimeBlocks(v.ctx, { projectId: project.id, from: day + DAY_MS, to: day + 2 * DAY_MS })).toEqual([tomorrow]);
    expect(await getTimeBlock(v.ctx, morning!.id)).toEqual(morning);
    const billed = await updateTimeBlock(v.ctx, morning!.id, { billed: true });
    expect(await getTimeBlock(v.ctx, morning!.id)).toEqual(billed);
    await removeTimeBlock(v.ctx, late.id);
    expect(await listTimeBlocks(v.ctx, { from: day, to: day + DAY_MS })).toEqual([billed, noon]);
    expect(await listTimeBlocks(v.ctx)).toEqual([billed, noon, tomorrow]);
    expect(await repoErrorCode(() => listTimeBlocks(v.ctx, { from: 5, to: 1 }))).toBe('invalid-input');
  });

  it('time blocks: an id sent twice is already-exists; a phase of another project is refused', async () => {
    const { project } = await seedProject(v.ctx);
    const { project: other } = await seedProject(v.ctx);
    const phase = await createPhase(v.ctx, { projectId: other.id, name: 'Elsewhere', order: 0, budgetHours: 1 });
    await createTimeBlock(v.ctx, { ...block(project.id, T0, 30), id: 'session-1:1' });
    expect(await repoErrorCode(() => createTimeBlock(v.ctx, { ...block(project.id, T0, 30), id: 'session-1:1' }))).toBe('already-exists');
    expect(await repoErrorCode(() => createTimeBlock(v.ctx, block(project.id, T0, 30, { phaseId: phase.id })))).toBe('parent-not-found');
    expect(await repoErrorCode(() => createTimeBlock(v.ctx, block('no-such-project', T0, 30)))).toBe('parent-not-found');
    expect(await repoErrorCode(() => createTimeBlock(v.ctx, block(project.id, T0, 25 * 60)))).toBe('invalid-input');
    expect(await repoErrorCode(() => createTimeBlocks(v.ctx, [block(project.id, T0, 30), block(project.id, T0, -5)]))).toBe('invalid-input');
    expect(await listTimeBlocks(v.ctx, { projectId: project.id })).toHaveLength(1); // all or nothing
  });

  it('experiments: create, update to concluded, list by project, removal refused while a kill switch uses it', async () => {
    const { project } = await seedProject(v.ctx);
    const e = await createExperiment(v.ctx, {
      projectId: project.id,
      hypothesis: 'Shorter forms raise sign-ups',
      metricName: 'sign-up rate',
      metricUnit: '%',
      baseline: 2.1,
      links: ['https://example.org/dashboard'],
    });
    expect(await getExperiment(v.ctx, e.id)).toEqual(e);
    expect(await repoErrorCode(() => updateExperiment(v.ctx, e.id, { outcome: 'supported' }))).toBe('invalid-input');
    const concluded = await updateExperiment(v.ctx, e.id, { status: 'concluded', outcome: 'supported', value: 3.4 });
    expect(await listExperiments(v.ctx, project.id)).toEqual([concluded]);
    const k = await createKillSwitch(v.ctx, {
      projectId: project.id,
      trigger: { kind: 'metric', experimentId: e.id, comparator: '<', threshold: 2 },
      consequence: 'Stop the test',
    });
    expect(await repoErrorCode(() => removeExperiment(v.ctx, e.id))).toBe('has-dependents');
    await removeKillSwitch(v.ctx, k.id);
    await removeExperiment(v.ctx, e.id);
    expect(await listExperiments(v.ctx, project.id)).toEqual([]);
  });

  it('expenses: by project and by date range; billed needs pass-through', async () => {
    const { project } = await seedProject(v.ctx);
    const a = await createExpense(v.ctx, { projectId: project.id, date: '2025-06-02', amountMinor: 4_500, currency: 'EUR', category: 'travel' });
    const b = await createExpense(v.ctx, { projectId: project.id, date: '2025-05-20', amountMinor: -1_000, currency: 'GBP', category: 'software' });
    expect(await getExpense(v.ctx, a.id)).toEqual(a);
    expect(await listExpenses(v.ctx, { projectId: project.id })).toEqual([b, a]);
    expect(await listExpenses(v.ctx, { from: '2025-06-01', to: '2025-06-30' })).toEqual([a]);
    expect(await repoErrorCode(() => updateExpense(v.ctx, a.id, { billed: true }))).toBe('invalid-input');
    const billed = await updateExpense(v.ctx, a.id, { passThrough: true, billed: true, receiptNote: 'train' });
    await removeExpense(v.ctx, b.id);
    expect(await listExpenses(v.ctx)).toEqual([billed]);
  });

  it('kill switches: by project and by state', async () => {
    const { project } = await seedProject(v.ctx);
    const hours = await createKillSwitch(v.ctx, {
      projectId: project.id,
      trigger: { kind: 'hours', hours: 40 },
      consequence: 'Call the client',
      warnAtRatio: 0.8,
    });
    const spend = await createKillSwitch(v.ctx, {
      projectId: project.id,
      trigger: { kind: 'spend', amountMinor: 400_000, currency: 'EUR' },
      consequence: 'Stop',
      stopsTimer: true,
    });
    expect(await getKillSwitch(v.ctx, hours.id)).toEqual(hours);
    expect(await repoErrorCode(() => updateKillSwitch(v.ctx, spend.id, { state: 'tripped' }))).toBe('invalid-input');
    const tripped = await updateKillSwitch(v.ctx, spend.id, { state: 'tripped', trippedAt: T0 });
    expect(await listKillSwitches(v.ctx, { projectId: project.id })).toEqual([hours, tripped]);
    expect(await listKillSwitches(v.ctx, { states: ['armed', 'warned'] })).toEqual([hours]);
  });

  it('settings: set, overwrite, get, list, remove and set again', async () => {
    expect(await getSetting(v.ctx, 'autoLockMinutes')).toBeUndefined();
    await setSetting(v.ctx, 'autoLockMinutes', 10);
    await setSetting(v.ctx, 'week', { starts: 'monday', hours: [9, 17] });
    await setSetting(v.ctx, 'autoLockMinutes', 15);
    expect(await getSetting(v.ctx, 'autoLockMinutes')).toBe(15);
    expect(await listSettings(v.ctx)).toEqual([
      { id: 'autoLockMinutes', value: 15 },
      { id: 'week', value: { starts: 'monday', hours: [9, 17] } },
    ]);
    await removeSetting(v.ctx, 'autoLockMinutes');
    expect(await getSetting(v.ctx, 'autoLockMinutes')).toBeUndefined();
    await setSetting(v.ctx, 'autoLockMinutes', 5);
    expect(await getSetting(v.ctx, 'autoLockMinutes')).toBe(5);
    expect(await repoErrorCode(() => setSetting(v.ctx, 'bad', undefined))).toBe('invalid-input');
  });
});

describe('input validation', () => {
  it('refuses invalid records with the fields named, and saves nothing', async () => {
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['currency', () => createClient(v.ctx, clientInput({ currency: 'EURO' }))],
      ['currency', () => createClient(v.ctx, clientInput({ currency: 'XYZ' }))],
      ['timeZone', () => createClient(v.ctx, clientInput({ timeZone: 'Mars/Olympus' }))],
      ['country', () => createClient(v.ctx, clientInput({ country: 'de' }))],
      ['defaultRateMinor', () => createClient(v.ctx, clientInput({ defaultRateMinor: 95.5 }))],
      ['residency.countries', () => createClient(v.ctx, clientInput({ residency: { kind: 'countries', countries: [] } }))],
      ['contact.email', () => createClient(v.ctx, clientInput({ contact: { email: 'not an email' } }))],
      ['id', () => createClient(v.ctx, clientInput({ id: 'a|b' }))],
      ['name', () => createClient(v.ctx, clientInput({ name: '   ' }))],
    ];
    for (const [field, run] of cases) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, field).toMatchObject({ code: 'invalid-input' });
      expect(
        (error as { issues: Array<{ path: string }> }).issues.map((i) => i.path),
        field,
      ).toContain(field);
      // Said in the field's words: its label, never the schema path or the validator's text.
      expect((error as Error).message).toContain(fieldLabel(field.split('.')));
      expect(validatorText((error as Error).message), (error as Error).message).toBeNull();
    }
    expect(await listClients(v.ctx)).toEqual([]);
    expect(await v.db.clientKeys.count()).toBe(0);
  });

  it('refuses unknown and fixed fields in a patch', async () => {
    const { client, project } = await seedProject(v.ctx);
    expect(await repoErrorCode(() => updateClient(v.ctx, client.id, { nmae: 'x' } as never))).toBe('invalid-input');
    expect(await repoErrorCode(() => updateProject(v.ctx, project.id, { clientId: 'other' } as never))).toBe('invalid-input');
    expect(await repoErrorCode(() => updateProject(v.ctx, 'missing', { name: 'x' }))).toBe('not-found');
    expect(await getProject(v.ctx, project.id)).toEqual(project);
  });

  it('a patch that changes nothing writes nothing', async () => {
    const { client } = await seedProject(v.ctx);
    const before = await v.db.changes.count();
    expect(await updateClient(v.ctx, client.id, { name: client.name })).toEqual(client);
    expect(await v.db.changes.count()).toBe(before);
  });

  it('an id taken by a client is already-exists and leaves its key in place', async () => {
    const client = await createClient(v.ctx, clientInput({ id: 'c-1' }));
    expect(await repoErrorCode(() => createClient(v.ctx, clientInput({ id: 'c-1', name: 'Impostor' })))).toBe('already-exists');
    expect(await getClient(v.ctx, 'c-1')).toEqual(client);
  });
});
