/**
 * Segments (format 4) and snapshots (format 2) under an epoch's key ids (docs/key-epochs.md, "Key
 * ids in segments and snapshots"): written whenever the key id names an epoch, read back; the
 * version byte and the key id's epoch must agree both ways, so neither can be changed alone; a key
 * id of another partition, or a malformed epoch, is refused before any cryptography; every older
 * version stays readable. `forge` (fixtures.ts) writes the layout independently of the codec.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import { SegmentError, SnapshotError } from '../../../../../src-renderer/sync/segment/errors.ts';
import { segmentKeyEpoch, segmentKeyId } from '../../../../../src-renderer/sync/segment/layout.ts';
import { decodeSegment, encodeSegment, peekSegmentHeader } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { decodeSnapshot, encodeSnapshot, vectorHash } from '../../../../../src-renderer/sync/segment/snapshot-codec.ts';
import { applyChanges, createState } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { ACME, DEV_A, decodeOptions, forge, GLOBEX, hlc, makeWorld, regions, sampleChanges, segmentErrorCode, T0, VAULT, type World } from './fixtures.ts';

const E1 = '0f1e2d3c4b5a6978';
const E2 = 'a0b1c2d3e4f50617';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
  for (const partition of ['workspace', ACME, GLOBEX]) for (const epoch of [E1, E2]) world.keys.set(segmentKeyId(partition, epoch), generateKey());
});

function encodeIn(partition: string, epoch: string, changes = sampleChanges('epoch'), seq = 1): Promise<Uint8Array> {
  const keyId = segmentKeyId(partition, epoch);
  return encodeSegment({
    vaultId: VAULT,
    partition,
    segment: { device: DEV_A, seq, changes },
    key: world.keys.get(keyId)!,
    keyId,
    signingKey: world.devices[DEV_A]!.secretKey,
  });
}

describe('key ids of an epoch', () => {
  it('names sync@<e> and client:<c>@<e>, and reads the epoch back only for the partition it belongs to', () => {
    expect(segmentKeyId('workspace', E1)).toBe(`sync@${E1}`);
    expect(segmentKeyId(ACME, E1)).toBe(`client:${ACME}@${E1}`);
    expect(segmentKeyId(ACME, 'legacy')).toBe(`client:${ACME}`);
    expect(segmentKeyEpoch('workspace', `sync@${E1}`)).toBe(E1);
    expect(segmentKeyEpoch('workspace', 'sync')).toBe('legacy');
    expect(segmentKeyEpoch(ACME, `client:${ACME}@${E2}`)).toBe(E2);
    for (const bad of [
      `client:${ACME}@${E1}`,
      'sync@',
      'sync@legacy',
      `sync@${E1.toUpperCase()}`,
      `sync@${E1}0`,
      `sync@${E1}@${E2}`,
      `sync@${E1.slice(1)}`,
      'sync ',
      null,
      7,
    ]) {
      expect(segmentKeyEpoch('workspace', bad), String(bad)).toBeNull();
    }
    expect(segmentKeyEpoch(ACME, `client:${GLOBEX}@${E1}`)).toBeNull();
    expect(() => segmentKeyId('workspace', 'LEGACY')).toThrow(RangeError);
    expect(() => segmentKeyId('workspace', `${E1}/..`)).toThrow(RangeError);
  });
});

describe('segment format version 4', () => {
  it('is written under an epoch key id, with or without ledger tables, and reads back; epoch 0 still writes 2 and 3', async () => {
    for (const partition of ['workspace', ACME]) {
      const bytes = await encodeIn(partition, E1);
      expect(bytes[4]).toBe(4);
      expect(peekSegmentHeader(bytes)).toMatchObject({ v: 4, keyId: segmentKeyId(partition, E1), partition });
      expect((await decodeSegment(bytes, decodeOptions(world, { partition }))).changes).toEqual(sampleChanges('epoch'));
    }
    const ledger: Change[] = [{ op: 'set', table: 'trips', id: 't1', field: 'country', value: 'PT', hlc: hlc(5) }];
    expect((await encodeIn('workspace', E1, ledger))[4]).toBe(4);
    expect((await encodeIn('workspace', 'legacy', ledger))[4]).toBe(3);
    expect((await encodeIn('workspace', 'legacy'))[4]).toBe(2);
  });

  it('reads a version 4 segment from an independent writer of the documented layout', async () => {
    const keyId = segmentKeyId(ACME, E2);
    const bytes = forge(world, { version: 4, header: { partition: ACME, keyId }, key: world.keys.get(keyId)! });
    expect((await decodeSegment(bytes, decodeOptions(world, { partition: ACME }))).changes).toEqual(sampleChanges());
  });

  it('refuses a version byte and a key id that disagree, in either direction, before any key is looked up', async () => {
    const keyFor = vi.fn((id: string) => world.keys.get(id) ?? null);
    const options = decodeOptions(world, {}, { keyFor });
    const epochKey = world.keys.get(`sync@${E1}`)!;
    const cases = [
      forge(world, { version: 4, header: { keyId: 'sync' } }),
      forge(world, { version: 2, header: { keyId: `sync@${E1}` }, key: epochKey }),
      forge(world, { version: 3, header: { keyId: `sync@${E1}` }, key: epochKey }),
      forge(world, { version: 1, header: { keyId: `sync@${E1}` }, key: epochKey }),
      forge(world, { version: 4, header: { v: 2, keyId: `sync@${E1}` }, key: epochKey }),
      forge(world, { version: 4, header: { keyId: `client:${ACME}@${E1}` } }),
      forge(world, { version: 4, header: { keyId: 'sync@legacy' } }),
      forge(world, { version: 4, header: { keyId: `sync@${E1.toUpperCase()}` } }),
      forge(world, { version: 4, header: { keyId: `sync@${E1}x` } }),
    ];
    for (const [i, bytes] of cases.entries()) expect(await segmentErrorCode(() => decodeSegment(bytes, options)), `case ${i}`).toBe('bad-header');
    expect(keyFor).not.toHaveBeenCalled();
  });

  it('says no-key for an epoch this device does not hold, bad-ciphertext under another epoch’s key of that id', async () => {
    const bytes = await encodeIn('workspace', E1);
    expect(
      await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, {}, { keyFor: (id) => (id === 'sync' ? world.keys.get('sync')! : null) }))),
    ).toBe('no-key');
    const other = world.keys.get(`sync@${E2}`)!;
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, {}, { keyFor: () => other })))).toBe('bad-ciphertext');
    // The legacy key never opens an epoch's segment, whatever a reader's key ring would return.
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, {}, { keyFor: () => world.keys.get('sync')! })))).toBe('bad-ciphertext');
  });

  it('refuses to write a key id that is not the partition’s', async () => {
    await expect(
      encodeSegment({
        vaultId: VAULT,
        partition: ACME,
        segment: { device: DEV_A, seq: 1, changes: [] },
        key: generateKey(),
        keyId: `client:${GLOBEX}@${E1}`,
        signingKey: world.devices[DEV_A]!.secretKey,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses every cut and every flipped byte of a version 4 segment with a code for its region', async () => {
    const bytes = await encodeIn(ACME, E1, sampleChanges('cut').slice(0, 2), 4);
    const options = decodeOptions(world, { partition: ACME, seq: 4 });
    for (let length = 0; length < bytes.length; length++) {
      expect(await segmentErrorCode(() => decodeSegment(bytes.slice(0, length), options)), `cut at ${length}`).toBe('truncated');
    }
    const { headerEnd } = regions(bytes);
    for (let i = 0; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i] = (damaged[i] as number) ^ 0x01;
      const code = await segmentErrorCode(() => decodeSegment(damaged, options));
      const allowed =
        i < 4
          ? ['bad-magic']
          : i === 4
            ? ['unsupported-version', 'bad-header']
            : i < headerEnd
              ? ['bad-header', 'truncated', 'too-large', 'wrong-place', 'unknown-device', 'bad-signature']
              : ['bad-signature'];
      expect(allowed, `byte ${i}: ${code}`).toContain(code);
    }
  });

  it('500 random mutations re-signed by the writer are refused or give back the original', async () => {
    const bytes = await encodeIn('workspace', E2, sampleChanges('fuzz').slice(0, 2), 2);
    const body = bytes.subarray(0, bytes.length - 64);
    const options = decodeOptions(world, { seq: 2 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (flips) => {
        const damaged = body.slice();
        for (const [at, mask] of flips) damaged[at % Math.min(damaged.length, 300)] = (damaged[at % Math.min(damaged.length, 300)] as number) ^ mask;
        const signed = new Uint8Array([...damaged, ...world.sodium.crypto_sign_detached(damaged, world.devices[DEV_A]!.secretKey)]);
        try {
          const segment = await decodeSegment(signed, options);
          expect(damaged).toEqual(body);
          expect(segment.changes).toEqual(sampleChanges('fuzz').slice(0, 2));
        } catch (error) {
          if (!(error instanceof SegmentError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('snapshot format version 2', () => {
  const vector = { [DEV_A]: 3 };
  const state = () => {
    const s = createState();
    applyChanges(s, sampleChanges('snap'));
    return s;
  };
  const encodeIn = (partition: string, keyId: string, key = world.keys.get(keyId)!) =>
    encodeSnapshot({ vaultId: VAULT, partition, device: DEV_A, at: T0, vector, state: state(), key, keyId, signingKey: world.devices[DEV_A]!.secretKey });
  const options = (partition: string, keyFor = (id: string) => world.keys.get(id) ?? null) => ({
    vaultId: VAULT,
    expected: { partition, hash: vectorHash(vector) },
    publicKeyOf: (d: string) => world.roster.publicKeyOf(d),
    keyFor,
  });
  const codeOf = async (work: Promise<unknown>): Promise<string> => {
    try {
      await work;
    } catch (error) {
      if (error instanceof SnapshotError) return error.code;
      throw error;
    }
    return 'decoded';
  };

  it('is written under an epoch key id and reads back; epoch 0 still writes version 1', async () => {
    for (const partition of ['workspace', ACME]) {
      const keyId = segmentKeyId(partition, E1);
      const bytes = await encodeIn(partition, keyId);
      expect(bytes[4]).toBe(2);
      const { header, changes } = await decodeSnapshot(bytes, options(partition));
      expect(header).toMatchObject({ v: 2, keyId });
      expect(changes.length).toBeGreaterThan(0);
      expect((await encodeIn(partition, segmentKeyId(partition)))[4]).toBe(1);
    }
  });

  it('refuses a version byte and key id that disagree, another partition’s key id, and a key of another epoch', async () => {
    const keyId = segmentKeyId('workspace', E1);
    const bytes = await encodeIn('workspace', keyId);
    // Re-sign each variant so only the header check can refuse it.
    const resign = (mutated: Uint8Array): Uint8Array => {
      const body = mutated.subarray(0, mutated.length - 64);
      return new Uint8Array([...body, ...world.sodium.crypto_sign_detached(body, world.devices[DEV_A]!.secretKey)]);
    };
    const versionOne = bytes.slice();
    versionOne[4] = 1;
    expect(await codeOf(decodeSnapshot(resign(versionOne), options('workspace')))).toBe('bad-header');
    const legacy = await encodeIn('workspace', 'sync');
    const versionTwo = legacy.slice();
    versionTwo[4] = 2;
    expect(await codeOf(decodeSnapshot(resign(versionTwo), options('workspace')))).toBe('bad-header');
    await expect(encodeIn(ACME, segmentKeyId(GLOBEX, E1))).rejects.toThrow(RangeError);
    expect(
      await codeOf(
        decodeSnapshot(
          bytes,
          options('workspace', () => world.keys.get(`sync@${E2}`)!),
        ),
      ),
    ).toBe('bad-ciphertext');
    expect(
      await codeOf(
        decodeSnapshot(
          bytes,
          options('workspace', (id) => (id === 'sync' ? world.keys.get('sync')! : null)),
        ),
      ),
    ).toBe('no-key');
    expect(await codeOf(decodeSnapshot(bytes, options('workspace')))).toBe('decoded');
  });

  it('refuses every cut of a version 2 snapshot', async () => {
    const bytes = await encodeIn(ACME, segmentKeyId(ACME, E2));
    for (let length = 0; length < bytes.length; length += 7) {
      expect(await codeOf(decodeSnapshot(bytes.slice(0, length), options(ACME))), `cut at ${length}`).toBe('truncated');
    }
    expect(canonicalJson(JSON.parse(new TextDecoder().decode(bytes.subarray(7, regions(bytes).headerEnd))))).toContain(`"v":2`);
  });
});
