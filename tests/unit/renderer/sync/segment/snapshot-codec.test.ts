/**
 * The snapshot codec (docs/sync-layout.md, "A snapshot, byte by byte"): a round trip rebuilds the
 * exact merge state; every cut, every flipped byte, a wrong key, partition, name or vault, an
 * unknown or removed writer, and payloads that are malformed or inflate too far are refused with
 * their code. `forge` builds snapshots from the documented layout alone (an independent writer),
 * so the tests also check that the document and the code agree.
 */
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import { decodeDeviceEntry, DeviceRoster, encodeDeviceEntry, encodeDeviceRemoval } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { SnapshotError, type SnapshotErrorCode } from '../../../../../src-renderer/sync/segment/errors.ts';
import { checkObjectKey } from '../../../../../src-main/sync/object-key.ts';
import { ackObjectKey, parseAckObjectKey, parseSnapshotObjectKey, segmentKeyId, snapshotObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import {
  decodeSnapshot,
  encodeSnapshot,
  MAX_SNAPSHOT_BYTES,
  vectorHash,
  type EncodeSnapshotInput,
} from '../../../../../src-renderer/sync/segment/snapshot-codec.ts';
import { applyChanges, createState, type MergeState } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import type { VersionVector } from '../../../../../src-renderer/sync/merge/version-vector.ts';
import { ACME, DEV_A, DEV_B, hlc, makeWorld, OTHER_VAULT, ROGUE, sampleChanges, T0, VAULT, type World } from './fixtures.ts';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const VECTOR: VersionVector = { [DEV_A]: 3, [DEV_B]: 7 };

function stateOf(n = 3): MergeState {
  const state = createState();
  for (let i = 0; i < n; i++) applyChanges(state, sampleChanges(`value ${i}`, i));
  // A record deleted, then re-created by a later write; a field unset with no tombstone.
  applyChanges(state, [
    { op: 'set', table: 'clients', id: 'gone', field: 'name', value: 'old', hlc: hlc(900) },
    { op: 'delete', table: 'clients', id: 'gone', hlc: hlc(901) },
    { op: 'set', table: 'clients', id: 'gone', field: 'company', value: 'new', hlc: hlc(902) },
  ]);
  return state;
}

function input(over: Partial<EncodeSnapshotInput> = {}): EncodeSnapshotInput {
  const partition = over.partition ?? 'workspace';
  return {
    vaultId: VAULT,
    partition,
    device: DEV_A,
    at: T0,
    vector: VECTOR,
    state: stateOf(),
    key: world.keys.get(segmentKeyId(partition)) as Uint8Array,
    keyId: segmentKeyId(partition),
    signingKey: world.devices[DEV_A]!.secretKey,
    ...over,
  };
}

function options(over: { partition?: string; hash?: string; vaultId?: string; roster?: DeviceRoster; keyFor?: (id: string) => Uint8Array | null } = {}) {
  const roster = over.roster ?? world.roster;
  return {
    vaultId: over.vaultId ?? VAULT,
    expected: { partition: over.partition ?? 'workspace', hash: over.hash ?? vectorHash(VECTOR) },
    publicKeyOf: (d: string) => roster.publicKeyOf(d),
    keyFor: over.keyFor ?? ((id: string) => world.keys.get(id) ?? null),
  };
}

async function codeOf(work: Promise<unknown>): Promise<SnapshotErrorCode> {
  try {
    await work;
  } catch (error) {
    if (error instanceof SnapshotError) {
      expect(error.message.length).toBeGreaterThan(40);
      return error.code;
    }
    throw error;
  }
  throw new Error('expected a SnapshotError, but the snapshot decoded');
}

function rebuild(changes: Parameters<typeof applyChanges>[1]): MergeState {
  const state = createState();
  applyChanges(state, changes);
  return state;
}

/** A snapshot built from the documented layout, with any header and plaintext, signed by `signer`. */
function forge(header: Record<string, unknown>, plaintext: Uint8Array, signer = DEV_A, packed = new Uint8Array(deflateSync(plaintext))): Uint8Array {
  const sodium = world.sodium;
  const headerBytes = new TextEncoder().encode(canonicalJson({ ...header, packed: packed.length }));
  const prefix = new Uint8Array([0x43, 0x52, 0x56, 0x50, 1, headerBytes.length >> 8, headerBytes.length & 0xff, ...headerBytes]);
  const nonce = sodium.randombytes_buf(24);
  const ad = new Uint8Array([...new TextEncoder().encode('caravan-snapshot|'), ...prefix]);
  const key = world.keys.get(String(header['keyId'])) ?? (world.keys.get('sync') as Uint8Array);
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(packed, ad, null, nonce, key);
  const body = new Uint8Array([...prefix, ...nonce, ...sealed]);
  return new Uint8Array([...body, ...sodium.crypto_sign_detached(body, world.devices[signer]!.secretKey)]);
}

function header(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { v: 1, vault: VAULT, partition: 'workspace', device: DEV_A, at: T0, vector: VECTOR, count: 1, size: 0, keyId: 'sync', ...over };
}

describe('snapshot codec', () => {
  it('round-trips a state (tombstones, unsets, nested values) exactly, in the documented layout', async () => {
    const state = stateOf(5);
    const bytes = await encodeSnapshot(input({ state, partition: ACME }));
    expect([...bytes.subarray(0, 5)]).toEqual([0x43, 0x52, 0x56, 0x50, 1]);
    const { header: h, changes } = await decodeSnapshot(bytes, options({ partition: ACME }));
    expect(h).toMatchObject({ v: 1, vault: VAULT, partition: ACME, device: DEV_A, at: T0, vector: VECTOR, keyId: `client:${ACME}` });
    expect(rebuild(changes)).toEqual(state);
    // Merging it twice, or after the same changes came by segment, changes nothing.
    const twice = rebuild([...changes, ...changes]);
    expect(twice).toEqual(state);
    // An independent writer following docs/sync-layout.md produces a snapshot this code accepts.
    const json = new TextEncoder().encode('[["clients","c1",null,[["name","' + hlc(1) + '","Acme"],["note","' + hlc(2) + '"]]]]');
    const forged = forge(header({ count: 1, size: json.length }), json);
    expect(rebuild((await decodeSnapshot(forged, options())).changes)).toEqual(
      rebuild([
        { op: 'set', table: 'clients', id: 'c1', field: 'name', value: 'Acme', hlc: hlc(1) },
        { op: 'unset', table: 'clients', id: 'c1', field: 'note', hlc: hlc(2) },
      ]),
    );
  });

  it('names snapshots and acknowledgements with keys main accepts', () => {
    const key = snapshotObjectKey(ACME, vectorHash(VECTOR));
    expect(checkObjectKey(key)).toEqual({ ok: true, partition: ACME, kind: 'snapshot', maxBytes: MAX_SNAPSHOT_BYTES });
    expect(parseSnapshotObjectKey(key)).toEqual({ partition: ACME, hash: vectorHash(VECTOR) });
    // Zero entries do not change a vector's name; a different vector has another.
    expect(vectorHash({ ...VECTOR, [ROGUE]: 0 })).toBe(vectorHash(VECTOR));
    expect(vectorHash({ ...VECTOR, [DEV_A]: 4 })).not.toBe(vectorHash(VECTOR));
    const ack = ackObjectKey('workspace', DEV_B, 12);
    expect(checkObjectKey(ack)).toEqual({ ok: true, partition: 'workspace', kind: 'ack', maxBytes: 64 * 1024 });
    expect(parseAckObjectKey(ack)).toEqual({ partition: 'workspace', device: DEV_B, n: 12 });
    expect(parseAckObjectKey('p/workspace/ack/x.y/1.json')).toBeNull();
  });

  it('refuses every cut as truncated and every flipped byte with a code for its region', async () => {
    const bytes = await encodeSnapshot(input({ state: stateOf(1) }));
    for (let length = 0; length < bytes.length; length++) {
      expect(await codeOf(decodeSnapshot(bytes.slice(0, length), options())), `cut at ${length}`).toBe('truncated');
    }
    const H = (bytes[5]! << 8) | bytes[6]!;
    for (let i = 0; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i]! ^= 0x01;
      const code = await codeOf(decodeSnapshot(damaged, options()));
      const allowed: SnapshotErrorCode[] =
        i < 4
          ? ['bad-magic']
          : i === 4
            ? ['unsupported-version']
            : i < 7
              ? ['bad-header', 'truncated']
              : i < 7 + H
                ? ['bad-header', 'bad-signature', 'wrong-place', 'truncated', 'unknown-device']
                : ['bad-signature'];
      expect(allowed, `byte ${i}: ${code}`).toContain(code);
    }
  });

  it('refuses a snapshot read from another partition, under another vector name or of another vault', async () => {
    const bytes = await encodeSnapshot(input());
    expect(await codeOf(decodeSnapshot(bytes, options({ partition: ACME })))).toBe('wrong-place');
    expect(await codeOf(decodeSnapshot(bytes, options({ hash: vectorHash({ [DEV_A]: 3 }) })))).toBe('wrong-place');
    expect(await codeOf(decodeSnapshot(bytes, options({ vaultId: OTHER_VAULT })))).toBe('wrong-place');
  });

  it('refuses the wrong key, a missing or destroyed key, and an unknown writer', async () => {
    const bytes = await encodeSnapshot(input());
    expect(await codeOf(decodeSnapshot(bytes, options({ keyFor: () => world.keys.get(`client:${ACME}`) ?? null })))).toBe('bad-ciphertext');
    expect(await codeOf(decodeSnapshot(bytes, options({ keyFor: () => null })))).toBe('no-key');
    expect(await codeOf(decodeSnapshot(bytes, options({ keyFor: () => new Uint8Array(32) })))).toBe('no-key');
    const rogue = await encodeSnapshot(input({ device: ROGUE, signingKey: world.devices[ROGUE]!.secretKey }));
    expect(await codeOf(decodeSnapshot(rogue, options()))).toBe('unknown-device');
    // Signed by B but claiming A: the signature does not verify.
    const claimed = await encodeSnapshot(input({ signingKey: world.devices[DEV_B]!.secretKey }));
    expect(await codeOf(decodeSnapshot(claimed, options()))).toBe('bad-signature');
  });

  it('refuses a removed writer, and a vector beyond a removed device’s last accepted segment', async () => {
    const removal = (lastSeq: Record<string, number>) =>
      decodeDeviceEntry(
        encodeDeviceRemoval({ vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, removedAt: T0 + 5, lastSeq }, world.rosterKey),
        VAULT,
        world.rosterKey,
      );
    const entry = (device: string) =>
      decodeDeviceEntry(
        encodeDeviceEntry({ vaultId: VAULT, device, publicKey: world.devices[device]!.publicKey, addedAt: T0 }, world.rosterKey),
        VAULT,
        world.rosterKey,
      );
    const byB = await encodeSnapshot(input({ device: DEV_B, signingKey: world.devices[DEV_B]!.secretKey }));
    const bRemoved = new DeviceRoster([entry(DEV_A), entry(DEV_B), removal({ workspace: 7 })]);
    expect(await codeOf(decodeSnapshot(byB, options({ roster: bRemoved })))).toBe('removed-device');
    // A's snapshot merged B's 1..7: fine if B's removal allows 7, refused if it allows 6.
    const byA = await encodeSnapshot(input());
    expect((await decodeSnapshot(byA, options({ roster: bRemoved }))).header.vector).toEqual(VECTOR);
    const tooFar = new DeviceRoster([entry(DEV_A), entry(DEV_B), removal({ workspace: 6 })]);
    expect(await codeOf(decodeSnapshot(byA, options({ roster: tooFar })))).toBe('removed-device');
  });

  it('refuses malformed headers, oversized objects and payloads that are not what the header says', async () => {
    const ok = new TextEncoder().encode('[]');
    const json = (text: string) => new TextEncoder().encode(text);
    // Header: an extra field, a missing one, a wrong key id, a bad vector entry, not canonical.
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 2, extra: 1 }), ok), options()))).toBe('bad-header');
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 2, keyId: 'client:x' }), ok), options()))).toBe('bad-header');
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 2, vector: { [DEV_A]: 0 } }), ok), options()))).toBe('bad-header');
    const spaced = forge(header({ count: 0, size: 2 }), ok);
    spaced[7] = 0x20; // '{' -> ' ': still JSON to a lenient parser, not canonical
    expect(['bad-header']).toContain(await codeOf(decodeSnapshot(spaced, options())));
    // Size bounds, before any cryptography.
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 300 * 1024 * 1024 }), ok), options()))).toBe('too-large');
    const huge = new Uint8Array(MAX_SNAPSHOT_BYTES + 1);
    huge.set([0x43, 0x52, 0x56, 0x50, 1]);
    expect(await codeOf(decodeSnapshot(huge, options()))).toBe('too-large');
    expect(await codeOf(decodeSnapshot(new Uint8Array([0x43, 0x52, 0x56, 0x53, 1, 0, 1, 0x7b]), options()))).toBe('bad-magic');
    expect(await codeOf(decodeSnapshot(new Uint8Array([0x43, 0x52, 0x56, 0x50, 3, 0, 1, 0x7b]), options()))).toBe('unsupported-version');
    // Authentic but broken payloads: wrong record count, wrong size, a bad change, not deflate, an inflation bomb.
    expect(await codeOf(decodeSnapshot(forge(header({ count: 1, size: 2 }), ok), options()))).toBe('bad-payload');
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 3 }), ok), options()))).toBe('bad-payload');
    const badHlc = json('[["clients","c1",null,[["name","nothex","x"]]]]');
    expect(await codeOf(decodeSnapshot(forge(header({ count: 1, size: badHlc.length }), badHlc), options()))).toBe('bad-payload');
    const badTable = json(`[["no pe","c1",null,[["name","${hlc(1)}","x"]]]]`);
    expect(await codeOf(decodeSnapshot(forge(header({ count: 1, size: badTable.length }), badTable), options()))).toBe('bad-payload');
    // A table a newer Caravan added is not damage: it decodes, to be kept and passed on.
    const newerTable = json(`[["mileageLogs","c1",null,[["km","${hlc(1)}",12]]]]`);
    const decoded = await decodeSnapshot(forge(header({ count: 1, size: newerTable.length }), newerTable), options());
    expect(decoded.changes).toEqual([{ op: 'set', table: 'mileageLogs', id: 'c1', field: 'km', hlc: hlc(1), value: 12 }]);
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 2 }), ok, DEV_A, new Uint8Array([1, 2, 3, 4])), options()))).toBe('bad-payload');
    const bomb = new Uint8Array(10 * 1024 * 1024);
    expect(await codeOf(decodeSnapshot(forge(header({ count: 0, size: 2 }), bomb), options()))).toBe('bad-payload');
  });
});
