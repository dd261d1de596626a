/**
 * Roster objects and erasure markers of a key epoch (docs/key-epochs.md): version 2 names the epoch
 * whose roster key MACed it and is verified with that key (current or history); version 1 stays
 * epoch 0's. The epoch field cannot be changed or added alone, and a key of another epoch never
 * verifies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeDeviceEntry, encodeDeviceEntry, encodeDeviceRemoval } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { decodeErasureMarker, encodeErasureMarker } from '../../../../../src-renderer/sync/segment/erasure-marker.ts';
import { deviceEntryObjectKey, deviceRemovalObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { ACME, DEV_A, DEV_B, makeWorld, rosterErrorCode, T0, VAULT, type World } from './fixtures.ts';

const E1 = '0f1e2d3c4b5a6978';
const E2 = 'a0b1c2d3e4f50617';
const utf8 = new TextEncoder();
let world: World;
const keys = new Map<string, Uint8Array>();
const rosterKeyFor = (epoch: string) => keys.get(epoch) ?? null;

beforeAll(async () => {
  world = await makeWorld();
  keys.set('legacy', world.rosterKey).set(E1, generateKey()).set(E2, generateKey());
});

function edited(bytes: Uint8Array, edit: (json: Record<string, unknown>) => void): Uint8Array {
  const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  edit(json);
  return utf8.encode(JSON.stringify(json));
}

describe('roster objects of an epoch', () => {
  const entry = () =>
    encodeDeviceEntry({ vaultId: VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0, name: 'Laptop' }, keys.get(E1)!, E1);

  it('are version 2, name their epoch and verify with that epoch’s key; version 1 stays epoch 0’s', () => {
    const bytes = entry();
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ v: 2, epoch: E1 });
    expect(decodeDeviceEntry(bytes, VAULT, rosterKeyFor, deviceEntryObjectKey(DEV_A))).toMatchObject({ kind: 'device', device: DEV_A, epoch: E1 });
    const v1 = encodeDeviceEntry({ vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, addedAt: T0 }, world.rosterKey);
    expect(decodeDeviceEntry(v1, VAULT, rosterKeyFor).epoch).toBeUndefined();
    expect(decodeDeviceEntry(v1, VAULT, world.rosterKey).device).toBe(DEV_B);
    const removal = encodeDeviceRemoval(
      { vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, removedAt: T0, lastSeq: { workspace: 3 } },
      keys.get(E2)!,
      E2,
    );
    expect(decodeDeviceEntry(removal, VAULT, rosterKeyFor, deviceRemovalObjectKey(DEV_B))).toMatchObject({ kind: 'removal', epoch: E2 });
  });

  it('says unknown-epoch for an epoch this device holds no key of, bad-mac when the epoch is changed to another it holds', () => {
    expect(rosterErrorCode(() => decodeDeviceEntry(entry(), VAULT, world.rosterKey))).toBe('unknown-epoch');
    expect(rosterErrorCode(() => decodeDeviceEntry(entry(), VAULT, (e) => (e === E1 ? null : world.rosterKey)))).toBe('unknown-epoch');
    expect(
      rosterErrorCode(() =>
        decodeDeviceEntry(
          edited(entry(), (j) => (j['epoch'] = E2)),
          VAULT,
          rosterKeyFor,
        ),
      ),
    ).toBe('bad-mac');
    // The same fields MACed with another epoch's key.
    const underE2 = encodeDeviceEntry({ vaultId: VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0 }, keys.get(E2)!, E1);
    expect(rosterErrorCode(() => decodeDeviceEntry(underE2, VAULT, rosterKeyFor))).toBe('bad-mac');
  });

  it('refuses an epoch field that does not fit the version, or is not an epoch id', () => {
    const cases = [
      edited(entry(), (j) => (j['v'] = 1)),
      edited(entry(), (j) => delete j['epoch']),
      edited(entry(), (j) => (j['epoch'] = 'legacy')),
      edited(entry(), (j) => (j['epoch'] = E1.toUpperCase())),
      edited(
        encodeDeviceEntry({ vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, addedAt: T0 }, world.rosterKey),
        (j) => (j['epoch'] = E1),
      ),
    ];
    for (const [i, bytes] of cases.entries())
      expect(
        rosterErrorCode(() => decodeDeviceEntry(bytes, VAULT, rosterKeyFor)),
        `case ${i}`,
      ).toBe('bad-entry');
    expect(() => encodeDeviceEntry({ vaultId: VAULT, device: DEV_A, publicKey: world.devices[DEV_A]!.publicKey, addedAt: T0 }, keys.get(E1)!, 'nope')).toThrow(
      RangeError,
    );
  });

  it('refuses every flipped byte of a version 2 entry', () => {
    const bytes = entry();
    for (let i = 0; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i] = (damaged[i] as number) ^ 0x01;
      expect(() => decodeDeviceEntry(damaged, VAULT, rosterKeyFor, deviceEntryObjectKey(DEV_A)), `byte ${i}`).toThrow();
    }
  });
});

describe('erasure markers of an epoch', () => {
  const marker = { vaultId: VAULT, clientId: ACME, erasedAt: T0 };

  it('verify with the epoch they name; a key of another epoch, a missing key or an edited epoch give nothing', () => {
    const bytes = encodeErasureMarker(marker, keys.get(E1)!, E1);
    expect(decodeErasureMarker(bytes, VAULT, ACME, rosterKeyFor)).toEqual(marker);
    expect(decodeErasureMarker(bytes, VAULT, ACME, world.rosterKey)).toBeNull();
    expect(decodeErasureMarker(bytes, VAULT, ACME, (e) => (e === E1 ? keys.get(E2)! : null))).toBeNull();
    expect(
      decodeErasureMarker(
        edited(bytes, (j) => (j['epoch'] = E2)),
        VAULT,
        ACME,
        rosterKeyFor,
      ),
    ).toBeNull();
    expect(
      decodeErasureMarker(
        edited(bytes, (j) => (j['v'] = 1)),
        VAULT,
        ACME,
        rosterKeyFor,
      ),
    ).toBeNull();
    const v1 = encodeErasureMarker(marker, world.rosterKey);
    expect(decodeErasureMarker(v1, VAULT, ACME, rosterKeyFor)).toEqual(marker);
    expect(decodeErasureMarker(v1, VAULT, ACME, world.rosterKey)).toEqual(marker);
    expect(
      decodeErasureMarker(
        edited(v1, (j) => (j['epoch'] = E1)),
        VAULT,
        ACME,
        rosterKeyFor,
      ),
    ).toBeNull();
    for (let i = 0; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i] = (damaged[i] as number) ^ 0x01;
      expect(decodeErasureMarker(damaged, VAULT, ACME, rosterKeyFor), `byte ${i}`).toBeNull();
    }
  });
});
