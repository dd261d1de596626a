import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SegmentError, type SegmentErrorCode } from '../../../../../src-renderer/sync/segment/errors.ts';
import { parseSegmentObjectKey, segmentKeyId, segmentObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import {
  decodeSegment,
  encodeSegment,
  MAX_SEGMENT_BYTES,
  MAX_SEGMENT_PLAINTEXT_BYTES,
  peekSegmentHeader,
  splitIntoSegments,
} from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { inflateSync } from 'node:zlib';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import { DeviceRoster, decodeDeviceEntry, encodeDeviceRemoval } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { VaultError } from '../../../../../src-renderer/vault/crypto/errors.ts';
import { wipe } from '../../../../../src-renderer/vault/crypto/keys.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';
import { Replica } from '../../../../../src-renderer/sync/merge/replica.ts';
import { createClock } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import {
  ACME,
  DEV_A,
  DEV_B,
  decodeOptions,
  encodeFor,
  expectAbsent,
  forge,
  GLOBEX,
  hlc,
  makeWorld,
  OTHER_VAULT,
  regions,
  ROGUE,
  sampleChanges,
  segmentErrorCode,
  T0,
  VAULT,
  type World,
} from './fixtures.ts';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const utf8 = new TextEncoder();

describe('round trip', () => {
  it('decodes what it encodes, for the workspace and two client partitions and two devices', async () => {
    for (const partition of ['workspace', ACME, GLOBEX]) {
      for (const device of [DEV_A, DEV_B]) {
        for (const seq of [1, 2, 907]) {
          const changes = sampleChanges(`${partition}-${device}-${seq}`, seq);
          const bytes = await encodeFor(world, { partition, device, seq, changes });
          const decoded = await decodeSegment(bytes, decodeOptions(world, { partition, device, seq }));
          expect(decoded).toEqual({ device, seq, changes });
        }
      }
    }
  });

  it('carries what the merge core seals and what it receives', async () => {
    const writer = new Replica({ device: DEV_A, clock: createClock('00000000000000a1', () => T0) });
    const reader = new Replica({ device: DEV_B, clock: createClock('00000000000000b2', () => T0) });
    writer.write('clients', 'c1', { name: 'Acme', vatId: 'DE123', note: undefined });
    writer.remove('projects', 'p9');
    const sealed = writer.flush();
    expect(sealed).toBeDefined();
    const bytes = await encodeFor(world, { partition: ACME, device: DEV_A, seq: sealed!.seq, changes: [...sealed!.changes] });
    const segment = await decodeSegment(bytes, decodeOptions(world, { partition: ACME, device: DEV_A, seq: sealed!.seq }));
    expect(reader.receiveSegment(segment, T0).status).toBe('ready');
    expect(reader.materialize()).toEqual(writer.materialize());
  });

  it('allows an empty change list (a writer that lost a sealed segment fills its seq with one)', async () => {
    const bytes = await encodeFor(world, { seq: 5, changes: [] });
    expect(await decodeSegment(bytes, decodeOptions(world, { seq: 5 }))).toEqual({ device: DEV_A, seq: 5, changes: [] });
    expect(peekSegmentHeader(bytes)).toMatchObject({ count: 0, size: 2 });
  });

  it('writes the documented layout: magic, version 2, canonical header, nonce, deflated ciphertext with the framing as AD, signature', async () => {
    const changes = sampleChanges('layout');
    const bytes = await encodeFor(world, { partition: ACME, seq: 3, changes });
    expect([...bytes.subarray(0, 5)]).toEqual([0x43, 0x52, 0x56, 0x53, 2]);
    const { headerEnd, nonceEnd, signatureStart } = regions(bytes);
    const headerText = new TextDecoder().decode(bytes.subarray(7, headerEnd));
    const plaintext = utf8.encode(canonicalJson(changes));
    const packed = signatureStart - 16 - nonceEnd;
    expect(headerText).toBe(
      `{"count":4,"device":"${DEV_A}","keyId":"client:${ACME}","packed":${packed},"partition":"${ACME}","seq":3,"size":${plaintext.length},"v":2,"vault":"${VAULT}"}`,
    );
    expect(world.sodium.crypto_sign_verify_detached(bytes.subarray(signatureStart), bytes.subarray(0, signatureStart), world.devices[DEV_A]!.publicKey)).toBe(
      true,
    );
    const ad = new Uint8Array([...utf8.encode('caravan-segment|'), ...bytes.subarray(0, headerEnd)]);
    const opened = world.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      bytes.subarray(nonceEnd, signatureStart),
      ad,
      bytes.subarray(headerEnd, nonceEnd),
      world.keys.get(`client:${ACME}`)!,
    );
    expect(opened.length).toBe(packed);
    // Any zlib reader gets the change list back: node:zlib here, not the codec's own inflate.
    expect(new Uint8Array(inflateSync(opened))).toEqual(plaintext);
  });

  it('deflates: a repetitive change list takes far fewer bytes than its JSON', async () => {
    const changes = Array.from({ length: 200 }, (_, i) => sampleChanges('same words again', i)).flat();
    const plaintext = utf8.encode(canonicalJson(changes));
    const bytes = await encodeFor(world, { changes });
    expect(peekSegmentHeader(bytes)).toMatchObject({ v: 2, size: plaintext.length, count: changes.length });
    expect(bytes.length).toBeLessThan(plaintext.length / 4);
    expect((await decodeSegment(bytes, decodeOptions(world))).changes).toEqual(changes);
  });

  it('uses a fresh nonce each time: the same segment encodes to different bytes', async () => {
    const a = await encodeFor(world, {});
    const b = await encodeFor(world, {});
    expect(a.length).toBe(b.length);
    const ra = regions(a);
    expect(a.subarray(ra.headerEnd, ra.nonceEnd)).not.toEqual(b.subarray(ra.headerEnd, ra.nonceEnd));
  });

  it('names segments p/<partition>/log/<device>/<seq>.seg and parses the name back', async () => {
    const place = { partition: ACME, device: DEV_A, seq: 12 };
    expect(segmentObjectKey(place)).toBe(`p/${ACME}/log/${DEV_A}/12.seg`);
    expect(parseSegmentObjectKey(segmentObjectKey(place))).toEqual(place);
    for (const bad of [`p/${ACME}/log/${DEV_A}/012.seg`, `p/${ACME}/log/${DEV_A}/0.seg`, `p/${ACME}/snap/x.snap`, `p/ACME/log/${DEV_A}/1.seg`]) {
      expect(parseSegmentObjectKey(bad)).toBeNull();
    }
  });
});

