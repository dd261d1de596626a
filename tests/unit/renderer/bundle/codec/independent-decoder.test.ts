/**
 * The proof that docs/bundle-format.md is enough: a decoder written from it alone (independent/,
 * raw libsodium and node:zlib; it imports nothing from src-renderer) opens every committed vector,
 * packed project and hand-off included, and refuses every signed variant with the document's code.
 * The one import from the app is the contract's country list, to compare with ISO's.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../../../../src-preload/contract/places/country-codes.ts';
import { ISO_3166_ALPHA2 } from './independent/iso-3166.ts';
import { readProject } from './independent/spec-content.ts';
import { openBundle, SpecError, type SpecKey } from './independent/spec-decoder.ts';

const dir = join(import.meta.dirname, '../../../../fixtures/bundle');
interface AppVector {
  file: string;
  key: SpecKey;
  sha256: string;
  headerText: string;
  packedSha256: string;
  jsonBytes: number;
  jsonSha256: string;
  json: unknown;
}
const vector = JSON.parse(readFileSync(join(dir, 'vector.json'), 'utf8')) as {
  testKeys: { signer: { signPublicKey: string; signSecretKey: string }; recipient: { publicKey: string; secretKey: string } };
  app: { full: AppVector; handoff: AppVector };
  variants: { file: string; what: string; layer: string; expect: string; key: SpecKey }[];
  plain: {
    passphrase: { file: string; passphrase: string; contentText: string; contentSha256: string };
    recipient: { file: string; recipientSecretKey: string; contentSha256: string };
  };
};
const read = (file: string) => new Uint8Array(readFileSync(join(dir, file)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Decodes a file all the way down: the code of the first refusal, or 'ok' with what was read. */
function decode(bytes: Uint8Array, key: SpecKey): { code: string; headerText?: string; body?: Uint8Array; json?: Uint8Array; value?: Record<string, unknown> } {
  try {
    const { header, headerText, body } = openBundle(bytes, key);
    try {
      return { code: 'ok', headerText, body, ...readProject(body, header.variant) };
    } catch (error) {
      if (error instanceof SpecError) return { code: error.code, headerText, body };
      throw error;
    }
  } catch (error) {
    if (error instanceof SpecError) return { code: error.code };
    throw error;
  }
}

beforeAll(async () => {
  await sodium.ready;
});

describe('an independent decoder written from docs/bundle-format.md', () => {
  it('its ISO 3166-1 list plus XK is the contract’s country list', () => {
    expect(ISO_3166_ALPHA2).toHaveLength(249);
    expect(new Set([...ISO_3166_ALPHA2, 'XK'])).toEqual(new Set(COUNTRY_CODES));
  });

  it('opens the full project the app exported: packed JSON with fieldHlc, unset and deleted', () => {
    const v = vector.app.full;
    const bytes = read(v.file);
    expect(sha256(bytes)).toBe(v.sha256);
    const out = decode(bytes, v.key);
    expect(out.code).toBe('ok');
    expect(out.headerText).toBe(v.headerText);
    expect(sha256(out.body as Uint8Array)).toBe(v.packedSha256);
    expect(out.json).toHaveLength(v.jsonBytes);
    expect(sha256(out.json as Uint8Array)).toBe(v.jsonSha256);
    expect(out.value).toEqual(v.json);
    const records = (out.value as { records: Record<string, unknown>[] }).records;
    expect(new Set(records.map((r) => r['table']))).toEqual(
      new Set(['clients', 'projects', 'phases', 'timeBlocks', 'experiments', 'expenses', 'killSwitches']),
    );
    for (const feature of ['fieldHlc', 'unset', 'deleted'])
      expect(
        records.some((r) => r[feature] !== undefined),
        feature,
      ).toBe(true);
    expect(out.value).not.toHaveProperty('handoff');
  });

  it('opens the hand-off, sealed to its second recipient: redacted records and the document', () => {
    const v = vector.app.handoff;
    const out = decode(read(v.file), v.key);
    expect(out.code).toBe('ok');
    expect(sha256(out.json as Uint8Array)).toBe(v.jsonSha256);
    expect(out.value).toEqual(v.json);
    const value = out.value as {
      variant: string;
      handoff: { markdown: string };
      records: { table: string; fields: Record<string, unknown>; deleted?: string }[];
    };
    expect(value.variant).toBe('handoff');
    expect(value.handoff.markdown).toMatch(/^# Hand-off: /);
    expect(value.records.filter((r) => r.table === 'expenses')).toHaveLength(1);
    expect(value.records.find((r) => r.table === 'clients')?.fields['defaultRateMinor']).toBe(0);
    expect(value.records.some((r) => r.deleted !== undefined)).toBe(false);
    expect(JSON.parse(v.headerText).protection.sealed).toHaveLength(2);
  });

  it('opens the first, plain vectors (the body is not a project: not-a-project) and knows a wrong key', () => {
    const p = vector.plain.passphrase;
    const plain = decode(read(p.file), { passphrase: p.passphrase });
    expect(plain.code).toBe('not-a-project');
    expect(new TextDecoder().decode(plain.body)).toBe(p.contentText);
    const r = vector.plain.recipient;
    const sealed = decode(read(r.file), { recipientSecretKey: r.recipientSecretKey });
    expect(sealed.code).toBe('not-a-project');
    expect(sha256(sealed.body as Uint8Array)).toBe(r.contentSha256);
    expect(decode(read(r.file), { recipientSecretKey: vector.testKeys.recipient.secretKey }).code).toBe('not-a-recipient');
    expect(decode(read(r.file), { passphrase: 'x' }).code).toBe('wrong-key-kind');
    expect(decode(read(vector.app.full.file), { passphrase: `${p.passphrase}!` }).code).toBe('wrong-passphrase');
  });

  it.each(vector.variants.map((v) => [v.file, v] as const))('%s: as vector.json says', (_file, v) => {
    expect(decode(read(v.file), v.key).code, v.what).toBe(v.expect);
  });

  it('the variants are signed by the published test key, so no refusal is about the signature', () => {
    const pub = Buffer.from(vector.testKeys.signer.signPublicKey, 'base64');
    expect(Buffer.from(vector.testKeys.signer.signSecretKey, 'base64').subarray(32)).toEqual(pub);
    for (const v of vector.variants) {
      const bytes = read(v.file);
      const S = bytes.length - 64;
      const M = new Uint8Array([...new TextEncoder().encode('caravan-bundle-signature|1|'), ...sodium.crypto_generichash(64, bytes.subarray(0, S), null)]);
      expect(sodium.crypto_sign_verify_detached(bytes.subarray(S), M, pub), v.file).toBe(true);
    }
  });
});
