/**
 * The key objects of rotation (docs/key-epochs.md, "On a target"): epoch records, grants, inbox
 * entries and per-epoch client-key wraps. Each round-trips; each refuses every cut, every flipped
 * byte, another vault, epoch or device than its name says, an unknown or removed signer, and a
 * signer forging another's name; random damage (fast-check) never yields anything but a
 * KeyObjectError or the original. Keys are made here; the key ring's derivations are not needed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkObjectKey } from '../../../../../src-main/sync/object-key.ts';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import { clientKeyWrapAd, unwrapClientKeyForEpoch, wrapClientKeyForEpoch } from '../../../../../src-renderer/sync/segment/client-key-wrap.ts';
import { decodeDeviceEntry, DeviceRoster, encodeDeviceEntry, encodeDeviceRemoval } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { decodeEpochGrant, encodeEpochGrant, openEpochGrant } from '../../../../../src-renderer/sync/segment/epoch-grant.ts';
import {
  decodeEpochRecord,
  encodeEpochRecord,
  type EpochRecord,
  type EpochSyncKeys,
  openEpochHistory,
  sameCheck,
  sealEpochHistory,
} from '../../../../../src-renderer/sync/segment/epoch-record.ts';
import { KeyObjectError, type KeyObjectErrorCode } from '../../../../../src-renderer/sync/segment/errors.ts';
import { decodeInboxEntry, encodeInboxEntry, inboxKeyPair } from '../../../../../src-renderer/sync/segment/inbox-entry.ts';
import {
  clientKeyWrapObjectKey,
  epochRecordObjectKey,
  grantObjectKey,
  inboxObjectKey,
  parseClientKeyWrapObjectKey,
  parseEpochRecordObjectKey,
  parseGrantObjectKey,
  parseInboxObjectKey,
} from '../../../../../src-renderer/sync/segment/layout.ts';
import { generateKey, newClientKey, wrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { ACME, DEV_A, DEV_B, GLOBEX, makeWorld, OTHER_VAULT, ROGUE, T0, VAULT, type World } from './fixtures.ts';

const E1 = '0f1e2d3c4b5a6978';
const E2 = 'a0b1c2d3e4f50617';
const E3 = '1111222233334444';
const utf8 = new TextEncoder();

let world: World;
/** A and B live, B's removal published: the roster a device sees after removing B. */
let withBRemoved: DeviceRoster;
const live = (d: string) => world.roster.publicKeyOf(d);
const afterRemoval = (d: string) => withBRemoved.publicKeyOf(d);

beforeAll(async () => {
  world = await makeWorld();
  const entries = [DEV_A, DEV_B].map((device) =>
    decodeDeviceEntry(
      encodeDeviceEntry({ vaultId: VAULT, device, publicKey: world.devices[device]!.publicKey, addedAt: T0 }, world.rosterKey),
      VAULT,
      world.rosterKey,
    ),
  );
  const removal = decodeDeviceEntry(
    encodeDeviceRemoval({ vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, removedAt: T0 + 9, lastSeq: {} }, world.rosterKey),
    VAULT,
    world.rosterKey,
  );
  withBRemoved = new DeviceRoster([...entries, removal]);
});

function codeOf(run: () => unknown): KeyObjectErrorCode | 'ok' {
  try {
    run();
  } catch (error) {
    if (error instanceof KeyObjectError) {
      // A person reads this: words, no field paths or validator text.
      expect(error.message).not.toMatch(/\$\.|\bat \w+ \(|undefined|\[object/);
      return error.code;
    }
    throw error;
  }
  return 'ok';
}

async function codeOfAsync(run: () => Promise<unknown>): Promise<KeyObjectErrorCode | 'ok'> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KeyObjectError) return error.code;
    throw error;
  }
  return 'ok';
}

