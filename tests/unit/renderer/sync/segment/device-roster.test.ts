import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeDeviceEntry,
  deriveRosterKey,
  deviceSigningWrapAd,
  DeviceRoster,
  encodeDeviceEntry,
  encodeDeviceRemoval,
  newDeviceIdentity,
  ROSTER_KEY_SPEC,
  unwrapDeviceSigningKey,
  wrapDeviceSigningKey,
} from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import { deviceEntryObjectKey, deviceRemovalObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import { toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { deriveSubkeys, generateKey, WRAPPED_KEY_BYTES, wrapAd, wrapClientKey, type WrapPurpose } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { vaultErrorCode } from '../../../support/vault-helpers.ts';
import { DEV_A, DEV_B, makeWorld, OTHER_VAULT, rosterErrorCode, T0, VAULT, type World } from './fixtures.ts';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const utf8 = new TextEncoder();
const text = new TextDecoder();

function entryBytes(w: World, extra: { name?: string } = {}): Uint8Array {
  return encodeDeviceEntry({ vaultId: VAULT, device: DEV_A, publicKey: w.devices[DEV_A]!.publicKey, addedAt: T0, ...extra }, w.rosterKey);
}

/** The entry as JSON, edited, re-serialised (the MAC is kept as it was). */
function edited(bytes: Uint8Array, edit: (json: Record<string, unknown>) => void): Uint8Array {
  const json = JSON.parse(text.decode(bytes)) as Record<string, unknown>;
  edit(json);
  return utf8.encode(JSON.stringify(json));
}

describe('roster key and identities', () => {
  it('derives the roster key from the syncSegments subkey with crypto_kdf "CrvnRost" id 1', async () => {
    expect(ROSTER_KEY_SPEC).toEqual({ context: 'CrvnRost', id: 1 });
    const expected = world.sodium.crypto_kdf_derive_from_key(32, 1, 'CrvnRost', world.subkeys.syncSegments);
    expect(world.rosterKey).toEqual(expected);
    expect(world.rosterKey).not.toEqual(world.subkeys.syncSegments);
    expect(await deriveRosterKey(world.subkeys.syncSegments)).toEqual(world.rosterKey);
  });

  it('makes distinct Ed25519 key pairs that sign and verify', async () => {
    const a = await newDeviceIdentity();
    const b = await newDeviceIdentity();
    expect(a.publicKey).toHaveLength(32);
    expect(a.secretKey).toHaveLength(64);
    expect(a.publicKey).not.toEqual(b.publicKey);
    const sig = world.sodium.crypto_sign_detached(utf8.encode('hello'), a.secretKey);
    expect(world.sodium.crypto_sign_verify_detached(sig, utf8.encode('hello'), a.publicKey)).toBe(true);
    expect(world.sodium.crypto_sign_verify_detached(sig, utf8.encode('hello'), b.publicKey)).toBe(false);
  });
});

describe('roster entries', () => {
  it('round-trips an entry, with and without a name, as canonical JSON with a MAC', () => {
    const plain = entryBytes(world);
    expect(decodeDeviceEntry(plain, VAULT, world.rosterKey, deviceEntryObjectKey(DEV_A))).toEqual({
      kind: 'device',
      vaultId: VAULT,
      device: DEV_A,
      publicKey: world.devices[DEV_A]!.publicKey,
      addedAt: T0,
    });
    const named = entryBytes(world, { name: 'Laptop' });
    expect(decodeDeviceEntry(named, VAULT, world.rosterKey)).toMatchObject({ name: 'Laptop' });
    const json = JSON.parse(text.decode(named)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['addedAt', 'device', 'mac', 'name', 'publicKey', 'v', 'vault']);
    expect(text.decode(named)).toBe(canonicalJson(json));
    const { mac, ...rest } = json;
    expect(mac).toBe(toBase64(world.sodium.crypto_auth(utf8.encode(canonicalJson(rest)), world.rosterKey)));
  });

  it('round-trips a removal', () => {
    const bytes = encodeDeviceRemoval(
      { vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, removedAt: T0 + 9, lastSeq: { workspace: 4, [DEV_A]: 0 } },
      world.rosterKey,
    );
    expect(decodeDeviceEntry(bytes, VAULT, world.rosterKey, deviceRemovalObjectKey(DEV_B))).toEqual({
      kind: 'removal',
      vaultId: VAULT,
      device: DEV_B,
      publicKey: world.devices[DEV_B]!.publicKey,
      removedAt: T0 + 9,
      lastSeq: { workspace: 4, [DEV_A]: 0 },
    });
    expect(JSON.parse(text.decode(bytes))).toMatchObject({ removed: true });
  });

  it('refuses any edited field (bad-mac): only a holder of the vault key can add or change a device', () => {
    const bytes = entryBytes(world, { name: 'Laptop' });
    const outsider = world.devices[DEV_B]!.publicKey;
    const edits: Array<(j: Record<string, unknown>) => void> = [
      (j) => (j['publicKey'] = toBase64(outsider)),
      (j) => (j['name'] = 'Desktop'),
      (j) => (j['addedAt'] = T0 + 1),
      (j) => (j['device'] = DEV_B),
      (j) => delete j['name'],
      (j) => (j['mac'] = toBase64(new Uint8Array(32))),
    ];
    for (const edit of edits) expect(rosterErrorCode(() => decodeDeviceEntry(edited(bytes, edit), VAULT, world.rosterKey))).toBe('bad-mac');
    // A removal turned into an entry, or the other way round, does not verify either.
    const removal = encodeDeviceRemoval(
      { vaultId: VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, removedAt: T0, lastSeq: {} },
      world.rosterKey,
    );
    const revived = edited(removal, (j) => {
      delete j['removed'];
      delete j['lastSeq'];
      j['addedAt'] = j['removedAt'];
      delete j['removedAt'];
    });
    expect(rosterErrorCode(() => decodeDeviceEntry(revived, VAULT, world.rosterKey))).toBe('bad-mac');
    // An entry MACed by someone who guessed the scheme but not the key.
    const forged = encodeDeviceEntry({ vaultId: VAULT, device: DEV_B, publicKey: outsider, addedAt: T0 }, generateKey());
    expect(rosterErrorCode(() => decodeDeviceEntry(forged, VAULT, world.rosterKey))).toBe('bad-mac');
  });

  it('refuses every single-byte change of an entry with a RosterError', () => {
    const bytes = entryBytes(world, { name: 'Laptop' });
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i] = (copy[i] as number) ^ 0x01;
      expect(['bad-entry', 'bad-mac', 'unsupported-version', 'wrong-vault'], `byte ${i}`).toContain(
        rosterErrorCode(() => decodeDeviceEntry(copy, VAULT, world.rosterKey)),
      );
    }
  });

  it("refuses another vault's entry (wrong-vault), and one MACed with another vault's key (bad-mac)", async () => {
    const otherSubkeys = await deriveSubkeys(generateKey());
    const otherRosterKey = await deriveRosterKey(otherSubkeys.syncSegments);
    const theirs = encodeDeviceEntry({ vaultId: OTHER_VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0 }, otherRosterKey);
    expect(rosterErrorCode(() => decodeDeviceEntry(theirs, VAULT, world.rosterKey))).toBe('wrong-vault');
    const relabelled = encodeDeviceEntry({ vaultId: VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0 }, otherRosterKey);
    expect(rosterErrorCode(() => decodeDeviceEntry(relabelled, VAULT, world.rosterKey))).toBe('bad-mac');
    // Same vault key, entry of another vault id (a copied vault): still refused.
    const sameKey = encodeDeviceEntry({ vaultId: OTHER_VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0 }, world.rosterKey);
    expect(rosterErrorCode(() => decodeDeviceEntry(sameKey, VAULT, world.rosterKey))).toBe('wrong-vault');
    // A key derived from another subkey is not the roster key.
    const wrongSubkey = await deriveRosterKey(world.subkeys.records);
    expect(rosterErrorCode(() => decodeDeviceEntry(entryBytes(world), VAULT, wrongSubkey))).toBe('bad-mac');
  });

  it('refuses an entry filed under another device or kind (wrong-place)', () => {
    const bytes = entryBytes(world);
    expect(rosterErrorCode(() => decodeDeviceEntry(bytes, VAULT, world.rosterKey, deviceEntryObjectKey(DEV_B)))).toBe('wrong-place');
    expect(rosterErrorCode(() => decodeDeviceEntry(bytes, VAULT, world.rosterKey, deviceRemovalObjectKey(DEV_A)))).toBe('wrong-place');
    expect(rosterErrorCode(() => decodeDeviceEntry(bytes, VAULT, world.rosterKey, 'vault.json'))).toBe('wrong-place');
  });

  it('refuses damaged and unknown entries (bad-entry, unsupported-version)', () => {
    const bytes = entryBytes(world);
    expect(
      rosterErrorCode(() =>
        decodeDeviceEntry(
          edited(bytes, (j) => (j['v'] = 3)),
          VAULT,
          world.rosterKey,
        ),
      ),
    ).toBe('unsupported-version');
    const broken: Array<Uint8Array> = [
      utf8.encode('not json'),
      utf8.encode('[]'),
      bytes.subarray(0, bytes.length - 1),
      new Uint8Array([0xff, 0xfe]),
      edited(bytes, (j) => (j['extra'] = 1)),
      edited(bytes, (j) => (j['publicKey'] = toBase64(new Uint8Array(31)))),
      edited(bytes, (j) => (j['addedAt'] = -1)),
      utf8.encode(text.decode(bytes).replace(/"addedAt":\d+/, '"addedAt":1e400')),
      edited(bytes, (j) => (j['device'] = 'Not/A/Device')),
      edited(bytes, (j) => (j['name'] = 'line\nbreak')),
      edited(bytes, (j) => delete j['mac']),
      edited(bytes, (j) => (j['mac'] = 'AAAA')),
      edited(bytes, (j) => (j['removed'] = false)),
      utf8.encode(' '.repeat(5000)),
    ];
    for (const b of broken)
      expect(
        rosterErrorCode(() => decodeDeviceEntry(b, VAULT, world.rosterKey)),
        text.decode(b).slice(0, 60),
      ).toBe('bad-entry');
  });

  it('refuses to write invalid entries', () => {
    const base = { vaultId: VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0 };
    expect(() => encodeDeviceEntry({ ...base, device: 'Dev A' }, world.rosterKey)).toThrow(RangeError);
    expect(() => encodeDeviceEntry({ ...base, publicKey: new Uint8Array(64) }, world.rosterKey)).toThrow(RangeError);
    expect(() => encodeDeviceEntry({ ...base, name: 'x'.repeat(65) }, world.rosterKey)).toThrow(RangeError);
    expect(() => encodeDeviceEntry(base, new Uint8Array(16))).toThrow(RangeError);
  });
});

