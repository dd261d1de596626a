/**
 * A bundle (or a segment) must never reach records outside its own client and project: a row is
 * keyed by id alone, so a forged change could otherwise delete another client's record, or move
 * it under this client's key. And an import never changes an existing client's policy fields.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { applyImport, decryptProjectBundle, prepareImport } from '../../../../src-renderer/bundle/import-project.ts';
import { exportProjectBundle } from '../../../../src-renderer/bundle/export-project.ts';
import { encodeProjectContent, type ProjectContent } from '../../../../src-renderer/bundle/content/project-content.ts';
import { encodeBundle } from '../../../../src-renderer/bundle/codec/index.ts';
import { applyRemoteChanges } from '../../../../src-renderer/sync/engine/apply-remote.ts';
import { PartitionStates } from '../../../../src-renderer/sync/engine/partition-states.ts';
import { getClient, updateClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { createTimeBlocks, getTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import type { Change } from '../../../../src-renderer/vault/store/rows.ts';
import { openTestVault, seedProject, T0, type TestVault } from '../../support/store-helpers.ts';

const LOW_COST = { opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 };
const PASS = 'correct horse battery';
const NOW = T0 + 3_600_000;
/** An HLC after every write of the setup (which runs seconds after T0), well within the clock-drift bound. */
const LATE = `${(T0 + 120_000).toString(16).padStart(12, '0')}0000${'0'.repeat(14)}aa`;

let a: TestVault;
let b: TestVault;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  a = await openTestVault({ vaultId: 'vault-a' });
  b = await openTestVault({ vaultId: 'vault-b' });
});
afterEach(async () => {
  await a.close();
  await b.close();
});

async function exported(v: TestVault, clientId: string, projectId: string): Promise<ProjectContent> {
  const bytes = await exportProjectBundle({
    db: v.db,
    identity: v.keyRing.identity(),
    clientId,
    projectId,
    variant: 'full',
    protection: { kind: 'passphrase', passphrase: PASS, cost: LOW_COST },
    now: NOW,
  });
  return (await decryptProjectBundle(bytes, { kind: 'passphrase', passphrase: PASS })).content;
}

async function forged(content: ProjectContent): Promise<Uint8Array> {
  const id = a.keyRing.identity();
  return encodeBundle({
    meta: { kind: 'project', variant: 'full', createdAt: NOW, residency: { kind: 'zone', zone: 'EEA' } },
    content: await encodeProjectContent(content),
    protection: { kind: 'passphrase', passphrase: PASS, cost: LOW_COST },
    signer: { signPublicKey: id.signPublicKey, signSecretKey: id.signSecretKey, boxPublicKey: id.boxPublicKey },
  });
}

async function importInto(v: TestVault, bytes: Uint8Array) {
  const bundle = await decryptProjectBundle(bytes, { kind: 'passphrase', passphrase: PASS });
  const plan = await prepareImport(v.db, bundle, NOW);
  await applyImport({ db: v.db, keyRing: v.keyRing, clock: v.ctx.clock }, plan);
  return plan;
}

/** Vault B holds client Y with two blocks; A exports client X's project. */
async function setup() {
  const y = await seedProject(b.ctx, { name: 'Yonder Ltd' });
  const yBlocks = await createTimeBlocks(
    b.ctx,
    [0, 1].map((i) => ({
      projectId: y.project.id,
      start: T0 + i * 3_600_000,
      end: T0 + i * 3_600_000 + 1_800_000,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
      note: `Y block ${i}`,
    })),
  );
  const x = await seedProject(a.ctx, { name: 'Xeno GmbH' });
  const content = await exported(a, x.client.id, x.project.id);
  return { y, yBlocks, x, content };
}

async function refused(bytes: Uint8Array, message: RegExp): Promise<void> {
  const changesBefore = await b.db.table('changes').count();
  await expect(importInto(b, bytes)).rejects.toThrow(message);
  expect(await b.db.table('changes').count()).toBe(changesBefore);
}

