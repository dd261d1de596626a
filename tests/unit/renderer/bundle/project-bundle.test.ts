/**
 * Project bundles end to end below the UI: export from one vault, import into another (or the
 * same), with the real codec, the real encrypted store (fake-indexeddb) and the real merge.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { applyImport, decryptProjectBundle, prepareImport } from '../../../../src-renderer/bundle/import-project.ts';
import { exportProjectBundle } from '../../../../src-renderer/bundle/export-project.ts';
import { BundleContentError, encodeProjectContent, type ProjectContent } from '../../../../src-renderer/bundle/content/project-content.ts';
import { REDACTED_HLC } from '../../../../src-renderer/bundle/content/handoff-redaction.ts';
import { encodeBundle, fingerprint, isBundleError } from '../../../../src-renderer/bundle/codec/index.ts';
import { readChanges } from '../../../../src-renderer/vault/repos/change-log.ts';
import { getClient, updateClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { getProject, updateProject } from '../../../../src-renderer/vault/repos/projects.ts';
import { createPhase, listPhases } from '../../../../src-renderer/vault/repos/phases.ts';
import { createExperiment, updateExperiment } from '../../../../src-renderer/vault/repos/experiments.ts';
import { createExpense, listExpenses } from '../../../../src-renderer/vault/repos/expenses.ts';
import { createKillSwitch } from '../../../../src-renderer/vault/repos/kill-switches.ts';
import { createTimeBlocks, listTimeBlocks, updateTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { openTestVault, seedProject, T0, type TestVault } from '../../support/store-helpers.ts';

const LOW_COST = { opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 };
const H = 3_600_000;
const NOW = T0 + 100 * H;

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

/** A project with one of everything, some of it internal. */
async function seed(v: TestVault) {
  const { client, project } = await seedProject(v.ctx, { name: 'Acme Analytics', notes: 'pays late, be firm', defaultRateMinor: 12_000 });
  await updateProject(v.ctx, project.id, { notes: 'margin is thin', billing: { kind: 'hourly', rateMinor: 15_000 } });
  const phase = await createPhase(v.ctx, {
    projectId: project.id,
    name: 'Feasibility',
    order: 0,
    budgetHours: 20,
    status: 'active',
    exitCriteria: 'F1 above 0.7 on the frozen set',
  });
  const experiment = await createExperiment(v.ctx, {
    projectId: project.id,
    hypothesis: 'Fine-tuning beats prompting',
    metricName: 'F1',
    notes: 'private hunch',
  });
  await updateExperiment(v.ctx, experiment.id, { status: 'concluded', outcome: 'supported', value: 0.74, target: 0.7 });
  const blocks = await createTimeBlocks(
    v.ctx,
    [0, 1, 2].map((i) => ({
      projectId: project.id,
      phaseId: phase.id,
      start: T0 + i * H,
      end: T0 + i * H + H,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
      note: `block ${i} secret`,
    })),
  );
  await createExpense(v.ctx, { projectId: project.id, date: '2025-06-01', amountMinor: 4_200, currency: 'EUR', category: 'compute', passThrough: true });
  await createExpense(v.ctx, { projectId: project.id, date: '2025-06-02', amountMinor: 999, currency: 'EUR', category: 'software', passThrough: false });
  await createKillSwitch(v.ctx, { projectId: project.id, trigger: { kind: 'hours', hours: 40 }, consequence: 'Stop and report' });
  return { client, project, phase, experiment, blocks };
}

async function exportFrom(v: TestVault, clientId: string, projectId: string, options: { variant?: 'full' | 'handoff'; recipients?: Uint8Array[] } = {}) {
  return exportProjectBundle({
    db: v.db,
    identity: v.keyRing.identity(),
    clientId,
    projectId,
    variant: options.variant ?? 'full',
    protection: options.recipients
      ? { kind: 'recipients', recipients: options.recipients }
      : { kind: 'passphrase', passphrase: 'correct horse battery', cost: LOW_COST },
    now: NOW,
  });
}

async function importInto(
  v: TestVault,
  bytes: Uint8Array,
  key: Parameters<typeof decryptProjectBundle>[1] = { kind: 'passphrase', passphrase: 'correct horse battery' },
) {
  const bundle = await decryptProjectBundle(bytes, key);
  const plan = await prepareImport(v.db, bundle, NOW);
  const outcome = await applyImport({ db: v.db, keyRing: v.keyRing, clock: v.ctx.clock }, plan);
  return { bundle, plan, outcome };
}

async function tableCounts(v: TestVault) {
  const names = ['clients', 'projects', 'phases', 'timeBlocks', 'experiments', 'expenses', 'killSwitches', 'changes', 'clientKeys'] as const;
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await v.db.table(n).count()])));
}

