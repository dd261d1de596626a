/**
 * A project with 100 000 time blocks through a recipient bundle and back into another vault:
 * export reads the merge state, the codec seals and signs about 40 MB, import plans and writes
 * every block in one transaction. Slow by nature (fake-indexeddb), so it runs once, alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { applyImport, decryptProjectBundle, prepareImport } from '../../../../src-renderer/bundle/import-project.ts';
import { exportProjectBundle } from '../../../../src-renderer/bundle/export-project.ts';
import { createTimeBlocks, countProjectTimeBlocks, listTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { openTestVault, seedProject, T0, type TestVault } from '../../support/store-helpers.ts';

const BLOCKS = 100_000;
let a: TestVault;
let b: TestVault;

beforeAll(async () => {
  await getSodium();
  a = await openTestVault({ vaultId: 'vault-a' });
  b = await openTestVault({ vaultId: 'vault-b' });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('a 100k-block project', () => {
  it('round-trips through a recipient bundle', async () => {
    const { client, project } = await seedProject(a.ctx, { name: 'Big Co' });
    const inputs = Array.from({ length: BLOCKS }, (_, i) => ({
      projectId: project.id,
      start: T0 + i * 3_600_000,
      end: T0 + i * 3_600_000 + 1_800_000,
      zone: 'Europe/Berlin',
      kind: 'deep' as const,
      billable: i % 3 !== 0,
      note: `block ${i}`,
    }));
    for (let i = 0; i < BLOCKS; i += 10_000) await createTimeBlocks(a.ctx, inputs.slice(i, i + 10_000));

    const recipient = b.keyRing.identity();
    const started = performance.now();
    const bytes = await exportProjectBundle({
      db: a.db,
      identity: a.keyRing.identity(),
      clientId: client.id,
      projectId: project.id,
      variant: 'full',
      protection: { kind: 'recipients', recipients: [recipient.boxPublicKey] },
      now: Date.now(),
    });
    const exported = performance.now();
    const bundle = await decryptProjectBundle(bytes, { kind: 'recipient', publicKey: recipient.boxPublicKey, privateKey: recipient.boxSecretKey });
    const plan = await prepareImport(b.db, bundle, Date.now());
    expect(plan.counts.timeBlocks.added).toBe(BLOCKS);
    const outcome = await applyImport({ db: b.db, keyRing: b.keyRing, clock: b.ctx.clock }, plan);
    const imported = performance.now();
    console.log(
      `100k blocks: bundle ${(bytes.length / 1e6).toFixed(1)} MB, export ${((exported - started) / 1000).toFixed(1)} s, import ${((imported - exported) / 1000).toFixed(1)} s (fake-indexeddb)`,
    );
    expect(outcome.records).toBe(BLOCKS + 2);
    expect(await countProjectTimeBlocks(b.ctx, project.id)).toBe(BLOCKS);
    const sample = (await listTimeBlocks(b.ctx, { projectId: project.id })).find((x) => x.note === 'block 77777');
    expect(sample?.start).toBe(T0 + 77_777 * 3_600_000);
  }, 600_000);
});