describe('refusals on encode', () => {
  it('refuses a key id that does not belong to the partition, so client data never goes under a surviving key', async () => {
    const segment = { device: DEV_A, seq: 1, changes: sampleChanges() };
    const base = { vaultId: VAULT, segment, signingKey: world.devices[DEV_A]!.secretKey };
    await expect(encodeSegment({ ...base, partition: ACME, key: world.keys.get('sync')!, keyId: 'sync' })).rejects.toThrow(RangeError);
    await expect(encodeSegment({ ...base, partition: 'workspace', key: world.keys.get(`client:${ACME}`)!, keyId: `client:${ACME}` })).rejects.toThrow(
      RangeError,
    );
  });

  it('refuses ids that are not plain lower-case names, and malformed changes', async () => {
    const base = { vaultId: VAULT, key: world.keys.get('sync')!, keyId: 'sync', signingKey: world.devices[DEV_A]!.secretKey };
    await expect(encodeSegment({ ...base, partition: 'workspace', segment: { device: 'Dev A', seq: 1, changes: [] } })).rejects.toThrow(RangeError);
    await expect(encodeSegment({ ...base, partition: 'workspace', segment: { device: DEV_A, seq: 0, changes: [] } })).rejects.toThrow();
    await expect(encodeSegment({ ...base, partition: '../x', segment: { device: DEV_A, seq: 1, changes: [] } })).rejects.toThrow(RangeError);
    await expect(encodeSegment({ ...base, vaultId: 'nope', partition: 'workspace', segment: { device: DEV_A, seq: 1, changes: [] } })).rejects.toThrow(
      RangeError,
    );
    const broken = [{ op: 'set', table: 'clients', id: 'c', field: 'x', hlc: 'not-an-hlc', value: 1 }] as unknown as Change[];
    await expect(encodeSegment({ ...base, partition: 'workspace', segment: { device: DEV_A, seq: 1, changes: broken } })).rejects.toThrow();
  });

  it('refuses to encrypt under a destroyed key (no-key) and more than 1 MiB of changes (too-large)', async () => {
    const dead = new Uint8Array(32);
    expect(await segmentErrorCode(() => encodeFor(world, { partition: ACME, key: dead }))).toBe('no-key');
    const big: Change[] = [0, 1, 2].map((i) => ({ op: 'set', table: 'clients', id: `c${i}`, field: 'notes', value: 'x'.repeat(400_000), hlc: hlc(i) }));
    expect(await segmentErrorCode(() => encodeFor(world, { changes: big }))).toBe('too-large');
  });
});

