/**
 * The committed test vectors (tests/fixtures/bundle, described in vector.json) through the app's
 * own code: the published test keys agree with each other, every vector opens to what vector.json
 * says, the packed ones import into an empty vault, and every signed variant is accepted or
 * refused with the code vector.json gives. If this fails after a codec or content change, the
 * format changed: bump a version or fix the code; regenerate the vectors only on purpose.
 * independent-decoder.test.ts reads the same files from docs/bundle-format.md alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodePublicIdentity,
  decryptBundle,
  encodePublicIdentity,
  fingerprint,
  inspectBundle,
  isBundleError,
  verifyBundle,
  type BundleKey,
} from '../../../../../src-renderer/bundle/codec/index.ts';
import { decodeProjectContent, isBundleContentError, unpackContent } from '../../../../../src-renderer/bundle/content/project-content.ts';
import { applyImport, decryptProjectBundle, prepareImport } from '../../../../../src-renderer/bundle/import-project.ts';
import { deriveVaultIdentity } from '../../../../../src-renderer/identity/vault-identity.ts';
import { fromBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { openTestVault } from '../../../support/store-helpers.ts';

const dir = join(import.meta.dirname, '../../../../fixtures/bundle');
type VectorKey = { passphrase: string } | { recipientSecretKey: string };
interface AppVector {
  file: string;
  key: VectorKey;
  fileBytes: number;
  sha256: string;
  headerLength: number;
  headerText: string;
  bodyBytes: number;
  chunkCount: number;
  jsonSha256: string;
  json: { exportedAt: number };
}
const vector = JSON.parse(readFileSync(join(dir, 'vector.json'), 'utf8')) as {
  WARNING: string;
  testKeys: {
    vaultKey: string;
    signer: Record<'identity' | 'fingerprint' | 'signPublicKey' | 'signSecretKey' | 'boxPublicKey' | 'boxSecretKey', string>;
    recipient: { publicKey: string; secretKey: string };
  };
  app: { full: AppVector; handoff: AppVector };
  variants: { file: string; what: string; expect: string; key: VectorKey }[];
  plain: {
    signer: { identity: string; fingerprint: string; signPublicKey: string; boxPublicKey: string };
    passphrase: {
      file: string;
      passphrase: string;
      fileBytes: number;
      sha256: string;
      headerLength: number;
      headerText: string;
      bodyBytes: number;
      chunkCount: number;
      contentSha256: string;
      contentText: string;
    };
    recipient: {
      file: string;
      recipientPublicKey: string;
      recipientSecretKey: string;
      fileBytes: number;
      sha256: string;
      headerText: string;
      bodyBytes: number;
      chunkCount: number;
      contentSha256: string;
    };
  };
};
const b64 = (text: string): Uint8Array => fromBase64(text) ?? new Uint8Array();
const read = (file: string) => new Uint8Array(readFileSync(join(dir, file)));
let sodium: Sodium;
const hex = (bytes: Uint8Array) => sodium.to_hex(sodium.crypto_hash_sha256(bytes));

/** The codec's key for a vector.json key. */
function keyOf(key: VectorKey): BundleKey {
  if ('passphrase' in key) return { kind: 'passphrase', passphrase: key.passphrase };
  const privateKey = b64(key.recipientSecretKey);
  return { kind: 'recipient', privateKey, publicKey: sodium.crypto_scalarmult_base(privateKey) };
}

beforeAll(async () => {
  sodium = await getSodium();
});

describe('the published test keys', () => {
  it('say loudly that they are test keys, and agree with each other', () => {
    expect(vector.WARNING).toMatch(/^TEST KEYS, PUBLISHED ON PURPOSE/);
    const derived = deriveVaultIdentity(sodium, b64(vector.testKeys.vaultKey));
    const { signer, recipient } = vector.testKeys;
    expect([derived.signPublicKey, derived.signSecretKey, derived.boxPublicKey, derived.boxSecretKey]).toEqual(
      [signer.signPublicKey, signer.signSecretKey, signer.boxPublicKey, signer.boxSecretKey].map(b64),
    );
    expect(encodePublicIdentity(derived)).toBe(signer.identity);
    expect(fingerprint(derived.signPublicKey)).toBe(signer.fingerprint);
    expect(sodium.crypto_scalarmult_base(b64(recipient.secretKey))).toEqual(b64(recipient.publicKey));
  });
});

