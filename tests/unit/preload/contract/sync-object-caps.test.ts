/** The contract's caps on uploads are the sync formats' own bounds, so a legitimate object always fits and nothing larger does. */
import { describe, expect, it } from 'vitest';
import {
  invokeContract,
  IPC_ENVELOPE_BYTES,
  LARGEST_ARGUMENT_BYTES,
  MAX_IPC_MESSAGE_BYTES,
  TEXT_BYTES_PER_UNIT,
} from '../../../../src-preload/contract/channels.ts';
import { MAX_EXPORT_CHARS } from '../../../../src-preload/contract/files.ts';
import { MAX_LOCALITY_DATA_CHARS } from '../../../../src-preload/contract/locality.ts';
import { MAX_CLIENTS } from '../../../../src-preload/contract/spec.ts';
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

describe('the message cap is derived from every channel’s limits', () => {
  const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
  const message = (channel: string, args: unknown[]) => utf8(JSON.stringify({ kind: 'invoke', id: 1, channel, args }));

  it('free text takes at most 6 bytes a unit once JSON-encoded (control characters and lone surrogates are escaped)', () => {
    const worst = ['\u0001', '\ud800', '€', '"', '\\', 'a', '😀'];
    for (const unit of worst) expect(utf8(JSON.stringify(unit.repeat(1000))) - 2).toBeLessThanOrEqual(TEXT_BYTES_PER_UNIT * unit.length * 1000);
    expect(utf8(JSON.stringify('\u0001'.repeat(1000))) - 2).toBe(TEXT_BYTES_PER_UNIT * 1000);
  });

  it('the largest text export, all escaped, with the most clients, fits in a message', () => {
    // Measured on a small content and scaled: the content's bytes are counted by the rule above.
    const request = {
      kind: 'access-export-json',
      stem: 'x'.repeat(120),
      content: '',
      clients: Array.from({ length: MAX_CLIENTS }, () => crypto.randomUUID()),
      deviceOnlyConfirmed: true,
    };
    expect(invokeContract['files:saveText'].args.safeParse([{ ...request, content: 'a'.repeat(MAX_EXPORT_CHARS + 1) }]).success).toBe(false);
    const envelope = message('files:saveText', [request]);
    expect(envelope).toBeLessThan(IPC_ENVELOPE_BYTES);
    expect(MAX_EXPORT_CHARS * TEXT_BYTES_PER_UNIT + envelope).toBeLessThanOrEqual(MAX_IPC_MESSAGE_BYTES);
  });

  it('the locality data file, a snapshot and a bundle fit as well', () => {
    expect(MAX_LOCALITY_DATA_CHARS * TEXT_BYTES_PER_UNIT + IPC_ENVELOPE_BYTES).toBeLessThanOrEqual(MAX_IPC_MESSAGE_BYTES);
    for (const bytes of Object.values(LARGEST_ARGUMENT_BYTES)) expect(bytes + IPC_ENVELOPE_BYTES).toBeLessThanOrEqual(MAX_IPC_MESSAGE_BYTES);
    expect(MAX_IPC_MESSAGE_BYTES).toBe(MAX_EXPORT_CHARS * TEXT_BYTES_PER_UNIT + IPC_ENVELOPE_BYTES);
  });
});
