/**
 * The app's project export and import around the codec, on a project with 100k time blocks:
 * export = the project's changes out of the merge state, the content packed (deflated JSON) and
 * sealed by the codec; import = decrypt, unpack, parse and plan against the vault (everything but
 * the IndexedDB writes, which the store suite measures). Each is reported as MB/s of the records'
 * plain JSON, beside raw secretstream push/pull of that same JSON in the same run; and the file's
 * size beside the plain JSON. Runs in Node's V8 with libsodium's WASM, as the renderer does.
 */
import { applyChanges, createState, materialize } from '../../../src-renderer/sync/merge/merge-state.ts';
import { PartitionStates } from '../../../src-renderer/sync/engine/partition-states.ts';
import { collectProjectChanges } from '../../../src-renderer/bundle/content/collect-project.ts';
import { planImport } from '../../../src-renderer/bundle/content/import-plan.ts';
import { decryptProjectBundle } from '../../../src-renderer/bundle/import-project.ts';
import { encodeBundle } from '../../../src-renderer/bundle/codec/index.ts';
import { encodeProjectContent } from '../../../src-renderer/bundle/content/project-content.ts';
import { projectContent } from '../../../src-renderer/bundle/export-project.ts';
import { toPolicyWire } from '../../../src-renderer/locality/locality-session.ts';
import type { Change } from '../../../src-renderer/vault/store/rows.ts';
import type { Client } from '../../../src-renderer/domain/client.ts';
import { getSodium, type Sodium } from '../../../src-renderer/vault/crypto/sodium.ts';
import { openTestVault, seedProject } from '../../unit/support/store-helpers.ts';
import { figure, type Figure } from '../result.ts';
import { summarize } from '../stats.ts';

const BLOCKS = 100_000;
const ROUNDS = 3;
const CHUNK = 65_536;

function blockChanges(clientId: string, projectId: string): Change[] {
  const start = 1_763_900_000_000;
  const changes: Change[] = [];
  for (let i = 0; i < BLOCKS; i++) {
    const id = `b-${i.toString(36).padStart(6, '0')}-${(i * 7919).toString(16)}`;
    const hlc = `${(start + i * 1000).toString(16).padStart(12, '0')}0000${'a1b2c3d4e5f60718'}`;
    const record: Record<string, unknown> = {
      id,
      projectId,
      clientId,
      start: start + i * 3_600_000,
      end: start + i * 3_600_000 + 2_700_000 + (i % 17) * 60_000,
      zone: 'Europe/Berlin',
      kind: i % 5 === 0 ? 'meeting' : 'deep',
      billable: i % 4 !== 0,
      billed: false,
      note: `Worked on the feature-store migration, step ${i}: schema review, backfill check`,
      createdAt: start + i * 1000,
      updatedAt: start + i * 1000,
    };
    for (const [field, value] of Object.entries(record)) changes.push({ op: 'set', table: 'timeBlocks', id, field, value, hlc });
  }
  return changes;
}

function rawSeconds(sodium: Sodium, bytes: Uint8Array): { push: number; pull: number } {
  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  let t = performance.now();
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const chunks: Uint8Array[] = [];
  const count = Math.max(1, Math.ceil(bytes.length / CHUNK));
  for (let i = 0; i < count; i++) {
    const tag = i === count - 1 ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    chunks.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, bytes.subarray(i * CHUNK, (i + 1) * CHUNK), null, tag));
  }
  const push = (performance.now() - t) / 1000;
  t = performance.now();
  const pullState = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  for (const chunk of chunks) if (sodium.crypto_secretstream_xchacha20poly1305_pull(pullState, chunk, null) === false) throw new Error('raw pull failed');
  return { push, pull: (performance.now() - t) / 1000 };
}

export async function bundleProject(): Promise<Figure[]> {
  const sodium = await getSodium();
  const vault = await openTestVault({ vaultId: 'bench-vault' });
  try {
    const { client, project } = await seedProject(vault.ctx, { name: 'Bench Co' });
    const state = await new PartitionStates().forPartition(vault.db, `client:${client.id}`);
    applyChanges(state, blockChanges(client.id, project.id));
    const plain = new TextEncoder().encode(JSON.stringify(Object.values(materialize(state)['timeBlocks'] ?? {})));
    const identity = vault.keyRing.identity();
    const box = sodium.crypto_box_keypair();

    const exportRate: number[] = [];
    const importRate: number[] = [];
    const push: number[] = [];
    const pull: number[] = [];
    let size = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      let t = performance.now();
      const changes = collectProjectChanges(state, client.id, project.id, { tombstones: true });
      const { content } = projectContent(changes, { clientId: client.id, projectId: project.id, variant: 'full', now: Date.now() });
      const bytes = await encodeBundle({
        meta: { kind: 'project', variant: 'full', createdAt: Date.now(), residency: toPolicyWire((client as Client).residency) },
        content: await encodeProjectContent(content),
        protection: { kind: 'recipients', recipients: [box.publicKey] },
        signer: { signPublicKey: identity.signPublicKey, signSecretKey: identity.signSecretKey, boxPublicKey: identity.boxPublicKey },
      });
      const exportSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      const bundle = await decryptProjectBundle(bytes, { kind: 'recipient', publicKey: box.publicKey, privateKey: box.privateKey });
      const plan = planImport(createState(), bundle.content, Date.now());
      if (plan.counts.timeBlocks.added !== BLOCKS) throw new Error(`planned ${plan.counts.timeBlocks.added} blocks`);
      const importSeconds = (performance.now() - t) / 1000;
      const raw = rawSeconds(sodium, plain);
      if (round === 0) continue; // warm-up
      exportRate.push(plain.length / 1e6 / exportSeconds);
      importRate.push(plain.length / 1e6 / importSeconds);
      push.push(plain.length / 1e6 / raw.push);
      pull.push(plain.length / 1e6 / raw.pull);
      size = bytes.length;
    }
    const mb = Math.round(plain.length / 1e5) / 10;
    return [
      figure({
        id: 'bundle.project-export',
        description: `export of a ${BLOCKS / 1000}k-block project without the IndexedDB read: changes from the merge state, packed content, encodeBundle to 1 recipient (MB/s of the ${mb} MB plain JSON)`,
        unit: 'MB/s',
        value: summarize(exportRate),
        baseline: { description: 'raw crypto_secretstream push of the plain JSON in 64 KiB chunks', value: summarize(push) },
      }),
      figure({
        id: 'bundle.project-import',
        description:
          'import of the same bundle without the IndexedDB writes: verify, decrypt, unpack, parse, plan against an empty vault (MB/s of the plain JSON)',
        unit: 'MB/s',
        value: summarize(importRate),
        baseline: { description: 'raw crypto_secretstream pull of the plain JSON', value: summarize(pull) },
      }),
      figure({
        id: 'bundle.project-size',
        description: `the .caravan file of a ${BLOCKS / 1000}k-block project (every field with its HLC, deflated, encrypted, signed)`,
        unit: 'bytes',
        value: summarize([size]),
        baseline: { description: 'the plain JSON of the same time blocks (no HLCs)', value: summarize([plain.length]) },
      }),
    ];
  } finally {
    await vault.close();
  }
}