/** Re-signs a JSON object's fields (without `sig`) with `signer`'s key and `prefix`, as a roster member could. */
function resign(fields: Record<string, unknown>, prefix: string, signer: string): Uint8Array {
  const sig = world.sodium.crypto_sign_detached(utf8.encode(prefix + canonicalJson(fields)), world.devices[signer]!.secretKey);
  return utf8.encode(canonicalJson({ ...fields, sig: world.sodium.to_base64(sig, world.sodium.base64_variants.ORIGINAL) }));
}

function fieldsOf(bytes: Uint8Array): Record<string, unknown> {
  const { sig: _sig, ...fields } = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return fields;
}

/** Every cut and every flipped byte is refused with a KeyObjectError. */
function expectEveryDamageRefused(bytes: Uint8Array, decode: (b: Uint8Array) => unknown): void {
  for (let length = 0; length < bytes.length; length++)
    expect(
      codeOf(() => decode(bytes.slice(0, length))),
      `cut at ${length}`,
    ).not.toBe('ok');
  for (let i = 0; i < bytes.length; i++) {
    for (const mask of [0x01, 0x20]) {
      const damaged = bytes.slice();
      damaged[i] = (damaged[i] as number) ^ mask;
      expect(
        codeOf(() => decode(damaged)),
        `byte ${i} ^ ${mask}`,
      ).not.toBe('ok');
    }
  }
}

/** Random insertions, deletions and flips: a KeyObjectError, or the very same bytes decoded. */
function fuzz(bytes: Uint8Array, decode: (b: Uint8Array) => unknown, runs = 400): void {
  const mutation = fc.oneof(
    fc.record({ k: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ k: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ k: fc.constant('delete' as const), at: fc.nat() }),
  );
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
      const out = Array.from(bytes);
      for (const m of mutations) {
        const at = m.at % (out.length + 1);
        if (m.k === 'flip' && out.length > 0) out[at % out.length] = (out[at % out.length] as number) ^ m.mask;
        else if (m.k === 'insert') out.splice(at, 0, m.byte);
        else if (m.k === 'delete' && out.length > 0) out.splice(at % out.length, 1);
      }
      const damaged = new Uint8Array(out);
      const code = codeOf(() => decode(damaged));
      if (code === 'ok') expect(damaged).toEqual(bytes);
    }),
    { numRuns: runs },
  );
}

describe('the names of key objects', () => {
  it('round-trip and pass main’s check, with the partition the guard decides on', () => {
    const dashed = 'dev-ice_1';
    expect(parseEpochRecordObjectKey(epochRecordObjectKey(E1))).toBe(E1);
    expect(parseGrantObjectKey(grantObjectKey({ epoch: E1, device: dashed, inbox: E2 }))).toEqual({ epoch: E1, device: dashed, inbox: E2 });
    expect(parseInboxObjectKey(inboxObjectKey(DEV_A, E2))).toEqual({ device: DEV_A, epoch: E2 });
    expect(parseClientKeyWrapObjectKey(clientKeyWrapObjectKey(ACME, E1))).toEqual({ client: ACME, epoch: E1 });
    expect(checkObjectKey(epochRecordObjectKey(E1))).toMatchObject({ ok: true, kind: 'epoch-record', partition: 'workspace' });
    expect(checkObjectKey(grantObjectKey({ epoch: E1, device: DEV_A, inbox: E2 }))).toMatchObject({ ok: true, kind: 'grant', partition: 'workspace' });
    expect(checkObjectKey(inboxObjectKey(DEV_A, E1))).toMatchObject({ ok: true, kind: 'inbox', partition: 'workspace' });
    expect(checkObjectKey(clientKeyWrapObjectKey(ACME, E1))).toMatchObject({ ok: true, kind: 'client-key', partition: ACME });
  });

  it('parse nothing else, and refuse to build a name from a bad id', () => {
    for (const key of ['keys/legacy.json', `keys/${E1}.json/x`, `keys/${E1.toUpperCase()}.json`, `devices/${DEV_A}.json`])
      expect(parseEpochRecordObjectKey(key)).toBeNull();
    for (const key of [`keys/${E1}/${DEV_A}.grant`, `keys/${E1}/-${E2}.grant`, `keys/${E1}/a/b-${E2}.grant`, `keys/${E1}/${DEV_A}-legacy.grant`]) {
      expect(parseGrantObjectKey(key), key).toBeNull();
    }
    for (const key of [`devices/${DEV_A}/inbox/legacy.json`, `devices/${DEV_A}.json`, `devices/a.b/inbox/${E1}.json`])
      expect(parseInboxObjectKey(key)).toBeNull();
    for (const key of [`p/workspace/key/${E1}.bin`, `p/${ACME}/key.bin`, `p/${ACME}/key/legacy.bin`]) expect(parseClientKeyWrapObjectKey(key)).toBeNull();
    expect(() => epochRecordObjectKey('legacy')).toThrow(RangeError);
    expect(() => grantObjectKey({ epoch: E1, device: '../x', inbox: E2 })).toThrow(RangeError);
    expect(() => inboxObjectKey(DEV_A, '../../x')).toThrow(RangeError);
    expect(() => clientKeyWrapObjectKey('workspace', E1)).toThrow(RangeError);
  });
});

