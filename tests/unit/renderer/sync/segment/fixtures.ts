/** Shared setup for the segment and roster tests: one vault, its keys, three devices, a roster. */
import { deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import {
  decodeDeviceEntry,
  deriveRosterKey,
  type DeviceIdentity,
  DeviceRoster,
  encodeDeviceEntry,
  newDeviceIdentity,
} from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { RosterError, type RosterErrorCode, SegmentError, type SegmentErrorCode } from '../../../../../src-renderer/sync/segment/errors.ts';
import { segmentKeyId } from '../../../../../src-renderer/sync/segment/layout.ts';
import { type DecodeSegmentOptions, encodeSegment } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import type { Segment } from '../../../../../src-renderer/sync/merge/replica.ts';
import { deriveSubkeys, generateKey, newClientKey, type Subkeys } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';

export const VAULT = '6d1f3c8e-2b4a-4f6d-9e1c-7a5b3d2f1e0c';
export const OTHER_VAULT = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
export const ACME = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
export const GLOBEX = '9c2e4a6b-8d0f-4e1a-b3c5-d7e9f1a3b5c7';
export const DEV_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const DEV_B = 'b0c1d2e3f405162738495a6b7c8d9eaf';
export const ROGUE = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const T0 = 1_760_000_000_000;

export interface World {
  sodium: Sodium;
  vaultKey: Uint8Array;
  subkeys: Subkeys;
  rosterKey: Uint8Array;
  /** keyId -> key, as a device holding every key would have it. */
  keys: Map<string, Uint8Array>;
  devices: Record<string, DeviceIdentity>;
  roster: DeviceRoster;
}

export async function makeWorld(): Promise<World> {
  const sodium = await getSodium();
  const vaultKey = generateKey();
  const subkeys = await deriveSubkeys(vaultKey);
  const rosterKey = await deriveRosterKey(subkeys.syncSegments);
  const keys = new Map<string, Uint8Array>([
    [segmentKeyId('workspace'), subkeys.syncSegments],
    [segmentKeyId(ACME), newClientKey()],
    [segmentKeyId(GLOBEX), newClientKey()],
  ]);
  const devices: Record<string, DeviceIdentity> = {
    [DEV_A]: await newDeviceIdentity(),
    [DEV_B]: await newDeviceIdentity(),
    [ROGUE]: await newDeviceIdentity(),
  };
  // The rogue device never gets a roster entry.
  const roster = new DeviceRoster(
    [DEV_A, DEV_B].map((device) =>
      decodeDeviceEntry(
        encodeDeviceEntry({ vaultId: VAULT, device, publicKey: (devices[device] as DeviceIdentity).publicKey, addedAt: T0 }, rosterKey),
        VAULT,
        rosterKey,
      ),
    ),
  );
  return { sodium, vaultKey, subkeys, rosterKey, keys, devices, roster };
}

/** A valid HLC for test n. */
export function hlc(n: number): string {
  return (T0 + n).toString(16).padStart(12, '0') + '0000' + '00000000000000a1';
}

/** A few changes of every op; `canary` lands in a set's value. */
export function sampleChanges(canary = 'nothing to see', n = 0): Change[] {
  return [
    { op: 'set', table: 'clients', id: `c${n}`, field: 'name', value: canary, hlc: hlc(n * 10 + 1) },
    { op: 'set', table: 'projects', id: `p${n}`, field: 'budget', value: { amount: 1200, currency: 'EUR', notes: [canary, 3] }, hlc: hlc(n * 10 + 2) },
    { op: 'unset', table: 'clients', id: `c${n}`, field: 'note', hlc: hlc(n * 10 + 3) },
    { op: 'delete', table: 'timeBlocks', id: `t${n}`, hlc: hlc(n * 10 + 4) },
  ];
}

export function encodeFor(
  world: World,
  opts: { partition?: string; device?: string; seq?: number; changes?: Change[]; signer?: string; key?: Uint8Array; vaultId?: string },
): Promise<Uint8Array> {
  const partition = opts.partition ?? 'workspace';
  const device = opts.device ?? DEV_A;
  const keyId = segmentKeyId(partition);
  const segment: Segment = { device, seq: opts.seq ?? 1, changes: opts.changes ?? sampleChanges() };
  return encodeSegment({
    vaultId: opts.vaultId ?? VAULT,
    partition,
    segment,
    key: opts.key ?? (world.keys.get(keyId) as Uint8Array),
    keyId,
    signingKey: (world.devices[opts.signer ?? device] as DeviceIdentity).secretKey,
  });
}

export function decodeOptions(
  world: World,
  expected: { partition?: string; device?: string; seq?: number } = {},
  overrides: Partial<DecodeSegmentOptions> = {},
): DecodeSegmentOptions {
  return {
    vaultId: VAULT,
    expected: { partition: expected.partition ?? 'workspace', device: expected.device ?? DEV_A, seq: expected.seq ?? 1 },
    keyFor: (keyId) => world.keys.get(keyId) ?? null,
    publicKeyOf: (device) => world.roster.publicKeyOf(device),
    ...overrides,
  };
}

/** The code of the SegmentError `run` throws or rejects with; fails on success and on any other exception. */
export async function segmentErrorCode(run: () => unknown): Promise<SegmentErrorCode> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SegmentError) {
      if (error.message.length < 40 || error.message.includes('\n    at ')) throw new Error(`bad message: ${error.message}`, { cause: error });
      return error.code;
    }
    throw error;
  }
  throw new Error('expected a SegmentError, but the segment decoded');
}