describe('tampering', () => {
  /** The codes a change in each region may produce. */
  const allowed: Record<string, readonly SegmentErrorCode[]> = {
    magic: ['bad-magic'],
    // 2 -> 3 is a known format (the ledger's), whose signed header still says 2.
    version: ['unsupported-version', 'bad-header'],
    'header length': ['bad-header', 'truncated'],
    // A header is refused unauthenticated when that is enough (syntax, sizes, vault, writer), else by its signature.
    header: ['bad-header', 'truncated', 'too-large', 'wrong-place', 'unknown-device', 'bad-signature'],
    nonce: ['bad-signature'],
    ciphertext: ['bad-signature'],
    tag: ['bad-signature'],
    signature: ['bad-signature'],
  };

  it.each([
    { version: 2, make: () => encodeFor(world, { partition: ACME, seq: 2, changes: sampleChanges('tamper') }) },
    {
      version: 1,
      make: async () => {
        const plaintext = utf8.encode(canonicalJson(sampleChanges('tamper')));
        return forge(world, { plaintext, header: { partition: ACME, seq: 2, keyId: `client:${ACME}` }, key: world.keys.get(`client:${ACME}`)! });
      },
    },
  ])('refuses a change of any byte of a format $version segment with the error of its region, never a decoded segment', async ({ make }) => {
    const bytes = await make();
    expect((await decodeSegment(bytes, decodeOptions(world, { partition: ACME, seq: 2 }))).changes).toEqual(sampleChanges('tamper'));
    const { headerEnd, nonceEnd, tagStart, signatureStart } = regions(bytes);
    const regionOf = (i: number): string =>
      i < 4
        ? 'magic'
        : i === 4
          ? 'version'
          : i < 7
            ? 'header length'
            : i < headerEnd
              ? 'header'
              : i < nonceEnd
                ? 'nonce'
                : i < tagStart
                  ? 'ciphertext'
                  : i < signatureStart
                    ? 'tag'
                    : 'signature';
    const seen = new Map<string, Set<SegmentErrorCode>>();
    const options = decodeOptions(world, { partition: ACME, seq: 2 });
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const copy = bytes.slice();
        copy[i] = (copy[i] as number) ^ mask;
        const region = regionOf(i);
        const code = await segmentErrorCode(() => decodeSegment(copy, options));
        expect(allowed[region], `byte ${i} (${region}) ^ ${mask}: ${code}`).toContain(code);
        if (!seen.has(region)) seen.set(region, new Set());
        seen.get(region)!.add(code);
      }
    }
    // Every region was hit, and the header's own checks each fired at least once. ('truncated'
    // from the header needs a flipped digit of size (v1) or packed (v2) that grows the number,
    // which depends on the digits; the packed tests and every cut below cover it.)
    expect([...seen.keys()].sort()).toEqual(Object.keys(allowed).sort());
    expect([...seen.get('header')!]).toEqual(expect.arrayContaining(['bad-header', 'bad-signature', 'unknown-device', 'wrong-place']));
  });

  it('refuses an authentic-looking header that was edited (a different seq) by the signature', async () => {
    const bytes = await encodeFor(world, { seq: 4 });
    const { headerEnd } = regions(bytes);
    const at = new TextDecoder().decode(bytes.subarray(0, headerEnd)).indexOf('"seq":4') + '"seq":'.length;
    const edited = bytes.slice();
    edited[at] = '5'.charCodeAt(0);
    expect(await segmentErrorCode(() => decodeSegment(edited, decodeOptions(world, { seq: 5 })))).toBe('bad-signature');
  });

  it('refuses a signature by another roster device, and verifies it before touching any key', async () => {
    const bytes = forge(world, { signer: DEV_B });
    const keyFor = vi.fn(() => world.keys.get('sync')!);
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, {}, { keyFor })))).toBe('bad-signature');
    const flipped = await encodeFor(world, {});
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] as number) ^ 1;
    expect(await segmentErrorCode(() => decodeSegment(flipped, decodeOptions(world, {}, { keyFor })))).toBe('bad-signature');
    expect(keyFor).not.toHaveBeenCalled();
  });

  it('refuses anything that is not a segment: another file, a newer format', async () => {
    expect(await segmentErrorCode(() => decodeSegment(utf8.encode('{"hello":"world"}'), decodeOptions(world)))).toBe('bad-magic');
    expect(await segmentErrorCode(() => decodeSegment(new Uint8Array([0x43, 0x52, 0x56, 0x54]), decodeOptions(world)))).toBe('bad-magic');
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { version: 5 }), decodeOptions(world)))).toBe('unsupported-version');
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { version: 0 }), decodeOptions(world)))).toBe('unsupported-version');
  });

  it('refuses a header that is not exactly what the codec writes', async () => {
    const cases: Array<Record<string, unknown> | string> = [
      { v: 2 },
      { extra: 1 },
      { seq: 0 },
      { seq: 1.5 },
      { count: -1 },
      { partition: 'Workspace' },
      { keyId: `client:${ACME}` },
      { partition: ACME, keyId: 'sync' },
      { device: '' },
      `{ "v":1}`,
      '[1,2,3]',
      'null',
    ];
    for (const header of cases) {
      const bytes = typeof header === 'string' ? forge(world, { headerText: header }) : forge(world, { header });
      expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world))), JSON.stringify(header)).toBe('bad-header');
    }
    // Right fields, non-canonical spelling (key order, whitespace).
    const plaintext = utf8.encode(canonicalJson(sampleChanges()));
    const spelled = `{"v":1,"vault":"${VAULT}","partition":"workspace","device":"${DEV_A}","seq":1,"count":4,"size":${plaintext.length},"keyId":"sync"}`;
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { headerText: spelled }), decodeOptions(world)))).toBe('bad-header');
    expect(await segmentErrorCode(() => decodeSegment(forge(world, { headerText: canonicalJson({ v: 1 }) + ' ' }), decodeOptions(world)))).toBe('bad-header');
  });
});

