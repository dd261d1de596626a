/**
 * Main's allow-list of the sync layout: every name the renderer's engine writes passes, with the
 * partition and the size bound its codec has; nothing else does (a `.desktop` file, a note, a path
 * that climbs, a client key under the workspace), and only the engine's listing prefixes are taken.
 */
import { describe, expect, it } from 'vitest';
import { checkObjectKey, checkPrefix, LAYOUT_LIMITS, layoutObject } from '../../../../src-main/sync/object-key.ts';
import { MAX_BYTES as MAX_ACK_BYTES } from '../../../../src-renderer/sync/segment/ack.ts';
import { MAX_ROSTER_ENTRY_BYTES } from '../../../../src-renderer/sync/segment/device-roster.ts';
import { erasureMarkerKey, MAX_BYTES as MAX_ERASURE_BYTES } from '../../../../src-renderer/sync/segment/erasure-marker.ts';
import { MAX_CLIENT_KEY_WRAP_BYTES } from '../../../../src-renderer/sync/segment/client-key-wrap.ts';
import { MAX_GRANT_BYTES } from '../../../../src-renderer/sync/segment/epoch-grant.ts';
import { MAX_EPOCH_RECORD_BYTES } from '../../../../src-renderer/sync/segment/epoch-record.ts';
import { MAX_INBOX_BYTES } from '../../../../src-renderer/sync/segment/inbox-entry.ts';
import {
  ackObjectKey,
  clientKeyWrapObjectKey,
  deviceEntryObjectKey,
  epochRecordObjectKey,
  grantObjectKey,
  grantPrefix,
  inboxObjectKey,
  deviceRemovalObjectKey,
  newDeviceId,
  partitionLogPrefix,
  segmentObjectKey,
  snapshotObjectKey,
} from '../../../../src-renderer/sync/segment/layout.ts';
import { MAX_SEGMENT_BYTES } from '../../../../src-renderer/sync/segment/segment-codec.ts';
import { MAX_SNAPSHOT_BYTES } from '../../../../src-renderer/sync/segment/snapshot-codec.ts';
import { CLIENT_KEY_OBJECT } from '../../../../src-renderer/sync/engine/client-key.ts';

const ACME = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
const DEVICE = newDeviceId();
const HASH = 'ab'.repeat(32);
const EPOCH = '0f1e2d3c4b5a6978';
const EPOCH2 = 'a0b1c2d3e4f50617';

