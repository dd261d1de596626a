/**
 * Fuzzing the app's import, not only the codec: mutated files through the whole import path
 * (verify, decrypt, unpack, parse, plan, write), and mutated *content* signed anew by a key that
 * really signs (someone who can make valid bundles and tries to make a harmful one). Whatever
 * happens, only typed errors come out, and a refused import writes nothing: the vault's rows,
 * change log and keys are exactly as before, and the other client in it is untouched.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { deflate, inflateExactly } from '../../../../src-renderer/platform/deflate.ts';
import { applyImport, decryptProjectBundle, prepareImport } from '../../../../src-renderer/bundle/import-project.ts';
import { exportProjectBundle } from '../../../../src-renderer/bundle/export-project.ts';
import { BundleContentError, PACKED_MAGIC } from '../../../../src-renderer/bundle/content/project-content.ts';
import { BundleError, decryptBundle, encodeBundle, type BundleMeta } from '../../../../src-renderer/bundle/codec/index.ts';
import { createTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { openTestVault, seedProject, T0, type TestVault } from '../../support/store-helpers.ts';
import { mutate, mutationArb } from '../../support/bundle-mutations.ts';

const TABLES = ['clients', 'projects', 'phases', 'timeBlocks', 'experiments', 'expenses', 'killSwitches', 'changes', 'clientKeys'] as const;
const NOW = T0 + 3_600_000;

let a: TestVault;
let b: TestVault;
let bundle: Uint8Array;
let contentJson: Record<string, unknown>;
let recipient: { publicKey: Uint8Array; privateKey: Uint8Array };
let meta: BundleMeta;
let snapshotOfB: string;

/** Every row of vault B, as stored above the middleware, for before/after comparison. */
async function dump(v: TestVault): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await v.db.table(t).toArray();
  return JSON.stringify(out, (_k, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value));
}

/** Imports and reports how it ended; any error that is not one of the typed ones fails the test. */
async function attempt(bytes: Uint8Array): Promise<'imported' | 'refused'> {
  try {
    const decrypted = await decryptProjectBundle(bytes, { kind: 'recipient', ...recipient });
    const plan = await prepareImport(b.db, decrypted, NOW);
    await applyImport({ db: b.db, keyRing: b.keyRing, clock: b.ctx.clock }, plan);
    return 'imported';
  } catch (error) {
    if (error instanceof BundleError || error instanceof BundleContentError) return 'refused';
    throw error;
  }
}

async function pack(json: unknown): Promise<Uint8Array> {
  const text = new TextEncoder().encode(JSON.stringify(json));
  const body = await deflate(text);
  const out = new Uint8Array(8 + body.length);
  out.set(PACKED_MAGIC);
  new DataView(out.buffer).setUint32(4, text.length);
  out.set(body, 8);
  return out;
}

beforeAll(async () => {
  await getSodium();
  a = await openTestVault({ vaultId: 'vault-a' });
  b = await openTestVault({ vaultId: 'vault-b' });
  // B holds another client, which no bundle may touch.
  const other = await seedProject(b.ctx, { name: 'Bystander' });
  await createTimeBlocks(b.ctx, [{ projectId: other.project.id, start: T0, end: T0 + 600_000, zone: 'UTC', kind: 'deep', billable: true }]);
  const x = await seedProject(a.ctx, { name: 'Xeno GmbH' });
  await createTimeBlocks(
    a.ctx,
    Array.from({ length: 30 }, (_, i) => ({
      projectId: x.project.id,
      start: T0 + i * 3_600_000,
      end: T0 + i * 3_600_000 + 1_800_000,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
      note: `block ${i}`,
    })),
  );
  const sodium = await getSodium();
  const box = sodium.crypto_box_keypair();
  recipient = { publicKey: box.publicKey, privateKey: box.privateKey };
  bundle = await exportProjectBundle({
    db: a.db,
    identity: a.keyRing.identity(),
    clientId: x.client.id,
    projectId: x.project.id,
    variant: 'full',
    protection: { kind: 'recipients', recipients: [box.publicKey] },
    now: NOW,
  });
  const decrypted = await decryptProjectBundle(bundle, { kind: 'recipient', ...recipient });
  meta = decrypted.info.meta;
  const { content: packed } = await decryptBundle(bundle, { kind: 'recipient', ...recipient });
  const length = new DataView(packed.buffer, packed.byteOffset).getUint32(4);
  const inflated = await inflateExactly(packed.subarray(8), length);
  if (!inflated.ok) throw new Error('setup: content does not inflate');
  contentJson = JSON.parse(new TextDecoder().decode(inflated.bytes)) as Record<string, unknown>;
  snapshotOfB = await dump(b);
});