describe('truncation and extension', () => {
  it('reports every cut of a segment as truncated', async () => {
    const bytes = await encodeFor(world, { changes: sampleChanges('cut').slice(0, 2) });
    const options = decodeOptions(world);
    for (let length = 0; length < bytes.length; length++) {
      expect(await segmentErrorCode(() => decodeSegment(bytes.subarray(0, length), options)), `length ${length}`).toBe('truncated');
    }
    expect((await decodeSegment(bytes, options)).changes).toHaveLength(2);
  });

  it('refuses bytes appended after the signature', async () => {
    const bytes = await encodeFor(world, {});
    expect(await segmentErrorCode(() => decodeSegment(new Uint8Array([...bytes, 0]), decodeOptions(world)))).toBe('bad-header');
  });
});

describe('placement', () => {
  it('refuses a segment re-filed under another device, seq or partition (wrong-place)', async () => {
    const bytes = await encodeFor(world, { partition: ACME, device: DEV_A, seq: 3 });
    const moves = [
      { partition: ACME, device: DEV_B, seq: 3 },
      { partition: ACME, device: DEV_A, seq: 4 },
      { partition: ACME, device: DEV_A, seq: 2 },
      { partition: GLOBEX, device: DEV_A, seq: 3 },
      { partition: 'workspace', device: DEV_A, seq: 3 },
    ];
    for (const expected of moves) {
      expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, expected))), JSON.stringify(expected)).toBe('wrong-place');
    }
    expect((await decodeSegment(bytes, decodeOptions(world, { partition: ACME, device: DEV_A, seq: 3 }))).seq).toBe(3);
  });

  it('refuses a segment of another vault (wrong-place)', async () => {
    const bytes = await encodeFor(world, { vaultId: OTHER_VAULT });
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world)))).toBe('wrong-place');
  });
});

