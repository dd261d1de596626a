import { describe, expect, it } from 'vitest';
import { checkObjectKey } from '../../../../../src-main/sync/object-key.ts';
import { MAX_SEGMENT_BYTES } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { MAX_ROSTER_ENTRY_BYTES } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { canonicalJson } from '../../../../../src-renderer/sync/segment/canonical-json.ts';
import {
  deviceEntryObjectKey,
  deviceRemovalObjectKey,
  localPartition,
  newDeviceId,
  parseDeviceObjectKey,
  partitionLogPrefix,
  remotePartitionId,
  segmentObjectKey,
} from '../../../../../src-renderer/sync/segment/layout.ts';
import { ACME, DEV_A } from './fixtures.ts';

describe('object keys', () => {
  it("pass main's object-key check, which reads the partition back from them", () => {
    const device = newDeviceId();
    expect(device).toMatch(/^[0-9a-f]{32}$/);
    for (const partition of ['workspace', ACME]) {
      const key = segmentObjectKey({ partition, device, seq: 123 });
      expect(checkObjectKey(key)).toEqual({ ok: true, partition, kind: 'segment', maxBytes: MAX_SEGMENT_BYTES });
      expect(key.startsWith(partitionLogPrefix(partition))).toBe(true);
    }
    for (const key of [deviceEntryObjectKey(device), deviceRemovalObjectKey(device)]) {
      expect(checkObjectKey(key)).toEqual({ ok: true, partition: 'workspace', kind: 'device', maxBytes: MAX_ROSTER_ENTRY_BYTES });
    }
  });

  it('tells entries from removals, and maps local partitions to remote ids and back', () => {
    expect(parseDeviceObjectKey(deviceEntryObjectKey(DEV_A))).toEqual({ device: DEV_A, kind: 'entry' });
    expect(parseDeviceObjectKey(deviceRemovalObjectKey(DEV_A))).toEqual({ device: DEV_A, kind: 'removal' });
    expect(parseDeviceObjectKey('devices/x.y.json')).toBeNull();
    expect(remotePartitionId('workspace')).toBe('workspace');
    expect(remotePartitionId(`client:${ACME}`)).toBe(ACME);
    expect(localPartition(ACME)).toBe(`client:${ACME}`);
    expect(localPartition('workspace')).toBe('workspace');
    expect(() => remotePartitionId('client:ACME')).toThrow(RangeError);
    expect(() => remotePartitionId('client:workspace')).toThrow(RangeError);
    expect(() => segmentObjectKey({ partition: ACME, device: '..', seq: 1 })).toThrow(RangeError);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined properties, and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, true], e: undefined })).toBe('{"a":[{"c":null,"d":"x"},true],"b":1}');
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('refuses what JSON cannot hold faithfully', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const bad of [NaN, Infinity, 1n, undefined, () => 1, [undefined], cyclic, Symbol('s')]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
  });
});
