/**
 * The two segment format versions side by side: version 1 (the change list as it is, written
 * before segments were deflated) must stay readable, and version 2's deflated payload has its own
 * checks (packed, inflation to exactly size). Segments are built with fixtures.ts `forge`, an
 * independent writer of the documented layout, and signed by the writer, so only the checks
 * behind the signature can refuse them.
 */
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import { segmentKeyId } from '../../../../../src-renderer/sync/segment/layout.ts';
import {
  decodeSegment,
  MAX_SEGMENT_BYTES,
  MAX_SEGMENT_PACKED_BYTES,
  MAX_SEGMENT_PLAINTEXT_BYTES,
  peekSegmentHeader,
} from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { ACME, DEV_A, decodeOptions, encodeFor, forge, hlc, makeWorld, sampleChanges, segmentErrorCode, VAULT, type World } from './fixtures.ts';
import { SegmentError } from '../../../../../src-renderer/sync/segment/errors.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const utf8 = new TextEncoder();

describe('format version 1 (segments written before deflate)', () => {
  it('still decodes a version 1 segment, uncompressed, in every partition', async () => {
    for (const partition of ['workspace', ACME]) {
      const changes = sampleChanges(`old-${partition}`, 3);
      const keyId = segmentKeyId(partition);
      const bytes = forge(world, { plaintext: utf8.encode(canonicalJson(changes)), header: { partition, keyId, seq: 6 }, key: world.keys.get(keyId)! });
      expect(bytes[4]).toBe(1);
      expect(peekSegmentHeader(bytes)).toEqual({
        v: 1,
        vault: VAULT,
        partition,
        device: DEV_A,
        seq: 6,
        count: 4,
        size: utf8.encode(canonicalJson(changes)).length,
        keyId,
      });
      expect(await decodeSegment(bytes, decodeOptions(world, { partition, seq: 6 }))).toEqual({ device: DEV_A, seq: 6, changes });
    }
  });

  it('refuses a header of the other version: a version byte changed alone, a packed field in version 1', async () => {
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { header: { v: 2 } }), decodeOptions(world)))).toBe('bad-header');
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { header: { packed: 100 } }), decodeOptions(world)))).toBe('bad-header');
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { version: 2, header: { v: 1 } }), decodeOptions(world)))).toBe('bad-header');
    const v1Header = forge(world, { version: 2, header: { v: 2, packed: undefined } });
    expect(await segmentErrorCode(() => decodeSegment(v1Header, decodeOptions(world)))).toBe('bad-header');
  });
});