describe('the sync layout in main', () => {
  it('bounds each kind of object by its codec’s own limit', () => {
    expect(LAYOUT_LIMITS).toEqual({
      'vault-header': 64 * 1024,
      device: MAX_ROSTER_ENTRY_BYTES,
      erasure: MAX_ERASURE_BYTES,
      'client-key': 1024,
      segment: MAX_SEGMENT_BYTES,
      snapshot: MAX_SNAPSHOT_BYTES,
      ack: MAX_ACK_BYTES,
      'epoch-record': MAX_EPOCH_RECORD_BYTES,
      grant: MAX_GRANT_BYTES,
      inbox: MAX_INBOX_BYTES,
    });
    expect(MAX_CLIENT_KEY_WRAP_BYTES).toBeLessThanOrEqual(LAYOUT_LIMITS['client-key']);
  });

  it.each([
    ['vault.json', 'vault-header', 'workspace'],
    [deviceEntryObjectKey(DEVICE), 'device', 'workspace'],
    [deviceRemovalObjectKey(DEVICE), 'device', 'workspace'],
    [erasureMarkerKey(ACME), 'erasure', 'workspace'],
    [`p/${ACME}/${CLIENT_KEY_OBJECT}`, 'client-key', ACME],
    [segmentObjectKey({ partition: 'workspace', device: DEVICE, seq: 12 }), 'segment', 'workspace'],
    [segmentObjectKey({ partition: ACME, device: DEVICE, seq: 1 }), 'segment', ACME],
    [snapshotObjectKey(ACME, HASH), 'snapshot', ACME],
    [ackObjectKey('workspace', DEVICE, 7), 'ack', 'workspace'],
    [epochRecordObjectKey(EPOCH), 'epoch-record', 'workspace'],
    [grantObjectKey({ epoch: EPOCH, device: DEVICE, inbox: EPOCH2 }), 'grant', 'workspace'],
    [grantObjectKey({ epoch: EPOCH, device: 'dev-with-dashes', inbox: EPOCH }), 'grant', 'workspace'],
    [inboxObjectKey(DEVICE, EPOCH), 'inbox', 'workspace'],
    [clientKeyWrapObjectKey(ACME, EPOCH), 'client-key', ACME],
  ])('takes %s as a %s of %s', (key, kind, partition) => {
    expect(checkObjectKey(key)).toEqual({ ok: true, kind, partition, maxBytes: LAYOUT_LIMITS[kind as keyof typeof LAYOUT_LIMITS] });
  });

  it.each([
    'caravan.desktop',
    '.config/autostart/caravan.desktop',
    '../etc/passwd',
    'p/../vault.json',
    '/etc/passwd',
    'id_ed25519',
    'environ',
    'notes/secret.txt',
    'vault.json.tmp',
    'VAULT.JSON',
    'devices/abc.json/x',
    'devices/a.b.json',
    `p/${ACME}/notes.txt`,
    `p/${ACME}/log/${DEVICE}/0.seg`,
    `p/${ACME}/log/${DEVICE}/01.seg`,
    `p/${ACME}/snap/abc.snap`,
    'p/workspace/key.bin',
    'p/Acme GmbH/log/d/1.seg',
    'p/acme/log/d/1.seg',
    'erased/acme.json',
    `p/${ACME}/log/${DEVICE}/1.seg\n`,
    'caravan-probe-0a1b2c3d',
    '',
    // Rotation's names: only the exact shapes, an epoch is 16 lower-case hex, never 'legacy'.
    'keys/legacy.json',
    'keys/0F1E2D3C4B5A6978.json',
    'keys/0f1e2d3c4b5a697.json',
    `keys/${EPOCH}.json.tmp`,
    `keys/${EPOCH}/../../vault.json`,
    `keys/${EPOCH}/${DEVICE}.grant`,
    `keys/${EPOCH}/${DEVICE}-legacy.grant`,
    `keys/${EPOCH}/${DEVICE}-${EPOCH}.grant/x`,
    `keys/${EPOCH}/../${DEVICE}-${EPOCH}.grant`,
    `keys/${EPOCH}/x/${DEVICE}-${EPOCH}.grant`,
    `keys/${EPOCH}/-${EPOCH}.grant`,
    `keys/${EPOCH}/.hidden-${EPOCH}.grant`,
    `devices/${DEVICE}/inbox/legacy.json`,
    `devices/${DEVICE}/inbox/${EPOCH}.json/..`,
    `devices/../inbox/${EPOCH}.json`,
    `devices/${DEVICE}/outbox/${EPOCH}.json`,
    `p/workspace/key/${EPOCH}.bin`,
    `p/${ACME}/key/legacy.bin`,
    `p/${ACME}/key/${EPOCH}.json`,
    `p/${ACME}/key/../key.bin`,
  ])('refuses %j, saying what the layout allows', (key) => {
    const checked = checkObjectKey(key);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/not an object of Caravan's sync layout/);
    expect(layoutObject(key)).toBeNull();
  });

  it('refuses what is not a string, or longer than any layout name', () => {
    for (const key of [undefined, null, 42, ['vault.json'], { toString: () => 'vault.json' }, `p/${ACME}/log/${'d'.repeat(600)}/1.seg`])
      expect(checkObjectKey(key).ok).toBe(false);
  });

  it('lists only by the engine’s prefixes', () => {
    for (const prefix of [
      '',
      'p/',
      'devices/',
      'erased/',
      `p/${ACME}/`,
      partitionLogPrefix('workspace'),
      `p/${ACME}/log/${DEVICE}/`,
      `p/${ACME}/snap/`,
      `p/workspace/ack/`,
      `p/workspace/ack/${DEVICE}/`,
      'keys/',
      grantPrefix(EPOCH),
      `devices/${DEVICE}/inbox/`,
      `devices/${DEVICE}/`,
      `p/${ACME}/key/`,
    ]) {
      expect(checkPrefix(prefix), prefix).toBe(true);
    }
    for (const prefix of [
      '/',
      '.',
      '..',
      '../',
      'p',
      'p//',
      '.config/',
      'caravan-probe',
      `p/${ACME}/notes/`,
      `p/${ACME}/snap/x/`,
      'home/.ssh/',
      'p/Acme/',
      'keys/legacy/',
      `keys/${EPOCH}/x/`,
      `devices/${DEVICE}/inbox/x/`,
      `devices/${DEVICE}/outbox/`,
      'p/workspace/key/',
      undefined,
      7,
    ]) {
      expect(checkPrefix(prefix), String(prefix)).toBe(false);
    }
  });
});