describe('full bundles', () => {
  it('moves a project with everything in it to another vault, signed by the exporting vault', async () => {
    const s = await seed(a);
    const bytes = await exportFrom(a, s.client.id, s.project.id);
    const { bundle, plan, outcome } = await importInto(b, bytes);
    expect(bundle.info.signer.fingerprint).toBe(fingerprint(a.keyRing.identity().signPublicKey));
    expect(bundle.info.meta).toMatchObject({ kind: 'project', variant: 'full', residency: { kind: 'zone', zone: 'EEA' } });
    expect(plan.newClient).toBe(true);
    expect(plan.counts.timeBlocks).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect(plan.counts.expenses.added).toBe(2);
    expect(outcome.records).toBe(1 + 1 + 1 + 3 + 1 + 2 + 1);

    expect(await getClient(b.ctx, s.client.id)).toEqual(await getClient(a.ctx, s.client.id));
    expect(await getProject(b.ctx, s.project.id)).toEqual(await getProject(a.ctx, s.project.id));
    expect(await listTimeBlocks(b.ctx, { projectId: s.project.id })).toEqual(await listTimeBlocks(a.ctx, { projectId: s.project.id }));
    expect(await listPhases(b.ctx, s.project.id)).toEqual(await listPhases(a.ctx, s.project.id));
    // Logged as this vault's own writes, so its sync carries them to its other devices.
    const log = await readChanges(b.db, `client:${s.client.id}`);
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((e) => e.origin === undefined)).toBe(true);
  });

  it('is idempotent: the same bundle again changes nothing', async () => {
    const s = await seed(a);
    const bytes = await exportFrom(a, s.client.id, s.project.id);
    await importInto(b, bytes);
    const before = await tableCounts(b);
    const again = await importInto(b, bytes);
    expect(again.plan.noChange).toBe(true);
    expect(again.plan.counts.timeBlocks).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(await tableCounts(b)).toEqual(before);
  });

  it('merges by HLC: newer edits on either side survive a re-import', async () => {
    const s = await seed(a);
    await importInto(b, await exportFrom(a, s.client.id, s.project.id));
    // B edits a block's note; then A renames the project (later) and exports again, with the old note.
    await updateTimeBlock(b.ctx, s.blocks[0]!.id, { note: 'edited on B' });
    await updateProject(a.ctx, s.project.id, { name: 'Acme churn model v2' });
    const { plan } = await importInto(b, await exportFrom(a, s.client.id, s.project.id));
    expect(plan.counts.projects.updated).toBe(1);
    expect(plan.keptNewer).toBeGreaterThanOrEqual(1);
    expect((await getProject(b.ctx, s.project.id)).name).toBe('Acme churn model v2');
    const blocks = await listTimeBlocks(b.ctx, { projectId: s.project.id });
    expect(blocks.find((x) => x.id === s.blocks[0]!.id)?.note).toBe('edited on B');
  });

  it('seals to recipients: the recipient opens it, the sender and anyone else cannot', async () => {
    const s = await seed(a);
    const bId = b.keyRing.identity();
    const bytes = await exportFrom(a, s.client.id, s.project.id, { recipients: [bId.boxPublicKey] });
    const aId = a.keyRing.identity();
    const refused = await decryptProjectBundle(bytes, { kind: 'recipient', publicKey: aId.boxPublicKey, privateKey: aId.boxSecretKey }).catch(
      (e: unknown) => e,
    );
    expect(isBundleError(refused, 'not-a-recipient')).toBe(true);
    await importInto(b, bytes, { kind: 'recipient', publicKey: bId.boxPublicKey, privateKey: bId.boxSecretKey });
    expect((await getProject(b.ctx, s.project.id)).name).toBe(s.project.name);
  });

  it('gives every vault its own stable identity', async () => {
    expect(fingerprint(a.keyRing.identity().signPublicKey)).not.toBe(fingerprint(b.keyRing.identity().signPublicKey));
    expect(a.keyRing.identity()).toBe(a.keyRing.identity());
  });
});

describe('hand-off bundles', () => {
  it('leaves out rates, private notes and internal expenses, and carries the hand-off document', async () => {
    const s = await seed(a);
    const bytes = await exportFrom(a, s.client.id, s.project.id, { variant: 'handoff' });
    const { bundle } = await importInto(b, bytes);
    const text = JSON.stringify(bundle.content);
    for (const secret of ['pays late', 'margin is thin', 'private hunch', 'secret', '12000', '15000', '"amountMinor":999']) expect(text).not.toContain(secret);
    const client = await getClient(b.ctx, s.client.id);
    expect(client).toMatchObject({ defaultRateMinor: 0, notes: '', name: 'Acme Analytics' });
    expect((await getProject(b.ctx, s.project.id)).billing).toEqual({ kind: 'fixed', feeMinor: 0 });
    expect((await listExpenses(b.ctx, { projectId: s.project.id })).map((e) => e.amountMinor)).toEqual([4_200]);
    expect(bundle.content.changes.filter((c) => c.hlc === REDACTED_HLC).length).toBeGreaterThan(0);
    const md = bundle.content.handoff?.markdown ?? '';
    expect(md).toContain('# Hand-off: ');
    expect(md).toContain('**Feasibility**: active');
    expect(md).toContain('3 h of 20 h budgeted');
    expect(md).toContain('Hypothesis "Fine-tuning beats prompting" was supported (F1: 0.74 against a target of 0.7)');
    expect(md).toContain('- Finish **Feasibility**: F1 above 0.7 on the frozen set');
    expect(md).toContain('Stop point after 40 h: armed');
  });

  it('never overwrites the real values of a vault that already holds the project', async () => {
    const s = await seed(a);
    const bytes = await exportFrom(a, s.client.id, s.project.id, { variant: 'handoff' });
    const { plan } = await importInto(a, bytes);
    expect(plan.noChange).toBe(true);
    expect((await getClient(a.ctx, s.client.id)).defaultRateMinor).toBe(12_000);
  });
});