describe('a bundle for one client cannot touch another', () => {
  it('cannot delete another client', async () => {
    const { y, content } = await setup();
    const bytes = await forged({ ...content, changes: [...content.changes, { op: 'delete', table: 'clients', id: y.client.id, hlc: LATE }] });
    await refused(bytes, /not part of its client and project/);
    expect((await getClient(b.ctx, y.client.id)).name).toBe('Yonder Ltd');
  });

  it("cannot delete another client's time block", async () => {
    const { yBlocks, content } = await setup();
    const bytes = await forged({ ...content, changes: [...content.changes, { op: 'delete', table: 'timeBlocks', id: yBlocks[0]!.id, hlc: LATE }] });
    await refused(bytes, /not part of its client and project/);
    expect((await getTimeBlock(b.ctx, yBlocks[0]!.id)).note).toBe('Y block 0');
  });

  it("cannot take another client's time block over by re-declaring it", async () => {
    const { yBlocks, x, content } = await setup();
    const block = yBlocks[1]!;
    const takeover: Change[] = Object.entries({ ...block, clientId: x.client.id, projectId: x.project.id, note: 'mine now' }).map(([field, value]) => ({
      op: 'set',
      table: 'timeBlocks',
      id: block.id,
      field,
      value,
      hlc: LATE,
    }));
    await refused(await forged({ ...content, changes: [...content.changes, ...takeover] }), /not part of its client and project/);
    expect((await getTimeBlock(b.ctx, block.id)).clientId).not.toBe(x.client.id);
  });

  it('cannot delete a record of its own client that this vault holds', async () => {
    const { x } = await setup();
    await importInto(b, await forged(await exported(a, x.client.id, x.project.id)));
    const content = await exported(a, x.client.id, x.project.id);
    const bytes = await forged({ ...content, changes: [...content.changes, { op: 'delete', table: 'projects', id: x.project.id, hlc: LATE }] });
    await refused(bytes, /would delete the project/);
  });

  it('a sync tombstone in one client partition does not land on another client’s row', async () => {
    const { y, yBlocks, x } = await setup();
    await importInto(b, await forged(await exported(a, x.client.id, x.project.id)));
    const outcome = await applyRemoteChanges({
      db: b.db,
      partition: `client:${x.client.id}`,
      states: new PartitionStates(),
      changes: [{ op: 'delete', table: 'timeBlocks', id: yBlocks[0]!.id, hlc: LATE }],
      origin: 'a'.repeat(32),
      clock: b.ctx.clock,
    });
    expect(outcome).toEqual({ records: 0, incomplete: 1, newer: 0, residencyChanged: false, contested: [] });
    expect((await getTimeBlock(b.ctx, yBlocks[0]!.id)).clientId).toBe(y.client.id);
  });
});

describe('an existing client’s policy is never changed by an import', () => {
  it('keeps this vault’s residency and travel mark, and says so', async () => {
    const x = await seedProject(a.ctx, { name: 'Xeno GmbH' });
    await importInto(b, await forged(await exported(a, x.client.id, x.project.id)));
    await updateClient(a.ctx, x.client.id, { safeForTravel: true, residency: { kind: 'zone', zone: 'EEA+adequacy' } });
    const bytes = await exportProjectBundle({
      db: a.db,
      identity: a.keyRing.identity(),
      clientId: x.client.id,
      projectId: x.project.id,
      variant: 'full',
      protection: { kind: 'passphrase', passphrase: PASS, cost: LOW_COST },
      now: NOW,
    });
    const plan = await importInto(b, bytes);
    expect(plan.policyKept).toBe(true);
    const client = await getClient(b.ctx, x.client.id);
    expect(client.residency).toEqual({ kind: 'zone', zone: 'EEA' });
    expect(client.safeForTravel).not.toBe(true);
  });
});
