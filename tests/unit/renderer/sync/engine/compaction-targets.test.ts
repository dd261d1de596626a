/**
 * Compaction and a join from snapshot + tail through the three real targets the other sync tests
 * use: a temporary folder, rclone's WebDAV and s3rver through the AWS SDK (main's transports,
 * their real `delete`). A fake device clock steps past each kind's safety margin; on WebDAV and S3
 * the servers' own modification times must pass it too, so there the margin is first seen to hold
 * against the real server clock, then lowered to seconds that the test waits out for real.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { listSettings, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import type { Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import type { RoundDeps } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { WebDavTransport } from '../../../../../src-main/sync/webdav-transport.ts';
import { S3Transport } from '../../../../../src-main/sync/s3-transport.ts';
import { device, direct, freshFolder, newVault, type Device } from './harness.ts';
import { rcloneMissing, startWebDav, type WebDavServer } from '../../../../servers/rclone-webdav.ts';
import { startS3, type S3Server } from '../../../../servers/s3rver.ts';

let folder: string;
let webdav: WebDavServer | undefined;
let s3: S3Server;

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
  folder = await mkdtemp(join(tmpdir(), 'caravan-compaction-'));
  if (!rcloneMissing()) webdav = await startWebDav();
  s3 = await startS3('caravan-compaction');
}, 30_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await webdav?.close();
  await s3.close();
});

const HOUR = 3_600_000;
/** The lowered margin on the servers, and how long the test waits for it (WebDAV times have whole seconds). */
const SERVER_MARGIN_MS = 2_000;
const SERVER_WAIT_MS = 3_200;
type Kind = NonNullable<RoundDeps['targetKind']>;

const targets: [Kind, () => Remote | null][] = [
  ['folder', () => direct(freshFolder(folder))],
  ['webdav', () => (webdav ? direct(new WebDavTransport({ url: webdav.url, username: webdav.username, password: webdav.password })) : null)],
  [
    's3',
    () =>
      direct(
        new S3Transport({
          endpoint: s3.endpoint,
          region: 'us-east-1',
          bucket: s3.bucket,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          pathStyle: true,
        }),
      ),
  ],
];

async function settingsOf(d: Device) {
  return (await listSettings(d.workspace.ctx)).map((s) => [s.id, s.value]).sort();
}

describe.each(targets)('compaction on a %s target', (kind, make) => {
  it.skipIf(kind === 'webdav' && rcloneMissing() !== null)(
    'deletes covered segments after the margin through the real transport; a new device joins from snapshot + tail',
    async () => {
      const remote = make();
      if (!remote) throw new Error('target unavailable');
      let t = Date.UTC(2026, 0, 5, 9);
      const now = () => t;
      const extra: Partial<RoundDeps> = { targetKind: kind, compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } };
      const vault = newVault();
      const [a, b] = [await device(vault, now), await device(vault, now)];
      try {
        for (const d of [a, b]) await d.round(remote, extra);
        for (let i = 0; i < 5; i++) {
          await setSetting(a.workspace.ctx, `k${i}`, i);
          await a.round(remote, extra);
        }
        await b.round(remote, extra);
        const segments = (await remote.list('p/workspace/log/')).length;
        expect((await remote.list('p/workspace/snap/')).length).toBeGreaterThan(0);
        t += (kind === 'folder' ? 24 : 4) * HOUR + 60_000;
        if (kind !== 'folder') {
          // Past the margin by this device's clock, seconds old by the server's: nothing goes.
          expect((await a.round(remote, extra)).deletedObjects).toBe(0);
          expect((await remote.list('p/workspace/log/')).length).toBe(segments);
          await new Promise((resolve) => setTimeout(resolve, SERVER_WAIT_MS));
          extra.compaction = { ...extra.compaction, marginMs: SERVER_MARGIN_MS };
        }
        // The tail is written first: its segment, stamped by the server now, is what tells the round
        // how far the server's clock has got.
        await setSetting(a.workspace.ctx, 'tail', 'after the snapshot');
        const compacted = await a.round(remote, extra);
        expect(compacted.deletedObjects).toBeGreaterThan(0);
        expect((await remote.list('p/workspace/log/')).length).toBeLessThan(segments);
        const c = await device(vault, now);
        try {
          const joined = await c.round(remote, extra);
          expect(joined.snapshotsApplied).toBe(1);
          expect(joined.rejected).toEqual([]);
          expect(await settingsOf(c)).toEqual(await settingsOf(a));
          expect(await settingsOf(c)).toContainEqual(['tail', 'after the snapshot']);
        } finally {
          c.workspace.close();
        }
      } finally {
        a.workspace.close();
        b.workspace.close();
      }
    },
  );
});