describe('epoch record', () => {
  const historyKey = generateKey();
  const older: EpochSyncKeys[] = [
    { epoch: { id: E1, n: 1, parent: 'legacy' }, segments: generateKey(), clientSegments: generateKey(), roster: generateKey() },
    { epoch: { id: E3, n: 1, parent: 'legacy' }, segments: generateKey(), clientSegments: null, roster: generateKey() },
  ];
  const record = (over: Partial<EpochRecord> = {}): EpochRecord => ({
    vaultId: VAULT,
    epoch: { id: E2, n: 2, parent: E1 },
    by: DEV_A,
    at: T0,
    removed: [ROGUE],
    erased: [ACME],
    check: generateKey().subarray(0, 16),
    history: sealEpochHistory(historyKey, VAULT, E2, older),
    ...over,
  });
  const decode = (bytes: Uint8Array, from = epochRecordObjectKey(E2), keys = live) => decodeEpochRecord(bytes, VAULT, from, keys);

  it('round-trips, and its history opens with the epoch’s history key only', () => {
    const written = record();
    const read = decode(encodeEpochRecord(written, world.devices[DEV_A]!.secretKey));
    expect(read).toEqual(written);
    expect(sameCheck(read, written.check)).toBe(true);
    expect(sameCheck(read, generateKey().subarray(0, 16))).toBe(false);
    expect(openEpochHistory(read, historyKey)).toEqual(older);
    expect(codeOf(() => openEpochHistory(read, generateKey()))).toBe('bad-key');
  });

  it('binds its history to the epoch: one copied into another epoch’s record does not open', () => {
    const moved = record({ epoch: { id: E3, n: 2, parent: E1 } });
    const read = decodeEpochRecord(encodeEpochRecord(moved, world.devices[DEV_A]!.secretKey), VAULT, epochRecordObjectKey(E3), live);
    expect(codeOf(() => openEpochHistory(read, historyKey))).toBe('bad-key');
    const otherVault = sealEpochHistory(historyKey, OTHER_VAULT, E2, older);
    expect(codeOf(() => openEpochHistory({ ...record(), history: otherVault }, historyKey))).toBe('bad-key');
  });

  it('refuses a history holding the epoch itself or one epoch twice', () => {
    const self = sealEpochHistory(historyKey, VAULT, E2, [{ ...older[0]!, epoch: { id: E2, n: 1, parent: 'legacy' } }]);
    expect(codeOf(() => openEpochHistory(record({ history: self }), historyKey))).toBe('bad-object');
    const twice = sealEpochHistory(historyKey, VAULT, E2, [older[0]!, older[0]!]);
    expect(codeOf(() => openEpochHistory(record({ history: twice }), historyKey))).toBe('bad-object');
  });

  it('refuses another vault, another epoch’s name, an unknown, removed or impersonated signer', () => {
    const bytes = encodeEpochRecord(record(), world.devices[DEV_A]!.secretKey);
    expect(codeOf(() => decode(bytes, epochRecordObjectKey(E1)))).toBe('wrong-place');
    expect(codeOf(() => decodeEpochRecord(bytes, OTHER_VAULT, epochRecordObjectKey(E2), live))).toBe('wrong-place');
    expect(codeOf(() => decode(encodeEpochRecord(record({ by: ROGUE }), world.devices[ROGUE]!.secretKey)))).toBe('unknown-device');
    expect(codeOf(() => decode(encodeEpochRecord(record({ by: DEV_B }), world.devices[DEV_B]!.secretKey), undefined, afterRemoval))).toBe('removed-device');
    // B signs a record naming A as its author.
    expect(codeOf(() => decode(encodeEpochRecord(record(), world.devices[DEV_B]!.secretKey)))).toBe('bad-signature');
  });

  it('refuses malformed epochs and lists, even signed by a roster member', () => {
    const fields = fieldsOf(encodeEpochRecord(record(), world.devices[DEV_A]!.secretKey));
    const cases: Record<string, unknown>[] = [
      { epoch: { id: E2, n: 1, parent: E1 } },
      { epoch: { id: E2, n: 2, parent: 'legacy' } },
      { epoch: { id: E2, n: 2, parent: '' } },
      { epoch: { id: E2, n: 2, parent: E2 } },
      { epoch: { id: E2, n: 0, parent: 'legacy' } },
      { epoch: { id: E2, n: 2, parent: E1, extra: 1 } },
      { epoch: { id: 'legacy', n: 1, parent: 'legacy' } },
      { removed: [ROGUE, DEV_A] },
      { removed: [DEV_A, DEV_A] },
      { removed: ['../x'] },
      { erased: [GLOBEX, ACME] },
      { erased: ['workspace'] },
      { erased: 'acme' },
      { check: 'AAAA' },
      { at: -1 },
      { v: 2 },
      { extra: true },
      { history: '' },
    ];
    for (const over of cases) {
      const code = codeOf(() => decode(resign({ ...fields, ...over }, 'caravan-epoch|', DEV_A)));
      expect(['bad-object', 'unsupported-version'], JSON.stringify(over)).toContain(code);
    }
    // 1e400 parses to Infinity, which canonical JSON cannot re-serialise to check a signature.
    const infinite = new TextDecoder().decode(resign(fields, 'caravan-epoch|', DEV_A)).replace(`"at":${T0}`, '"at":1e400');
    expect(codeOf(() => decode(utf8.encode(infinite)))).toBe('bad-object');
    // A signature over another kind of object (a grant's prefix) does not pass.
    expect(codeOf(() => decode(resign(fields, 'caravan-grant|', DEV_A)))).toBe('bad-signature');
    expect(codeOf(() => decode(resign(fields, 'caravan-epoch|', DEV_A)))).toBe('ok');
    // A vault made with epochs: its first epoch has no parent.
    expect(codeOf(() => decode(resign({ ...fields, epoch: { id: E2, n: 1, parent: '' } }, 'caravan-epoch|', DEV_A)))).toBe('ok');
  });

  it('refuses every cut and flipped byte, and random damage', () => {
    const bytes = encodeEpochRecord(record(), world.devices[DEV_A]!.secretKey);
    expectEveryDamageRefused(bytes, (b) => decode(b));
    fuzz(bytes, (b) => decode(b));
    expect(codeOf(() => decode(new Uint8Array(1024 * 1024 + 1)))).toBe('bad-object');
  });
});

