/**
 * Hostile JSON in the objects anyone with write access to the target can place: numbers JSON.parse
 * turns into Infinity (`1e400`) and deep nesting. Every decoder refuses them the way it refuses any
 * other object that does not verify (null, or its typed error), never with a TypeError or a stack
 * overflow that would fail the whole round.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAck } from '../../../../../src-renderer/sync/segment/ack.ts';
import { decodeErasureMarker } from '../../../../../src-renderer/sync/segment/erasure-marker.ts';
import { decodeDeviceEntry } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { RosterError, SnapshotError } from '../../../../../src-renderer/sync/segment/errors.ts';
import { payloadChanges } from '../../../../../src-renderer/sync/segment/snapshot-payload.ts';
import { MergeError, validateChange } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import { toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { ACME, DEV_A, DEV_B, hlc, makeWorld, T0, VAULT, type World } from './fixtures.ts';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const sig = (n: number) => toBase64(new Uint8Array(n).fill(7));
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const keyOf = (d: string) => world.roster.publicKeyOf(d);
const place = { partition: 'workspace', device: DEV_A, n: 999 };

describe('hostile JSON numbers and nesting', () => {
  it('an acknowledgement with 1e400 or deep nesting is null, signed or not', () => {
    const base = `"at":${T0},"device":"${DEV_A}","n":999,"partition":"workspace","v":1,"vault":"${VAULT}","vector":{"${DEV_B}":1}`;
    expect(decodeAck(bytes(`{${base},"sig":"${sig(64)}","x":1e400}`), VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(bytes(`{${base},"x":1e400}`), VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(bytes(`{${base.replace(`:${T0}`, ':-1e400')},"sig":"${sig(64)}"}`), VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(bytes(`{${base},"sig":"${sig(64)}","x":${deep(30_000)}}`), VAULT, place, keyOf)).toBeNull();
  });

  it('an erasure marker with 1e400 or deep nesting is null', () => {
    const base = `"client":"${ACME}","kind":"erased","mac":"${sig(32)}","v":1,"vault":"${VAULT}"`;
    expect(decodeErasureMarker(bytes(`{${base},"erasedAt":1e400}`), VAULT, ACME, world.rosterKey)).toBeNull();
    expect(decodeErasureMarker(bytes(`{${base},"erasedAt":1,"x":${deep(400)}}`), VAULT, ACME, world.rosterKey)).toBeNull();
  });

  it('a roster entry with 1e400 or deep nesting is a RosterError', () => {
    const publicKey = toBase64(world.devices[DEV_A]!.publicKey);
    const base = `"device":"${DEV_A}","mac":"${sig(32)}","publicKey":"${publicKey}","v":1,"vault":"${VAULT}"`;
    for (const text of [`{${base},"addedAt":1e400}`, `{${base},"addedAt":1,"x":1e400}`, `{${base},"addedAt":1,"x":${deep(1500)}}`]) {
      expect(() => decodeDeviceEntry(bytes(text), VAULT, world.rosterKey)).toThrow(RosterError);
    }
    const removal = `"device":"${DEV_A}","mac":"${sig(32)}","publicKey":"${publicKey}","removed":true,"removedAt":1,"v":1,"vault":"${VAULT}"`;
    expect(() => decodeDeviceEntry(bytes(`{${removal},"lastSeq":{"workspace":1e400}}`), VAULT, world.rosterKey)).toThrow(RosterError);
  });

  it('a change whose value holds a non-finite number or nests too deep is refused (segments and snapshots alike)', () => {
    const set = (value: unknown) => ({ op: 'set', table: 'settings', id: 's1', field: 'value', hlc: hlc(1), value });
    expect(() => validateChange(set(JSON.parse('{"n":1e400}')))).toThrow(MergeError);
    expect(() => validateChange(set(JSON.parse(deep(10_000))))).toThrow(MergeError);
    expect(validateChange(set({ n: 1.5, list: [[['fine']]] }))).toBeTruthy();
    const payload = bytes(`[["settings","s1",null,[["value","${hlc(1)}",{"n":1e400}]]]]`);
    expect(() => payloadChanges(payload, 1, 'test')).toThrow(SnapshotError);
    const nested = bytes(`[["settings","s1",null,[["value","${hlc(1)}",${deep(10_000)}]]]]`);
    expect(() => payloadChanges(nested, 1, 'test')).toThrow(SnapshotError);
  });
});