describe('DeviceRoster', () => {
  const entry = (device: string, publicKey: Uint8Array) => ({ kind: 'device' as const, vaultId: VAULT, device, publicKey, addedAt: T0 });
  const removal = (device: string, publicKey: Uint8Array, lastSeq: Record<string, number>) => ({
    kind: 'removal' as const,
    vaultId: VAULT,
    device,
    publicKey,
    removedAt: T0 + 1,
    lastSeq,
  });

  it('lets a removal win whichever order entries arrive in', () => {
    const pk = world.devices[DEV_A]!.publicKey;
    for (const order of [
      [entry(DEV_A, pk), removal(DEV_A, pk, { workspace: 3 })],
      [removal(DEV_A, pk, { workspace: 3 }), entry(DEV_A, pk)],
    ]) {
      const roster = new DeviceRoster(order);
      expect(roster.publicKeyOf(DEV_A)).toEqual({ publicKey: pk, removed: { lastSeq: { workspace: 3 } } });
      expect(roster.devices()).toHaveLength(1);
      expect(roster.devices()[0]!.removal?.lastSeq).toEqual({ workspace: 3 });
    }
    expect(new DeviceRoster([entry(DEV_A, pk)]).publicKeyOf(DEV_A)).toEqual({ publicKey: pk });
    expect(new DeviceRoster([entry(DEV_A, pk)]).publicKeyOf(DEV_B)).toBeNull();
  });

  it('keeps the stricter of two removals, and leaves out a device with two different keys', () => {
    const pk = world.devices[DEV_A]!.publicKey;
    const roster = new DeviceRoster([removal(DEV_A, pk, { workspace: 5, a: 2 }), removal(DEV_A, pk, { workspace: 3, b: 1 })]);
    expect(roster.publicKeyOf(DEV_A)?.removed?.lastSeq).toEqual({ workspace: 3 });
    const conflicted = new DeviceRoster([entry(DEV_B, world.devices[DEV_B]!.publicKey), entry(DEV_B, pk)]);
    expect(conflicted.publicKeyOf(DEV_B)).toBeNull();
    expect(conflicted.conflicts).toEqual([DEV_B]);
    expect(conflicted.devices()).toEqual([]);
  });
});