describe('grant', () => {
  const epochKey = generateKey();
  const inboxSubkey = generateKey();
  const place = { epoch: E2, device: DEV_B, inbox: E1 };
  const grantBytes = (by = DEV_A, over: Partial<typeof place> = {}) =>
    encodeEpochGrant({ vaultId: VAULT, ...place, ...over, by, at: T0 }, epochKey, inboxKeyPair(inboxSubkey, DEV_B).publicKey, world.devices[by]!.secretKey);
  const decode = (bytes: Uint8Array, from = grantObjectKey(place), keys = live, acceptRemoved = false) =>
    decodeEpochGrant(bytes, VAULT, from, keys, acceptRemoved);

  it('opens with the grantee’s inbox of that epoch only', () => {
    const grant = decode(grantBytes());
    expect(grant).toMatchObject({ ...place, by: DEV_A, at: T0, vaultId: VAULT });
    expect(openEpochGrant(grant, inboxKeyPair(inboxSubkey, DEV_B))).toEqual(epochKey);
    expect(codeOf(() => openEpochGrant(grant, inboxKeyPair(inboxSubkey, DEV_A)))).toBe('bad-key');
    expect(codeOf(() => openEpochGrant(grant, inboxKeyPair(generateKey(), DEV_B)))).toBe('bad-key');
  });

  it('refuses another place, vault, an unknown, removed or impersonated granter; reads a removed one’s only when asked', () => {
    const bytes = grantBytes();
    for (const from of [
      grantObjectKey({ ...place, device: DEV_A }),
      grantObjectKey({ ...place, inbox: E3 }),
      grantObjectKey({ ...place, epoch: E3 }),
      'keys/x.grant',
    ]) {
      expect(
        codeOf(() => decode(bytes, from)),
        from,
      ).toBe('wrong-place');
    }
    expect(codeOf(() => decodeEpochGrant(bytes, OTHER_VAULT, grantObjectKey(place), live))).toBe('wrong-place');
    expect(codeOf(() => decode(grantBytes(ROGUE)))).toBe('unknown-device');
    expect(codeOf(() => decode(grantBytes(DEV_B), undefined, afterRemoval))).toBe('removed-device');
    expect(codeOf(() => decode(grantBytes(DEV_B), undefined, afterRemoval, true))).toBe('ok');
    const forged = resign({ ...fieldsOf(grantBytes()) }, 'caravan-grant|', DEV_B);
    expect(codeOf(() => decode(forged))).toBe('bad-signature');
    expect(codeOf(() => decode(resign({ ...fieldsOf(grantBytes()), sealed: 'AAAA' }, 'caravan-grant|', DEV_A)))).toBe('bad-object');
  });

  it('refuses every cut and flipped byte, and random damage', () => {
    const bytes = grantBytes();
    expectEveryDamageRefused(bytes, (b) => decode(b));
    fuzz(bytes, (b) => decode(b));
  });
});

