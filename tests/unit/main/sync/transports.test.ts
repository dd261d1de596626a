/**
 * One contract, three real targets: a temporary folder, `rclone serve webdav`
 * and s3rver through the AWS SDK, all on this machine. Each transport must
 * round-trip bytes exactly, list by prefix in key order, skip unfinished
 * uploads, treat a missing object as null, and turn failures into errors a
 * person can act on.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderTransport } from '../../../../src-main/sync/folder-transport.ts';
import { S3Transport } from '../../../../src-main/sync/s3-transport.ts';
import { TransportError, type Transport } from '../../../../src-main/sync/transport.ts';
import { WebDavTransport } from '../../../../src-main/sync/webdav-transport.ts';
import { rcloneMissing, startWebDav, type WebDavServer } from '../../../servers/rclone-webdav.ts';
import { startS3, type S3Server } from '../../../servers/s3rver.ts';

let folder: string;
let webdav: WebDavServer | undefined;
let s3: S3Server;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-folder-target-'));
  if (!rcloneMissing()) webdav = await startWebDav();
  s3 = await startS3();
}, 30_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await webdav?.close();
  await s3.close();
});

const targets: [string, () => Transport | null][] = [
  ['folder', () => new FolderTransport(folder)],
  ['rclone WebDAV', () => (webdav ? new WebDavTransport({ url: webdav.url, username: webdav.username, password: webdav.password }) : null)],
  [
    's3rver via the AWS SDK',
    () =>
      new S3Transport({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        bucket: s3.bucket,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        pathStyle: true,
      }),
  ],
];

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe.each(targets)('%s transport', (name, make) => {
  const get = () => {
    const t = make();
    if (!t) throw new Error(`${name} is unavailable: ${rcloneMissing() ?? ''}`);
    return t;
  };
  // A partition of its own per transport, named as the layout names client partitions (hex).
  const part = Buffer.from(
    name
      .replace(/[^a-z]/g, '')
      .slice(0, 8)
      .padEnd(8, 'x'),
  ).toString('hex');
  const prefix = `p/${part}`;

  it.skipIf(name === 'rclone WebDAV' && rcloneMissing() !== null)('round-trips bytes exactly, including empty and 1 MiB objects', async () => {
    const t = get();
    for (const [key, data] of [
      [`${prefix}/log/dev1/1.seg`, bytes(0)],
      [`${prefix}/log/dev1/2.seg`, bytes(17)],
      [`${prefix}/log/dev1/3.seg`, bytes(1024 * 1024, 3)],
    ] as const) {
      await t.put(key, data);
      expect(await t.get(key)).toEqual(data);
    }
  });

  it.skipIf(name === 'rclone WebDAV' && rcloneMissing() !== null)('lists by prefix in key order with sizes, and only under the prefix', async () => {
    const t = get();
    await t.put(`${prefix}/snap/${'b'.repeat(64)}.snap`, bytes(5));
    await t.put(`${prefix}/snap/${'a'.repeat(64)}.snap`, bytes(3));
    await t.put(`${prefix}0/log/dev1/1.seg`, bytes(1));
    expect((await t.list(`${prefix}/snap/`)).map(({ key, size }) => ({ key, size }))).toEqual([
      { key: `${prefix}/snap/${'a'.repeat(64)}.snap`, size: 3 },
      { key: `${prefix}/snap/${'b'.repeat(64)}.snap`, size: 5 },
    ]);
    expect((await t.list(`${prefix}/`)).every((o) => o.key.startsWith(`${prefix}/`))).toBe(true);
    expect(await t.list('p/nothing-here/')).toEqual([]);
  });

  it.skipIf(name === 'rclone WebDAV' && rcloneMissing() !== null)(
    "lists each object with the store's modification time, epoch ms, close to when it was written",
    async () => {
      const t = get();
      const before = Date.now();
      await t.put(`${prefix}/log/times/1.seg`, bytes(2));
      await t.put(`${prefix}/log/times/2.seg`, bytes(2));
      const after = Date.now();
      const listed = await t.list(`${prefix}/log/times/`);
      expect(listed.map((o) => o.key)).toEqual([`${prefix}/log/times/1.seg`, `${prefix}/log/times/2.seg`]);
      for (const object of listed) {
        // S3 and WebDAV: the server's clock (WebDAV's HTTP date has whole seconds); a folder: the file's mtime.
        expect(Number.isInteger(object.modified)).toBe(true);
        expect(object.modified).toBeGreaterThanOrEqual(before - 60_000);
        expect(object.modified).toBeLessThanOrEqual(after + 60_000);
      }
    },
  );

  it.skipIf(name === 'rclone WebDAV' && rcloneMissing() !== null)('a missing object is null, and deleting twice is fine', async () => {
    const t = get();
    expect(await t.get(`${prefix}/log/none/9.seg`)).toBeNull();
    await t.put(`${prefix}/log/gone/1.seg`, bytes(4));
    await t.delete(`${prefix}/log/gone/1.seg`);
    await t.delete(`${prefix}/log/gone/1.seg`);
    expect(await t.get(`${prefix}/log/gone/1.seg`)).toBeNull();
  });

  it.skipIf(name === 'rclone WebDAV' && rcloneMissing() !== null)(
    'overwriting a key leaves the new bytes whole (single writer per key makes this rare, but a retried upload does it)',
    async () => {
      const t = get();
      await t.put(`${prefix}/log/retry/1.seg`, bytes(100, 1));
      await t.put(`${prefix}/log/retry/1.seg`, bytes(60, 2));
      expect(await t.get(`${prefix}/log/retry/1.seg`)).toEqual(bytes(60, 2));
    },
  );

  it.skipIf(name === 'rclone WebDAV' && rcloneMissing() !== null)('the connection test passes and leaves no probe behind', async () => {
    const t = get();
    await t.test();
    expect((await t.list('caravan-probe')).length).toBe(0);
  });
});

describe('failures become errors a person can act on', () => {
  it('an unfinished upload in a folder (a .tmp file left by a crash) is never listed or read', async () => {
    const t = new FolderTransport(folder);
    const crash = 'c'.repeat(16);
    await t.put(`p/${crash}/log/d/1.seg`, bytes(10));
    await writeFile(join(folder, `p/${crash}/log/d/2.seg.abc123.tmp`), bytes(3));
    expect((await t.list(`p/${crash}/`)).map((o) => o.key)).toEqual([`p/${crash}/log/d/1.seg`]);
    expect(await t.get(`p/${crash}/log/d/2.seg`)).toBeNull();
  });

  it('a folder that does not exist fails the connection test with what to do', async () => {
    const t = new FolderTransport(join(folder, 'missing'));
    await expect(t.test()).rejects.toMatchObject({ kind: 'config', message: expect.stringMatching(/does not exist; create it/) });
  });

  it.skipIf(rcloneMissing() !== null)('wrong WebDAV credentials are an auth error, not a retry', async () => {
    const t = new WebDavTransport({ url: webdav?.url ?? '', username: 'caravan', password: 'wrong' });
    const error = await t.test().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'auth', retry: false });
  });

  it('wrong S3 credentials are an auth error', async () => {
    const t = new S3Transport({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: s3.bucket,
      accessKeyId: 'NOBODY',
      secretAccessKey: 'wrong',
      pathStyle: true,
    });
    await expect(t.put('p/x/log/d/1.seg', bytes(1))).rejects.toMatchObject({ kind: 'auth', retry: false });
  });

  it('a missing bucket says so', async () => {
    const t = new S3Transport({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: 'no-such-bucket',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      pathStyle: true,
    });
    await expect(t.put('p/x/log/d/1.seg', bytes(1))).rejects.toMatchObject({ kind: 'config' });
  });

  it('a server that is not there is a network error that may be retried', async () => {
    const t = new S3Transport({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      bucket: 'caravan-sync',
      accessKeyId: 'a',
      secretAccessKey: 'b',
      pathStyle: true,
    });
    await expect(t.get('p/x/log/d/1.seg')).rejects.toMatchObject({ kind: 'network', retry: true });
  });

  it.skipIf(rcloneMissing() !== null)(
    'a WebDAV server killed mid-session fails with a retryable error, and nothing half-written is listed afterwards',
    async () => {
      const server = await startWebDav();
      try {
        const t = new WebDavTransport({ url: server.url, username: server.username, password: server.password, timeoutMs: 5_000 });
        await t.put('p/k/log/d/1.seg', bytes(8));
        server.kill();
        await expect(t.put('p/k/log/d/2.seg', bytes(8))).rejects.toMatchObject({ retry: true });
        // What is on disk: the first object whole, no second one under its real name.
        const files = await readdir(join(server.root, 'p/k/log/d'));
        expect(files.filter((f) => !f.endsWith('.tmp'))).toEqual(['1.seg']);
      } finally {
        await server.close();
      }
    },
  );
});