describe('the roster', () => {
  it('refuses a segment signed by a device that is not in the roster (unknown-device)', async () => {
    const bytes = await encodeFor(world, { device: ROGUE });
    const code = await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, { device: ROGUE })));
    expect(code).toBe('unknown-device');
  });

  it('refuses a segment claiming a roster device but signed by an outsider (bad-signature)', async () => {
    const bytes = await encodeFor(world, { device: DEV_A, signer: ROGUE });
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world)))).toBe('bad-signature');
  });

  it("accepts a removed device's segments up to its last seq and refuses later ones (removed-device)", async () => {
    const removal = decodeDeviceEntry(
      encodeDeviceRemoval(
        { vaultId: VAULT, device: DEV_B, publicKey: world.devices[DEV_B]!.publicKey, removedAt: T0 + 5, lastSeq: { workspace: 2 } },
        world.rosterKey,
      ),
      VAULT,
      world.rosterKey,
    );
    const before = world.roster.publicKeyOf(DEV_B);
    const roster = new DeviceRoster([removal]);
    roster.add({ kind: 'device', vaultId: VAULT, device: DEV_B, publicKey: before!.publicKey, addedAt: T0 });
    const options = (seq: number, partition = 'workspace') =>
      decodeOptions(world, { device: DEV_B, seq, partition }, { publicKeyOf: (d) => roster.publicKeyOf(d) });
    expect((await decodeSegment(await encodeFor(world, { device: DEV_B, seq: 2 }), options(2))).seq).toBe(2);
    expect(await segmentErrorCode(async () => decodeSegment(await encodeFor(world, { device: DEV_B, seq: 3 }), options(3)))).toBe('removed-device');
    // A partition the removal does not list allows nothing.
    expect(await segmentErrorCode(async () => decodeSegment(await encodeFor(world, { device: DEV_B, seq: 1, partition: ACME }), options(1, ACME)))).toBe(
      'removed-device',
    );
  });
});

describe('keys', () => {
  it('reports a destroyed client key as no-key, however the key ring says so', async () => {
    const bytes = await encodeFor(world, { partition: ACME, seq: 1 });
    const expected = { partition: ACME, seq: 1 };
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, expected, { keyFor: () => null })))).toBe('no-key');
    const ringThrows = () => {
      throw new VaultError('record-key-missing', 'client key destroyed');
    };
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, expected, { keyFor: ringThrows })))).toBe('no-key');
    // Crypto-shredding: the key is wiped in memory.
    const shredded = world.keys.get(`client:${ACME}`)!.slice();
    wipe(shredded);
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, expected, { keyFor: () => shredded })))).toBe('no-key');
  });

  it('reports a different key under the same id as bad-ciphertext', async () => {
    const bytes = await encodeFor(world, { partition: ACME });
    const other = crypto.getRandomValues(new Uint8Array(32));
    expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world, { partition: ACME }, { keyFor: () => other })))).toBe('bad-ciphertext');
  });
});

describe('payload', () => {
  it('refuses an authentic segment whose change list is malformed (bad-payload)', async () => {
    const good = canonicalJson(sampleChanges());
    const cases: Array<{ plaintext: string; count?: number }> = [
      { plaintext: good, count: 3 },
      { plaintext: '{"changes":[]}', count: 0 },
      { plaintext: '[{"op":"set","table":"clients","id":"c","field":"x","hlc":"zz","value":1}]', count: 1 },
      { plaintext: '[{"op":"drop","table":"clients","id":"c","hlc":"' + hlc(1) + '"}]', count: 1 },
      { plaintext: '[1,2', count: 0 },
    ];
    for (const { plaintext, count } of cases) {
      const bytes = forge(world, { plaintext: utf8.encode(plaintext), header: { count } });
      expect(await segmentErrorCode(() => decodeSegment(bytes, decodeOptions(world))), plaintext.slice(0, 40)).toBe('bad-payload');
    }
    const notUtf8 = forge(world, { plaintext: new Uint8Array([0x5b, 0xff, 0x5d]), header: { count: 0 } });
    expect(await segmentErrorCode(() => decodeSegment(notUtf8, decodeOptions(world)))).toBe('bad-payload');
  });
});