describe('inbox entry', () => {
  const subkey = generateKey();
  const entry = (device = DEV_A, epoch = E1) => ({ vaultId: VAULT, device, epoch, publicKey: inboxKeyPair(subkey, device).publicKey, at: T0 });
  const decode = (bytes: Uint8Array, from = inboxObjectKey(DEV_A, E1), keys = live, acceptRemoved = false) =>
    decodeInboxEntry(bytes, VAULT, from, keys, acceptRemoved);

  it('derives one key pair per epoch subkey and device, and round-trips signed by the device itself', () => {
    expect(inboxKeyPair(subkey, DEV_A)).toEqual(inboxKeyPair(subkey, DEV_A));
    expect(inboxKeyPair(subkey, DEV_A).publicKey).not.toEqual(inboxKeyPair(subkey, DEV_B).publicKey);
    expect(inboxKeyPair(subkey, DEV_A).publicKey).not.toEqual(inboxKeyPair(generateKey(), DEV_A).publicKey);
    expect(decode(encodeInboxEntry(entry(), world.devices[DEV_A]!.secretKey))).toEqual(entry());
  });

  it('refuses another device’s signature, another place or vault, an unknown or removed device', () => {
    expect(codeOf(() => decode(encodeInboxEntry(entry(), world.devices[DEV_B]!.secretKey)))).toBe('bad-signature');
    const bytes = encodeInboxEntry(entry(), world.devices[DEV_A]!.secretKey);
    expect(codeOf(() => decode(bytes, inboxObjectKey(DEV_A, E2)))).toBe('wrong-place');
    expect(codeOf(() => decode(bytes, inboxObjectKey(DEV_B, E1)))).toBe('wrong-place');
    expect(codeOf(() => decodeInboxEntry(bytes, OTHER_VAULT, inboxObjectKey(DEV_A, E1), live))).toBe('wrong-place');
    expect(codeOf(() => decode(encodeInboxEntry(entry(ROGUE), world.devices[ROGUE]!.secretKey), inboxObjectKey(ROGUE, E1)))).toBe('unknown-device');
    const b = encodeInboxEntry(entry(DEV_B), world.devices[DEV_B]!.secretKey);
    expect(codeOf(() => decode(b, inboxObjectKey(DEV_B, E1), afterRemoval))).toBe('removed-device');
    expect(codeOf(() => decode(b, inboxObjectKey(DEV_B, E1), afterRemoval, true))).toBe('ok');
  });

  it('refuses every cut and flipped byte, and random damage', () => {
    const bytes = encodeInboxEntry(entry(), world.devices[DEV_A]!.secretKey);
    expectEveryDamageRefused(bytes, (b) => decode(b));
    fuzz(bytes, (b) => decode(b));
  });
});