describe('signing key wraps', () => {
  it('wraps the signing key under the vault key with the keys.ts wrap and AD convention', async () => {
    const me = world.devices[DEV_A]!;
    const wrapped = await wrapDeviceSigningKey(world.vaultKey, VAULT, DEV_A, me.secretKey);
    expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
    expect(deviceSigningWrapAd(VAULT, DEV_A)).toBe(wrapAd(VAULT, null, `device-signing:${DEV_A}` as WrapPurpose));
    const opened = await unwrapDeviceSigningKey(world.vaultKey, VAULT, DEV_A, wrapped, me.publicKey);
    expect(opened.secretKey).toEqual(me.secretKey);
    expect(opened.publicKey).toEqual(me.publicKey);
  });

  it('refuses a wrap of another device or vault, another vault key, or a key that does not match the roster', async () => {
    const me = world.devices[DEV_A]!;
    const wrapped = await wrapDeviceSigningKey(world.vaultKey, VAULT, DEV_A, me.secretKey);
    expect(await vaultErrorCode(() => unwrapDeviceSigningKey(world.vaultKey, VAULT, DEV_B, wrapped))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapDeviceSigningKey(world.vaultKey, OTHER_VAULT, DEV_A, wrapped))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapDeviceSigningKey(generateKey(), VAULT, DEV_A, wrapped))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => unwrapDeviceSigningKey(world.vaultKey, VAULT, DEV_A, wrapped, world.devices[DEV_B]!.publicKey))).toBe(
      'key-unwrap-failed',
    );
    const flipped = wrapped.slice();
    flipped[40] = (flipped[40] as number) ^ 1;
    expect(await vaultErrorCode(() => unwrapDeviceSigningKey(world.vaultKey, VAULT, DEV_A, flipped))).toBe('key-unwrap-failed');
    // A client-key wrap cannot be passed off as a signing-key wrap: the purpose differs in the AD.
    const clientWrap = await wrapClientKey(world.vaultKey, VAULT, DEV_A, generateKey());
    expect(await vaultErrorCode(() => unwrapDeviceSigningKey(world.vaultKey, VAULT, DEV_A, clientWrap))).toBe('key-unwrap-failed');
  });
});