describe('size', () => {
  it('refuses more than 1 MiB of plaintext before any roster lookup or decryption', async () => {
    const keyFor = vi.fn(() => world.keys.get('sync')!);
    const publicKeyOf = vi.fn(() => world.devices[DEV_A]!.publicKey);
    const declared = forge(world, { header: { size: MAX_SEGMENT_PLAINTEXT_BYTES + 1 } });
    expect(await segmentErrorCode(() => decodeSegment(declared, decodeOptions(world, {}, { keyFor, publicKeyOf })))).toBe('too-large');
    const huge = new Uint8Array(MAX_SEGMENT_BYTES + 1);
    huge.set([0x43, 0x52, 0x56, 0x53, 1, 0, 2]);
    expect(await segmentErrorCode(() => decodeSegment(huge, decodeOptions(world, {}, { keyFor, publicKeyOf })))).toBe('too-large');
    expect(keyFor).not.toHaveBeenCalled();
    expect(publicKeyOf).not.toHaveBeenCalled();
  });

  it('accepts a segment of exactly 1 MiB of plaintext', async () => {
    const skeleton: Change = { op: 'set', table: 'clients', id: 'c', field: 'notes', value: '', hlc: hlc(1) };
    const room = MAX_SEGMENT_PLAINTEXT_BYTES - utf8.encode(canonicalJson([skeleton])).length;
    const changes: Change[] = [{ ...skeleton, value: 'y'.repeat(room) }];
    expect(utf8.encode(canonicalJson(changes)).length).toBe(MAX_SEGMENT_PLAINTEXT_BYTES);
    const bytes = await encodeFor(world, { changes });
    expect(bytes.length).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect((await decodeSegment(bytes, decodeOptions(world))).changes).toEqual(changes);
  });
});

describe('confidentiality', () => {
  it('leaves no plaintext canary in the bytes, as UTF-8 or UTF-16LE', async () => {
    const canary = 'CANARY-Ünïcødé-4f9a2c';
    const changes: Change[] = [
      ...sampleChanges(canary),
      { op: 'set', table: 'clients', id: 'c-canary', field: 'email', value: `${canary}@example.com`, hlc: hlc(99) },
    ];
    const bytes = await encodeFor(world, { partition: ACME, changes });
    const utf16le = new Uint8Array(canary.length * 2);
    for (let i = 0; i < canary.length; i++) {
      utf16le[2 * i] = canary.charCodeAt(i) & 0xff;
      utf16le[2 * i + 1] = canary.charCodeAt(i) >> 8;
    }
    expectAbsent(bytes, utf8.encode(canary), 'UTF-8 canary');
    expectAbsent(bytes, utf16le, 'UTF-16LE canary');
    // Nor field names, record ids or table names: the header holds only ids of the layout.
    for (const word of ['email', 'c-canary', 'clients', 'budget']) expectAbsent(bytes, utf8.encode(word), word);
    expect((await decodeSegment(bytes, decodeOptions(world, { partition: ACME }))).changes).toEqual(changes);
  });
});

describe('splitIntoSegments', () => {
  const change = (i: number, size: number): Change => ({ op: 'set', table: 'clients', id: `c${i}`, field: 'notes', value: 'z'.repeat(size), hlc: hlc(i) });

  it('keeps the order and every group within the limit, filling groups greedily', async () => {
    const changes = Array.from({ length: 200 }, (_, i) => change(i, (i * 37) % 900));
    const max = 4096;
    const groups = splitIntoSegments(changes, max);
    expect(groups.flat()).toEqual(changes);
    for (const [i, group] of groups.entries()) {
      expect(group.length).toBeGreaterThan(0);
      expect(utf8.encode(canonicalJson(group)).length).toBeLessThanOrEqual(max);
      const next = groups[i + 1];
      if (next !== undefined) expect(utf8.encode(canonicalJson([...group, next[0]!])).length).toBeGreaterThan(max);
    }
  });

  it('splits at 1 MiB by default and every group encodes', async () => {
    const changes = [0, 1, 2, 3, 4].map((i) => change(i, 400_000));
    const groups = splitIntoSegments(changes);
    expect(groups.map((g) => g.length)).toEqual([2, 2, 1]);
    for (const [i, group] of groups.entries()) {
      const bytes = await encodeFor(world, { seq: i + 1, changes: group });
      expect((await decodeSegment(bytes, decodeOptions(world, { seq: i + 1 }))).changes).toEqual(group);
    }
  });

  it('gives no groups for no changes, and refuses a single change larger than a segment', async () => {
    expect(splitIntoSegments([])).toEqual([]);
    const err = (() => {
      try {
        splitIntoSegments([change(1, 10), change(2, MAX_SEGMENT_PLAINTEXT_BYTES)]);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SegmentError);
    expect((err as SegmentError).code).toBe('too-large');
    expect(() => splitIntoSegments([], 1)).toThrow(RangeError);
  });
});

describe('key ids', () => {
  it('fixes the key id per partition', async () => {
    expect(segmentKeyId('workspace')).toBe('sync');
    expect(segmentKeyId(ACME)).toBe(`client:${ACME}`);
  });
});
