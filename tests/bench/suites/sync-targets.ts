/** The targets the sync benchmark runs against: a folder, rclone's WebDAV, s3rver, and memory. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Remote } from '../../../src-renderer/sync/engine/remote.ts';
import { FolderTransport } from '../../../src-main/sync/folder-transport.ts';
import { WebDavTransport } from '../../../src-main/sync/webdav-transport.ts';
import { S3Transport } from '../../../src-main/sync/s3-transport.ts';
import type { Transport } from '../../../src-main/sync/transport.ts';
import { direct } from '../../unit/renderer/sync/engine/harness.ts';
import { startWebDav } from '../../servers/rclone-webdav.ts';
import { startS3 } from '../../servers/s3rver.ts';

export type TargetId = 'folder' | 'webdav' | 's3' | 'memory';
export const LABEL: Record<TargetId, string> = {
  folder: 'a temporary folder (FolderTransport: temp file, fsync, rename)',
  webdav: 'rclone serve webdav on 127.0.0.1 (WebDavTransport)',
  s3: 's3rver on 127.0.0.1 through the AWS SDK (S3Transport, path-style)',
  memory: 'an in-memory Remote (a Map; no transport, no I/O)',
};

/** A fresh, empty target; `close` stops its server and removes its files. */
export interface Target {
  remote: Remote;
  /** Every object on the target, for the in-memory copy. */
  snapshot(): Promise<Map<string, Uint8Array>>;
  close(): Promise<void>;
}

export function memoryRemote(objects = new Map<string, Uint8Array>()): Remote & { objects: Map<string, Uint8Array> } {
  return {
    objects,
    put: async (key, bytes) => void objects.set(key, bytes.slice()),
    get: async (key) => objects.get(key)?.slice() ?? null,
    list: async (prefix) =>
      [...objects.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .map((key) => ({ key, size: (objects.get(key) as Uint8Array).length })),
    delete: async (key) => void objects.delete(key),
  };
}

async function copyOf(transport: Transport): Promise<Map<string, Uint8Array>> {
  const objects = new Map<string, Uint8Array>();
  for (const { key } of await transport.list('')) {
    const bytes = await transport.get(key);
    if (bytes) objects.set(key, bytes);
  }
  return objects;
}

export async function openTarget(id: TargetId): Promise<Target> {
  if (id === 'memory') {
    const remote = memoryRemote();
    return { remote, snapshot: async () => new Map(remote.objects), close: async () => undefined };
  }
  if (id === 'folder') {
    const root = await mkdtemp(join(tmpdir(), 'caravan-bench-sync-'));
    const transport = new FolderTransport(root);
    return { remote: direct(transport), snapshot: () => copyOf(transport), close: () => rm(root, { recursive: true, force: true }) };
  }
  if (id === 'webdav') {
    const server = await startWebDav();
    const transport = new WebDavTransport({ url: server.url, username: server.username, password: server.password });
    return { remote: direct(transport), snapshot: () => copyOf(transport), close: () => server.close() };
  }
  const server = await startS3();
  const transport = new S3Transport({
    endpoint: server.endpoint,
    region: 'us-east-1',
    bucket: server.bucket,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    pathStyle: true,
  });
  return {
    remote: direct(transport),
    snapshot: () => copyOf(transport),
    close: async () => {
      transport.close();
      await server.close();
    },
  };
}