describe('refusals write nothing', () => {
  /** Signs arbitrary content as vault A would, so only the content checks can refuse it. */
  async function forged(content: ProjectContent, residency = { kind: 'zone', zone: 'EEA' } as const) {
    const id = a.keyRing.identity();
    return encodeBundle({
      meta: { kind: 'project', variant: content.variant, createdAt: NOW, residency },
      content: await encodeProjectContent(content),
      protection: { kind: 'passphrase', passphrase: 'correct horse battery', cost: LOW_COST },
      signer: { signPublicKey: id.signPublicKey, signSecretKey: id.signSecretKey, boxPublicKey: id.boxPublicKey },
    });
  }

  async function contentOf(bytes: Uint8Array): Promise<ProjectContent> {
    return (await decryptProjectBundle(bytes, { kind: 'passphrase', passphrase: 'correct horse battery' })).content;
  }

  async function refusedWithNothingWritten(bytes: Uint8Array, message: RegExp) {
    const before = await tableCounts(b);
    const error = await importInto(b, bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect(await tableCounts(b)).toEqual(before);
  }

  it('a header whose residency is not the client inside', async () => {
    const s = await seed(a);
    const content = await contentOf(await exportFrom(a, s.client.id, s.project.id));
    await refusedWithNothingWritten(await forged(content, { kind: 'zone', zone: 'EU' } as never), /residency policy in the bundle's header/);
  });

  it('a record of another project smuggled in', async () => {
    const s = await seed(a);
    const content = await contentOf(await exportFrom(a, s.client.id, s.project.id));
    const smuggled = content.changes.map((c) =>
      c.table === 'timeBlocks' && c.op === 'set' && c.field === 'projectId' ? { ...c, value: 'another-project' } : c,
    );
    await refusedWithNothingWritten(await forged({ ...content, changes: smuggled }), /belongs to another client or project/);
  });

  it('a record that does not validate', async () => {
    const s = await seed(a);
    const content = await contentOf(await exportFrom(a, s.client.id, s.project.id));
    const broken = content.changes.map((c) => (c.table === 'timeBlocks' && c.op === 'set' && c.field === 'zone' ? { ...c, value: 'Not/AZone' } : c));
    await refusedWithNothingWritten(await forged({ ...content, changes: broken }), /time block .* is not valid/);
  });

  it('changes from the far future', async () => {
    const s = await seed(a);
    const content = await contentOf(await exportFrom(a, s.client.id, s.project.id));
    const future = content.changes.map((c, i) => (i === 0 ? { ...c, hlc: `ffff${c.hlc.slice(4)}` } : c));
    await refusedWithNothingWritten(await forged({ ...content, changes: future }), /in the future/);
  });

  it('a settings change, which a project bundle never holds', async () => {
    const s = await seed(a);
    const content = await contentOf(await exportFrom(a, s.client.id, s.project.id));
    const withSetting = [
      ...content.changes,
      { op: 'set', table: 'settings', id: 'theme', field: 'value', value: 'dark', hlc: content.changes[0]!.hlc } as const,
    ];
    await refusedWithNothingWritten(await forged({ ...content, changes: withSetting }), /settings, which a project bundle never holds/);
    expect(BundleContentError).toBeDefined();
  });

  it('a bundle altered after signing', async () => {
    const s = await seed(a);
    const bytes = await exportFrom(a, s.client.id, s.project.id);
    const altered = bytes.slice();
    altered[altered.length - 200]! ^= 1;
    await refusedWithNothingWritten(altered, /./);
  });

  it('renaming the client in this vault first: the newer name stays', async () => {
    const s = await seed(a);
    const bytes = await exportFrom(a, s.client.id, s.project.id);
    await importInto(b, bytes);
    await updateClient(b.ctx, s.client.id, { name: 'Acme (renamed on B)' });
    await importInto(b, bytes);
    expect((await getClient(b.ctx, s.client.id)).name).toBe('Acme (renamed on B)');
  });
});