describe('client-key wrap of an epoch', () => {
  const clientWrap = generateKey();
  const clientKey = newClientKey();

  it('opens with the epoch’s clientWrap for the same vault, client and epoch only', async () => {
    const wrapped = await wrapClientKeyForEpoch(clientWrap, VAULT, ACME, E1, clientKey);
    expect(await unwrapClientKeyForEpoch(clientWrap, VAULT, ACME, E1, wrapped)).toEqual(clientKey);
    expect(await codeOfAsync(() => unwrapClientKeyForEpoch(clientWrap, VAULT, ACME, E2, wrapped))).toBe('bad-key');
    expect(await codeOfAsync(() => unwrapClientKeyForEpoch(clientWrap, VAULT, GLOBEX, E1, wrapped))).toBe('bad-key');
    expect(await codeOfAsync(() => unwrapClientKeyForEpoch(clientWrap, OTHER_VAULT, ACME, E1, wrapped))).toBe('bad-key');
    expect(await codeOfAsync(() => unwrapClientKeyForEpoch(generateKey(), VAULT, ACME, E1, wrapped))).toBe('bad-key');
    // A version 1 key.bin under the same bytes as a wrapping key has other associated data.
    const v1 = await wrapClientKey(clientWrap, VAULT, ACME, clientKey);
    expect(await codeOfAsync(() => unwrapClientKeyForEpoch(clientWrap, VAULT, ACME, E1, v1))).toBe('bad-key');
    expect(clientKeyWrapAd(VAULT, ACME, E1)).toBe(JSON.stringify(['caravan-key-wrap', 2, VAULT, `client:${ACME}`, null, E1]));
  });

  it('refuses every cut and flipped byte', async () => {
    const wrapped = await wrapClientKeyForEpoch(clientWrap, VAULT, ACME, E1, clientKey);
    for (let length = 0; length < wrapped.length; length++) {
      expect(await codeOfAsync(() => unwrapClientKeyForEpoch(clientWrap, VAULT, ACME, E1, wrapped.slice(0, length)))).toBe('bad-object');
    }
    for (let i = 0; i < wrapped.length; i++) {
      const damaged = wrapped.slice();
      damaged[i] = (damaged[i] as number) ^ 1;
      expect(await codeOfAsync(() => unwrapClientKeyForEpoch(clientWrap, VAULT, ACME, E1, damaged)), `byte ${i}`).toBe('bad-key');
    }
  });
});