afterAll(async () => {
  await a.close();
  await b.close();
});

describe('import fuzz', () => {
  it('the file cut at every byte, and every byte flipped: refused, nothing written', async () => {
    for (let at = 0; at < bundle.length; at++) {
      expect(await attempt(bundle.slice(0, at))).toBe('refused');
      const flipped = bundle.slice();
      flipped[at] = (flipped[at] as number) ^ 0x40;
      expect(await attempt(flipped)).toBe('refused');
    }
    expect(await dump(b)).toBe(snapshotOfB);
  }, 300_000);

  it('10 000 mutated files: typed refusals only, and nothing written', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const mutated = mutate(bundle, mutations, [bundle]);
        if (mutated.length === bundle.length && mutated.every((byte, i) => byte === bundle[i])) return;
        expect(await attempt(mutated)).toBe('refused');
        refused++;
      }),
      { numRuns: 10_000, seed: 20261130 },
    );
    expect(refused).toBeGreaterThan(9_000);
    expect(await dump(b)).toBe(snapshotOfB);
  }, 300_000);

  it('1 500 harmful contents signed by a real key: typed errors, no partial write, the bystander untouched', async () => {
    const signer = a.keyRing.identity();
    const bystander = JSON.stringify(await b.db.table('clients').toArray());
    const records = contentJson['records'] as Record<string, unknown>[];
    const valueArb = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.string(), fc.integer());
    const editArb = fc.oneof(
      fc.record({
        kind: fc.constant('field' as const),
        record: fc.nat(),
        field: fc.constantFrom('id', 'clientId', 'projectId', 'start', 'end', 'zone', 'name', 'residency', 'kind', 'billable'),
        value: valueArb,
      }),
      fc.record({
        kind: fc.constant('meta' as const),
        key: fc.constantFrom('table', 'id', 'hlc', 'deleted', 'unset', 'fieldHlc'),
        record: fc.nat(),
        value: valueArb,
      }),
      fc.record({
        kind: fc.constant('envelope' as const),
        key: fc.constantFrom('clientId', 'projectId', 'variant', 'v', 'format', 'records'),
        value: valueArb,
      }),
      fc.record({ kind: fc.constant('drop' as const), record: fc.nat() }),
    );
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 3 }), async (edits) => {
        const json = structuredClone(contentJson);
        const list = json['records'] as Record<string, unknown>[];
        for (const edit of edits) {
          if (edit.kind === 'envelope') json[edit.key] = edit.value;
          else if (edit.kind === 'drop') list.splice(edit.record % list.length, 1);
          else if (list.length > 0) {
            const record = list[edit.record % list.length] as Record<string, unknown>;
            if (edit.kind === 'meta') record[edit.key] = edit.value;
            else (record['fields'] as Record<string, unknown>)[edit.field] = edit.value;
          }
        }
        const before = await dump(b);
        const bytes = await encodeBundle({
          meta,
          content: await pack(json),
          protection: { kind: 'recipients', recipients: [recipient.publicKey] },
          signer: { signPublicKey: signer.signPublicKey, signSecretKey: signer.signSecretKey, boxPublicKey: signer.boxPublicKey },
        });
        const outcome = await attempt(bytes);
        if (outcome === 'refused') expect(await dump(b)).toBe(before);
        else imported++;
        expect(JSON.stringify((await b.db.table('clients').toArray()).filter((c: { name?: string }) => c.name === 'Bystander'))).toBe(
          JSON.stringify(JSON.parse(bystander).filter((c: { name?: string }) => c.name === 'Bystander')),
        );
      }),
      { numRuns: 1_500, seed: 30112026 },
    );
    // Some edits are harmless (a valid new zone, a dropped block): those import, and that is fine.
    expect(records.length).toBeGreaterThan(30);
    console.log(`content fuzz: ${imported} of 1500 harmless edits imported, the rest refused with nothing written`);
  }, 600_000);
});