/** The code of the RosterError `run` throws; fails on success and on any other exception. */
export function rosterErrorCode(run: () => unknown): RosterErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof RosterError) {
      if (error.message.length < 40) throw new Error(`bad message: ${error.message}`, { cause: error });
      return error.code;
    }
    throw error;
  }
  throw new Error('expected a RosterError, but the entry decoded');
}

/** Where the regions of an encoded segment are. */
export function regions(bytes: Uint8Array): { headerEnd: number; nonceEnd: number; tagStart: number; signatureStart: number } {
  const H = ((bytes[5] as number) << 8) | (bytes[6] as number);
  const headerEnd = 7 + H;
  const signatureStart = bytes.length - 64;
  return { headerEnd, nonceEnd: headerEnd + 24, tagStart: signatureStart - 16, signatureStart };
}

/** Asserts `bytes` contains no occurrence of `needle`. */
export function expectAbsent(bytes: Uint8Array, needle: Uint8Array, label: string): void {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    expect.fail(`${label} found at byte ${i}`);
  }
}

const forgeUtf8 = new TextEncoder();

export interface ForgeParts {
  header?: Record<string, unknown>;
  headerText?: string;
  plaintext?: Uint8Array;
  /** What the AEAD seals, when not what the version implies (the plaintext, deflated for version 2). */
  payload?: Uint8Array;
  version?: number;
  key?: Uint8Array;
  signer?: string;
}

/**
 * An independent writer of the documented layout (docs/sync-layout.md), used to build segments
 * the codec would never write: authentic (right key, right signature) but otherwise wrong. By
 * default it writes format version 1, the layout segments had before they were deflated, which
 * stays readable; `version: 2` deflates with node:zlib, not the codec's CompressionStream.
 */
export function forge(w: World, parts: ForgeParts): Uint8Array {
  const version = parts.version ?? 1;
  const plaintext = parts.plaintext ?? forgeUtf8.encode(canonicalJson(sampleChanges()));
  // Versions 2 to 4 share one layout (3 for ledger tables, 4 under an epoch key id).
  const deflated = version >= 2 && version <= 4;
  const payload = parts.payload ?? (deflated ? new Uint8Array(deflateSync(plaintext)) : plaintext);
  const v2 = deflated ? { v: version, packed: payload.length } : {};
  const header = { v: 1, vault: VAULT, partition: 'workspace', device: DEV_A, seq: 1, count: 4, size: plaintext.length, keyId: 'sync', ...v2, ...parts.header };
  const headerBytes = forgeUtf8.encode(parts.headerText ?? canonicalJson(header));
  const prefix = new Uint8Array(7 + headerBytes.length);
  prefix.set([0x43, 0x52, 0x56, 0x53, version, headerBytes.length >> 8, headerBytes.length & 0xff]);
  prefix.set(headerBytes, 7);
  const nonce = crypto.getRandomValues(new Uint8Array(24));
  const ad = new Uint8Array([...forgeUtf8.encode('caravan-segment|'), ...prefix]);
  const sealed = w.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(payload, ad, null, nonce, parts.key ?? (w.keys.get('sync') as Uint8Array));
  const body = new Uint8Array([...prefix, ...nonce, ...sealed]);
  const signature = w.sodium.crypto_sign_detached(body, w.devices[parts.signer ?? DEV_A]!.secretKey);
  return new Uint8Array([...body, ...signature]);
}