describe('format version 2: the deflated payload', () => {
  const plaintext = () => utf8.encode(canonicalJson(sampleChanges('inflate')));

  it('decodes a segment deflated by another zlib writer (node:zlib, at any level)', async () => {
    for (const level of [0, 1, 9]) {
      const bytes = forge(world, { version: 2, plaintext: plaintext(), payload: new Uint8Array(deflateSync(plaintext(), { level })) });
      expect((await decodeSegment(bytes, decodeOptions(world))).changes).toEqual(sampleChanges('inflate'));
    }
  });

  it('refuses an authentic segment whose payload inflates to more or fewer bytes than size (bad-payload)', async () => {
    const json = plaintext();
    for (const size of [json.length - 1, json.length + 1, 2, MAX_SEGMENT_PLAINTEXT_BYTES]) {
      const bytes = forge(world, { version: 2, plaintext: json, header: { size } });
      expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world))), `size ${size}`).toBe('bad-payload');
    }
  });

  it('refuses a payload that is not deflated data, or has bytes after the deflate stream (bad-payload)', async () => {
    const json = plaintext();
    const raw = forge(world, { version: 2, plaintext: json, payload: json });
    expect(await segmentErrorCode(() => decodeSegment(raw, decodeOptions(world)))).toBe('bad-payload');
    const trailing = forge(world, { version: 2, plaintext: json, payload: new Uint8Array([...deflateSync(json), 0x5b]) });
    expect(await segmentErrorCode(() => decodeSegment(trailing, decodeOptions(world)))).toBe('bad-payload');
  });

  it('refuses an inflation bomb: 64 MiB of zeros deflated into 64 KiB (inflateExactly stops at size)', async () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_SEGMENT_PACKED_BYTES);
    const bytes = forge(world, { version: 2, plaintext: plaintext(), payload: bomb });
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world)))).toBe('bad-payload');
  });

  it('checks packed before any cryptography: 0 or not a count is bad-header, past the bound too-large, and the length follows it', async () => {
    const keyFor = vi.fn(() => world.keys.get('sync')!);
    const options = decodeOptions(world, {}, { keyFor });
    for (const packed of [0, -1, 1.5, '12', null]) {
      expect(await segmentErrorCode(() => decodeSegment(forge(world, { version: 2, header: { packed } }), options)), String(packed)).toBe('bad-header');
    }
    const over = forge(world, { version: 2, header: { packed: MAX_SEGMENT_PACKED_BYTES + 1 } });
    expect(await segmentErrorCode(() => decodeSegment(over, options))).toBe('too-large');
    const good = forge(world, { version: 2 });
    const packed = peekSegmentHeader(good).v === 2 ? (peekSegmentHeader(good) as { packed: number }).packed : 0;
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { version: 2, header: { packed: packed + 1 } }), options))).toBe('truncated');
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { version: 2, header: { packed: packed - 1 } }), options))).toBe('bad-header');
    expect(keyFor).not.toHaveBeenCalled();
    expect((await decodeSegment(good, decodeOptions(world))).changes).toEqual(sampleChanges());
  });

  it("bounds packed by deflate's worst case for 1 MiB: 1 048 909 bytes, so a segment is at most 1 050 044", () => {
    expect(MAX_SEGMENT_PACKED_BYTES).toBe(1_048_909);
    expect(MAX_SEGMENT_BYTES).toBe(1_050_044);
    // zlib's compressBound, which deflate's output never exceeds.
    const random = crypto.getRandomValues(new Uint8Array(65_536));
    expect(deflateSync(random).length).toBeLessThanOrEqual(random.length + (random.length >>> 12) + (random.length >>> 14) + 13);
  });
});

describe('format version 3: segments carrying the presence ledger', () => {
  const ledgerChange: Change = { op: 'set', table: 'trips', id: 't1', field: 'country', value: 'PT', hlc: hlc(99) };

  it('is written when a change touches trips or presenceDays, so an older Caravan says to update itself, and reads back', async () => {
    const bytes = await encodeFor(world, { changes: [...sampleChanges('ledger'), ledgerChange] });
    expect(bytes[4]).toBe(3);
    expect(peekSegmentHeader(bytes)).toMatchObject({ v: 3 });
    expect((await decodeSegment(bytes, decodeOptions(world))).changes.at(-1)).toEqual(ledgerChange);
    // A Caravan that reads only 1 and 2 stops at that byte with 'unsupported-version' ("Update Caravan on this device").
    expect(new SegmentError('unsupported-version', 'x').message).toContain('Update Caravan on this device');
    const days = await encodeFor(world, { changes: [{ op: 'delete', table: 'presenceDays', id: '2026-03-01', hlc: hlc(5) }] });
    expect(days[4]).toBe(3);
  });

  it('keeps writing version 2 for every other segment, and reads a version 2 segment holding ledger changes', async () => {
    expect((await encodeFor(world, { changes: sampleChanges('plain') }))[4]).toBe(2);
    // A version 2 segment holding ledger changes (written before version 3 existed): still read.
    const v2 = forge(world, { version: 2, plaintext: utf8.encode(canonicalJson([ledgerChange])), header: { count: 1 } });
    expect(v2[4]).toBe(2);
    expect((await decodeSegment(v2, decodeOptions(world))).changes).toEqual([ledgerChange]);
  });
});
