/** The contract's caps on uploads are the sync formats' own bounds, so a legitimate object always fits and nothing larger does. */
import { describe, expect, it } from 'vitest';
import { invokeContract, MAX_IPC_MESSAGE_BYTES } from '../../../../src-preload/contract/channels.ts';
import { MAX_BUNDLE_BYTES } from '../../../../src-preload/contract/bundle.ts';
import { base64Length } from '../../../../src-preload/contract/spec.ts';
import { MAX_JSON_OBJECT_BYTES, MAX_SEGMENT_OBJECT_BYTES, MAX_SNAPSHOT_OBJECT_BYTES, maxObjectBytes } from '../../../../src-preload/contract/sync.ts';
import { MAX_SEGMENT_BYTES } from '../../../../src-renderer/sync/segment/segment-codec.ts';
import { MAX_SNAPSHOT_BYTES } from '../../../../src-renderer/sync/segment/snapshot-codec.ts';

const TARGET = '0b8f6a52-94f1-4d0c-9a51-3c1e2f4d5a6b';
const put = invokeContract['sync:put'].args;
/** A base64 string of exactly `bytes` bytes. */
const b64 = (bytes: number) => 'A'.repeat(base64Length(bytes) - (bytes % 3 === 0 ? 0 : 3 - (bytes % 3))) + '='.repeat(bytes % 3 === 0 ? 0 : 3 - (bytes % 3));

describe('sync:put caps by object kind', () => {
  it('are the codecs own bounds', () => {
    expect(MAX_SEGMENT_OBJECT_BYTES).toBe(MAX_SEGMENT_BYTES);
    expect(MAX_SNAPSHOT_OBJECT_BYTES).toBe(MAX_SNAPSHOT_BYTES);
    expect(maxObjectBytes('p/workspace/log/d/1.seg')).toBe(MAX_SEGMENT_BYTES);
    expect(maxObjectBytes('p/workspace/snap/ab.snap')).toBe(MAX_SNAPSHOT_BYTES);
    expect(maxObjectBytes('vault.json')).toBe(MAX_JSON_OBJECT_BYTES);
  });

  it('takes the largest segment and refuses one byte more', () => {
    expect(put.safeParse([TARGET, 'p/workspace/log/d/1.seg', b64(MAX_SEGMENT_BYTES)]).success).toBe(true);
    const over = put.safeParse([TARGET, 'p/workspace/log/d/1.seg', b64(MAX_SEGMENT_BYTES + 1)]);
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.path).toEqual([2]);
  });

  it('takes a snapshot far larger than a segment, and refuses a JSON object of that size', () => {
    expect(put.safeParse([TARGET, 'p/workspace/snap/ab.snap', b64(8_600_000)]).success).toBe(true);
    expect(put.safeParse([TARGET, 'devices/d.json', b64(8_600_000)]).success).toBe(false);
    expect(put.safeParse([TARGET, 'devices/d.json', b64(300_000)]).success).toBe(true);
  });

  it('refuses anything beyond the largest snapshot, whatever its name', () => {
    expect(put.safeParse([TARGET, 'p/workspace/snap/ab.snap', b64(MAX_SNAPSHOT_BYTES + 1)]).success).toBe(false);
  });
});

describe('one message carries the largest argument of any channel', () => {
  it('a snapshot upload and a bundle fit in a message', () => {
    expect(base64Length(MAX_SNAPSHOT_BYTES) + 1024).toBeLessThan(MAX_IPC_MESSAGE_BYTES);
    expect(base64Length(MAX_BUNDLE_BYTES) + 1024).toBeLessThan(MAX_IPC_MESSAGE_BYTES);
  });
});