describe('the packed vectors the app exported', () => {
  for (const name of ['full', 'handoff'] as const) {
    it(`app-${name}.caravan: framing, header, signer, and the project inside`, async () => {
      const v = vector.app[name];
      const bytes = read(v.file);
      expect(hex(bytes)).toBe(v.sha256);
      expect(bytes.length).toBe(v.fileBytes);
      expect(bytes.length).toBe(97 + v.headerLength + v.bodyBytes + 17 * v.chunkCount);
      const info = await verifyBundle(bytes);
      expect(info.headerText).toBe(v.headerText);
      expect(info.signer.fingerprint).toBe(vector.testKeys.signer.fingerprint);
      expect(info.meta.variant).toBe(name);
      const { content } = await decryptBundle(bytes, keyOf(v.key));
      const json = await unpackContent(content);
      expect(hex(json)).toBe(v.jsonSha256);
      expect(JSON.parse(new TextDecoder().decode(json))).toEqual(v.json);
      const project = await decodeProjectContent(content);
      expect(project.variant).toBe(name);
      expect(project.handoff !== undefined).toBe(name === 'handoff');
    });
  }

  it('both import into an empty vault, and importing the full one again changes nothing', async () => {
    const vault = await openTestVault({ vaultId: 'vault-import-vectors' });
    try {
      for (const name of ['handoff', 'full'] as const) {
        const v = vector.app[name];
        const bundle = await decryptProjectBundle(read(v.file), keyOf(v.key));
        const plan = await prepareImport(vault.db, bundle, v.json.exportedAt);
        expect(plan.noChange, name).toBe(false);
        await applyImport({ db: vault.db, keyRing: vault.keyRing, clock: vault.ctx.clock }, plan);
      }
      const again = await prepareImport(
        vault.db,
        await decryptProjectBundle(read(vector.app.full.file), keyOf(vector.app.full.key)),
        vector.app.full.json.exportedAt,
      );
      expect(again.noChange).toBe(true);
      expect(await vault.db.table('timeBlocks').count()).toBe(3);
    } finally {
      await vault.close();
    }
  });
});

describe('the signed variants, through the app', () => {
  it.each(vector.variants.map((v) => [v.file, v] as const))('%s', async (_file, v) => {
    const outcome = await decryptProjectBundle(read(v.file), keyOf(v.key)).then(
      () => 'ok',
      (error: unknown) => (isBundleError(error) || isBundleContentError(error) ? error.code : error),
    );
    expect(outcome, v.what).toBe(v.expect);
  });
});

describe('the first, plain vectors (written before the packed body; their signing key was not kept)', () => {
  it('the signer identity in vector.json is consistent with its keys', () => {
    const id = decodePublicIdentity(vector.plain.signer.identity);
    expect(id.signPublicKey).toEqual(b64(vector.plain.signer.signPublicKey));
    expect(id.boxPublicKey).toEqual(b64(vector.plain.signer.boxPublicKey));
    expect(fingerprint(id.signPublicKey)).toBe(vector.plain.signer.fingerprint);
  });

  it('vector-passphrase.caravan: framing by hand, header, signer, and content', async () => {
    const v = vector.plain.passphrase;
    const bytes = read(v.file);
    expect(hex(bytes)).toBe(v.sha256);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('CRVB');
    expect(bytes[4]).toBe(1);
    const H = new DataView(bytes.buffer).getUint32(5, false);
    expect(H).toBe(v.headerLength);
    expect(new TextDecoder().decode(bytes.subarray(9, 9 + H))).toBe(v.headerText);
    expect(bytes.length).toBe(97 + H + v.bodyBytes + 17 * v.chunkCount);
    const info = inspectBundle(bytes);
    expect(info.protection).toEqual({ kind: 'passphrase', opsLimit: 2, memLimitBytes: 64 * 1024 * 1024 });
    expect(info.signer.fingerprint).toBe(vector.plain.signer.fingerprint);
    const { content } = await decryptBundle(bytes, { kind: 'passphrase', passphrase: v.passphrase });
    expect(new TextDecoder().decode(content)).toBe(v.contentText);
    expect(hex(content)).toBe(v.contentSha256);
    await expect(decryptBundle(bytes, { kind: 'passphrase', passphrase: `${v.passphrase}!` })).rejects.toMatchObject({ code: 'wrong-passphrase' });
    // Its body is plain JSON, not a packed project: the app refuses it as such.
    await expect(decodeProjectContent(content)).rejects.toMatchObject({ code: 'not-a-project' });
  });

  it('vector-recipient.caravan: two chunks, opened by the published recipient key', async () => {
    const v = vector.plain.recipient;
    const bytes = read(v.file);
    expect(hex(bytes)).toBe(v.sha256);
    const info = inspectBundle(bytes);
    expect(info.headerText).toBe(v.headerText);
    expect(info.chunkCount).toBe(2);
    expect(info.meta).toEqual({ kind: 'project', variant: 'handoff', createdAt: 1_764_460_800_000, residency: { kind: 'countries', countries: ['DE', 'AT'] } });
    const { content } = await decryptBundle(bytes, { kind: 'recipient', publicKey: b64(v.recipientPublicKey), privateKey: b64(v.recipientSecretKey) });
    expect(content.length).toBe(v.bodyBytes);
    expect(hex(content)).toBe(v.contentSha256);
  });
});
