import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { listClients } from '../../../../src-renderer/vault/repos/clients.ts';
import { listProjects } from '../../../../src-renderer/vault/repos/projects.ts';
import { listTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { writeImportedWork } from '../../../../src-renderer/vault/repos/imported-work.ts';
import { newId } from '../../../../src-renderer/vault/repos/entity-repo.ts';
import { importTime } from '../../../../src-renderer/time-import/import-time.ts';
import { openTestVault, seedProject, type TestVault } from '../../support/store-helpers.ts';
import { planFixture } from './support.ts';

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

/** Plans a fixture against what the vault holds now, as the dialog does, and imports it. */
async function importFixture(name: string, zone = 'Europe/Lisbon') {
  const [clients, projects, blocks] = await Promise.all([listClients(v.ctx), listProjects(v.ctx), listTimeBlocks(v.ctx)]);
  const { plan, mapping } = await planFixture(name, {
    zone,
    clients,
    projects,
    imported: new Set(blocks.filter((b) => b.imported?.source === 'toggl').map((b) => b.imported!.key)),
  });
  const outcome = await importTime({ write: (work) => writeImportedWork(v.ctx, work), newId }, plan, mapping.source);
  return { plan, outcome };
}

describe('writing an import', () => {
  it('creates the clients and projects the file names, with the file’s rates, and its blocks with their import keys', async () => {
    const { outcome } = await importFixture('toggl-detailed.csv');
    expect(outcome).toEqual({ ok: true, added: 4, skipped: 0 });
    const clients = await listClients(v.ctx);
    expect(clients.map((c) => [c.name, c.country, c.timeZone, c.currency, c.residency.kind])).toEqual([
      ['Łódź Analytics', 'PT', 'Europe/Lisbon', 'EUR', 'device-only'],
      ['Zürich Re', 'PT', 'Europe/Lisbon', 'EUR', 'device-only'],
      ['Αθήνα Labs', 'PT', 'Europe/Lisbon', 'EUR', 'device-only'],
    ]);
    const projects = await listProjects(v.ctx);
    expect(projects.map((p) => [p.name, p.billing, p.currency, p.status])).toEqual([
      ['Churn model', { kind: 'hourly', rateMinor: 9000 }, 'EUR', 'active'],
      ['Pricing audit', { kind: 'hourly', rateMinor: 0 }, 'EUR', 'active'],
      ['Vision pilot', { kind: 'hourly', rateMinor: 6000 }, 'EUR', 'active'],
    ]);
    const blocks = await listTimeBlocks(v.ctx);
    expect(blocks.map((b) => [new Date(b.start).toISOString(), b.billable, b.imported?.source, b.note])).toEqual([
      ['2026-03-02T09:00:00.000Z', true, 'toggl', 'Modelling: Feature engineering'],
      ['2026-03-02T14:00:00.000Z', true, 'toggl', 'Modelling: Model review'],
      ['2026-03-03T08:15:00.000Z', false, 'toggl', 'Call, notes'],
      ['2026-03-04T23:30:00.000Z', true, 'toggl', 'Data labelling'],
    ]);
    expect(new Set(blocks.map((b) => b.imported?.key)).size).toBe(4);
  });

  it('a second import of the same file adds nothing: "0 new, 4 already imported"', async () => {
    await importFixture('toggl-detailed.csv');
    const again = await importFixture('toggl-detailed.csv');
    expect(again.plan.skipped).toBe(4);
    expect(again.plan.newClients).toEqual([]);
    expect(again.outcome).toEqual({ ok: true, added: 0, skipped: 4 });
    expect(await listTimeBlocks(v.ctx)).toHaveLength(4);
    expect(await listClients(v.ctx)).toHaveLength(3);
  });

  it('the write itself skips rows imported since the preview was planned', async () => {
    const first = await importFixture('toggl-detailed.csv');
    expect(first.outcome).toMatchObject({ added: 4 });
    // A plan made before the first import (nothing known as imported) still adds nothing.
    const { plan } = await planFixture('toggl-detailed.csv', { clients: await listClients(v.ctx), projects: await listProjects(v.ctx) });
    expect(plan.blocks).toHaveLength(4);
    const outcome = await importTime({ write: (work) => writeImportedWork(v.ctx, work), newId }, plan, 'toggl');
    expect(outcome).toEqual({ ok: true, added: 0, skipped: 4 });
    expect(await listTimeBlocks(v.ctx)).toHaveLength(4);
  });

  it('matches clients and projects by name, ignoring case and accents', async () => {
    const { client, project } = await seedProject(v.ctx, { name: 'ZURICH RE', currency: 'CHF' });
    const { updateProject } = await import('../../../../src-renderer/vault/repos/projects.ts');
    await updateProject(v.ctx, project.id, { name: 'pricing Audit' });
    const { plan, outcome } = await importFixture('toggl-detailed.csv');
    expect(outcome).toMatchObject({ ok: true, added: 4 });
    expect(plan.newClients.map((c) => c.name)).toEqual(['Łódź Analytics', 'Αθήνα Labs']);
    const blocks = await listTimeBlocks(v.ctx, { projectId: project.id });
    expect(blocks.map((b) => [b.clientId, b.note])).toEqual([[client.id, 'Call, notes']]);
  });

  it('is all or nothing: a failure in the middle of the write leaves no client, project, block or key', async () => {
    const clock = v.ctx.clock;
    let calls = 0;
    // The clock stamps each record as it is staged: the 6th is a block, after clients and projects.
    v.ctx.clock = {
      next: () => {
        if (++calls === 6) throw new Error('the disk is full');
        return clock.next();
      },
    };
    const { outcome } = await importFixture('toggl-detailed.csv');
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^Nothing was imported: .*the disk is full/u) });
    v.ctx.clock = clock;
    expect(await listClients(v.ctx)).toEqual([]);
    expect(await listProjects(v.ctx)).toEqual([]);
    expect(await listTimeBlocks(v.ctx)).toEqual([]);
    expect(await v.db.clientKeys.count()).toBe(0);
    expect(await v.db.changes.count()).toBe(0);
  });

  it('refuses a file with row errors and writes nothing', async () => {
    const { plan } = await planFixture('toggl-bad-rows.csv');
    let wrote = false;
    const outcome = await importTime(
      {
        write: async () => {
          wrote = true;
          throw new Error('unreachable');
        },
        newId,
      },
      plan,
      'toggl',
    );
    expect(outcome).toEqual({ ok: false, message: '4 rows have errors, so nothing was imported. Correct the file and choose it again.' });
    expect(wrote).toBe(false);
  });
});
