import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import { TargetRegistry, targetHost, type JsonStore } from '../../../../src-main/locality/target-registry.ts';
import type { AddableTarget as NewTarget } from '../../../../src-main/locality/target-registry.ts';
import { providersFor } from '../../../../src-preload/contract/target.ts';

const NOW = Date.UTC(2026, 10, 15);

/** A JsonStore in memory that round-trips through JSON text, like the file on disk does. */
function memoryStore(initial?: unknown): JsonStore & { saved: () => unknown; writes: () => number } {
  let text = initial === undefined ? null : JSON.stringify(initial);
  let writes = 0;
  return {
    read: () => Promise.resolve(text === null ? null : (JSON.parse(text) as unknown)),
    write: (value) => {
      text = JSON.stringify(value);
      writes += 1;
      return Promise.resolve();
    },
    saved: () => (text === null ? null : (JSON.parse(text) as unknown)),
    writes: () => writes,
  };
}

function load(store: JsonStore = memoryStore()): Promise<TargetRegistry> {
  let tick = 0;
  return TargetRegistry.load(store, randomUUID, () => NOW + tick++);
}

const s3Aws: NewTarget = {
  label: 'AWS Frankfurt',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-central-1' },
  bucket: 'caravan-backup',
  endpoint: 'https://s3.eu-central-1.amazonaws.com',
};
const webdav: NewTarget = {
  label: 'NAS at home',
  kind: 'webdav',
  location: { provider: 'webdav', declaredCountry: 'DE' },
  endpoint: 'https://nas.example.org/dav/',
};
const folder: NewTarget = { label: 'Backup disk', kind: 'folder', location: { provider: 'folder', declaredCountry: 'DE' }, path: '/mnt/backup' };
const minio: NewTarget = {
  label: 'Local MinIO',
  kind: 's3',
  location: { provider: 'minio', declaredCountry: 'DE' },
  bucket: 'caravan',
  endpoint: 'http://127.0.0.1:9000',
};

async function addError(registry: TargetRegistry, input: unknown): Promise<UserFacingError> {
  const error: unknown = await registry.add(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe('TargetRegistry.add', () => {
  it.each<[string, NewTarget]>([
    ['an AWS S3 target', s3Aws],
    ['a WebDAV target over https', webdav],
    ['a folder target with its path', folder],
    ['a MinIO target over http on 127.0.0.1', minio],
    ['an S3 endpoint over http on localhost', { ...minio, label: 'localhost MinIO', endpoint: 'http://localhost:9000' }],
    ['an S3 endpoint over http on [::1]', { ...minio, label: 'v6 MinIO', endpoint: 'http://[::1]:9000' }],
  ])('accepts %s', async (_name, input) => {
    const store = memoryStore();
    const registry = await load(store);
    const target = await registry.add(input);
    expect(target).toMatchObject({ ...input, holds: {} });
    expect(target.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(target.createdAt).toBeGreaterThanOrEqual(NOW);
    expect(registry.list()).toEqual([target]);
    expect(registry.get(target.id)).toEqual(target);
    expect(store.writes()).toBe(1);
  });

  it.each<[string, unknown, RegExp]>([
    ['a folder target without a path', { ...folder, path: undefined }, /path a folder target needs its folder/],
    [
      'a folder handle instead of main’s path (the wire form never reaches the registry)',
      { ...folder, path: undefined, folder: 'a'.repeat(32) },
      /cannot be added/,
    ],
    ['an S3 target with a path', { ...s3Aws, path: '/etc' }, /path a s3 target has no folder/],
    [
      'a Cloudflare R2 target without its account endpoint',
      { ...s3Aws, location: { provider: 'r2', r2Jurisdiction: 'eu' }, endpoint: undefined },
      /R2 target needs its account endpoint/,
    ],
    ['a WebDAV target without an endpoint', { ...webdav, endpoint: undefined }, /endpoint a WebDAV target needs its URL/],
    ['an S3 target without a bucket', { ...s3Aws, bucket: undefined }, /bucket an S3 target needs a bucket/],
    ['a self-hosted S3 target without an endpoint', { ...minio, endpoint: undefined }, /self-hosted S3 target needs its endpoint/],
    [
      'a folder target that says it is AWS',
      { ...folder, location: { provider: 'aws', region: 'eu-central-1' } },
      /location\.provider a folder target cannot be aws/,
    ],
    ['an S3 target that says it is a folder', { ...s3Aws, location: { provider: 'folder', declaredCountry: 'DE' } }, /a s3 target cannot be folder/],
    ['a WebDAV target that says it is Hetzner', { ...webdav, location: { provider: 'hetzner', region: 'fsn1' } }, /a webdav target cannot be hetzner/],
    ['an http endpoint to another machine', { ...webdav, endpoint: 'http://nas.example.org/dav/' }, /endpoint must be an https:\/\/ address/],
    ['an http endpoint to a LAN address', { ...minio, endpoint: 'http://192.168.1.10:9000' }, /endpoint must be an https:\/\/ address/],
    ['an endpoint with user and password in it', { ...webdav, endpoint: 'https://alice:secret@nas.example.org/dav/' }, /without a user name or password/],
    ['an endpoint with only a user name in it', { ...webdav, endpoint: 'https://alice@nas.example.org/dav/' }, /without a user name or password/],
    ['an endpoint that is not a URL', { ...webdav, endpoint: 'nas.example.org' }, /endpoint must be an https:\/\/ address/],
    ['an ftp endpoint', { ...webdav, endpoint: 'ftp://nas.example.org/' }, /endpoint must be an https:\/\/ address/],
    ['an empty label', { ...folder, label: '   ' }, /label needs a name/],
    ['a label with a line break', { ...folder, label: 'Backup\ndisk' }, /label must be one line of text/],
    ['a bucket name in capitals', { ...s3Aws, bucket: 'My_Bucket' }, /bucket must be a bucket name/],
    ['an unknown field (e.g. a secret key)', { ...s3Aws, secretKey: 'abc' }, /cannot be added/],
    ['an unknown kind', { ...folder, kind: 'ftp' }, /kind/],
    ['an unknown declared country', { ...folder, location: { provider: 'folder', declaredCountry: 'XX' } }, /location\.declaredCountry/],
  ])('refuses %s with invalid-argument', async (_name, input, message) => {
    const store = memoryStore();
    const registry = await load(store);
    const error = await addError(registry, input);
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^This target cannot be added: /);
    expect(error.message).toMatch(message);
    expect(registry.list()).toEqual([]);
    expect(store.writes()).toBe(0);
  });

  it.each([
    ['the same label', 'NAS at home'],
    ['the label in other case', 'nas AT HOME'],
    ['the label with surrounding spaces', '  NAS at home  '],
  ])('refuses a second target with %s', async (_name, label) => {
    const store = memoryStore();
    const registry = await load(store);
    await registry.add(webdav);
    const error = await addError(registry, { ...folder, label });
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/exists already/);
    expect(registry.list()).toHaveLength(1);
    expect(store.writes()).toBe(1);
  });

  it('trims the label it stores', async () => {
    const registry = await load();
    const target = await registry.add({ ...folder, label: '  Backup disk  ' });
    expect(target.label).toBe('Backup disk');
  });

  it('names for each kind only the providers it may be', () => {
    expect(providersFor('folder')).toEqual(['folder']);
    expect(providersFor('webdav')).toEqual(['webdav']);
    expect(providersFor('s3')).not.toContain('folder');
    expect(providersFor('s3')).not.toContain('webdav');
    expect(providersFor('s3')).toContain('aws');
  });
});

describe('TargetRegistry persistence', () => {
  it('writes version 1 with the targets, and load reads back the same targets', async () => {
    const store = memoryStore();
    const registry = await load(store);
    const a = await registry.add(s3Aws);
    const b = await registry.add(folder);
    await registry.recordHolding(a.id, '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b', NOW + 50);
    const saved = store.saved() as { version: number; targets: unknown[] };
    expect(saved.version).toBe(1);
    expect(saved.targets).toHaveLength(2);

    const reloaded = await load(store);
    expect(reloaded.problem).toBeUndefined();
    expect(reloaded.list()).toEqual(registry.list());
    expect(reloaded.get(a.id)?.holds).toEqual({ '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b': NOW + 50 });
    expect(reloaded.get(b.id)).toEqual(b);
  });

  it('starts empty without a problem when nothing is stored', async () => {
    const registry = await load(memoryStore());
    expect(registry.list()).toEqual([]);
    expect(registry.problem).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a file of another version', { version: 2, targets: [] }],
    ['a file that is not an object', 'hello'],
    ['a target without an id', { version: 1, targets: [{ label: 'x', kind: 'folder', location: { provider: 'folder' }, createdAt: 1, holds: {} }] }],
    [
      'a target with an http endpoint to another machine',
      {
        version: 1,
        targets: [
          { id: randomUUID(), label: 'x', kind: 'webdav', location: { provider: 'webdav' }, endpoint: 'http://nas.example.org/', createdAt: 1, holds: {} },
        ],
      },
    ],
    [
      'a target with an unknown field',
      {
        version: 1,
        targets: [{ id: randomUUID(), label: 'x', kind: 'folder', location: { provider: 'folder' }, path: '/x', createdAt: 1, holds: {}, password: 'p' }],
      },
    ],
  ])('an unreadable stored file (%s) yields no targets and sets problem', async (_name, stored) => {
    const registry = await load(memoryStore(stored));
    expect(registry.list()).toEqual([]);
    expect(registry.problem).toMatch(/could not be read/);
  });
});

describe('TargetRegistry holdings and removal', () => {
  const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

  it('recordHolding records a partition with its time, and forgetHolding removes only that partition', async () => {
    const store = memoryStore();
    const registry = await load(store);
    const a = await registry.add(s3Aws);
    const b = await registry.add(webdav);
    await registry.recordHolding(a.id, CLIENT, NOW + 10);
    await registry.recordHolding(a.id, 'workspace', NOW + 11);
    await registry.recordHolding(a.id, CLIENT, NOW + 12);
    expect(registry.get(a.id)?.holds).toEqual({ [CLIENT]: NOW + 12, workspace: NOW + 11 });
    expect(registry.get(b.id)?.holds).toEqual({});

    await registry.forgetHolding(a.id, CLIENT);
    expect(registry.get(a.id)?.holds).toEqual({ workspace: NOW + 11 });
    const saved = store.saved() as { targets: { id: string; holds: Record<string, number> }[] };
    expect(saved.targets.find((t) => t.id === a.id)?.holds).toEqual({ workspace: NOW + 11 });
  });

  it('remove drops the target and persists the shorter list', async () => {
    const store = memoryStore();
    const registry = await load(store);
    const a = await registry.add(s3Aws);
    const b = await registry.add(webdav);
    expect(await registry.remove(a.id)).toEqual(a);
    expect(registry.list()).toEqual([b]);
    expect(registry.get(a.id)).toBeUndefined();
    expect((await load(store)).list()).toEqual([b]);
  });

  it('refuses to remove an unknown id with invalid-argument and writes nothing', async () => {
    const store = memoryStore();
    const registry = await load(store);
    await registry.add(s3Aws);
    const error: unknown = await registry.remove(randomUUID()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('invalid-argument');
    expect(registry.list()).toHaveLength(1);
    expect(store.writes()).toBe(1);
  });

  // Two IPC calls (a double-clicked "Add", two syncs finishing together) can run at once.
  it('keeps both targets when two adds run concurrently', async () => {
    const store = memoryStore();
    const registry = await load(store);
    const [a, b] = await Promise.all([registry.add(s3Aws), registry.add(webdav)]);
    expect(
      registry
        .list()
        .map((t) => t.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect((await load(store)).list()).toHaveLength(2);
  });

  it('keeps both holdings when two recordHolding calls run concurrently', async () => {
    const store = memoryStore();
    const registry = await load(store);
    const a = await registry.add(s3Aws);
    const b = await registry.add(webdav);
    await Promise.all([registry.recordHolding(a.id, CLIENT, NOW + 1), registry.recordHolding(b.id, CLIENT, NOW + 2)]);
    expect(registry.get(a.id)?.holds).toEqual({ [CLIENT]: NOW + 1 });
    expect(registry.get(b.id)?.holds).toEqual({ [CLIENT]: NOW + 2 });
  });

  it('refuses the second of two concurrent adds with the same label', async () => {
    const registry = await load();
    const results = await Promise.allSettled([registry.add(webdav), registry.add({ ...folder, label: webdav.label })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(registry.list()).toHaveLength(1);
  });

  it('keeps the old list in memory when the store cannot write', async () => {
    const failing: JsonStore = { read: () => Promise.resolve(null), write: () => Promise.reject(new Error('disk full')) };
    const registry = await load(failing);
    await expect(registry.add(s3Aws)).rejects.toThrow('disk full');
    expect(registry.list()).toEqual([]);
  });
});

describe('targetHost', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['an https endpoint', 'https://s3.eu-central-1.amazonaws.com', 's3.eu-central-1.amazonaws.com'],
    ['an endpoint with a path', 'https://nas.example.org/dav/caravan', 'nas.example.org'],
    ['an endpoint with a port', 'https://nas.example.org:8443/dav/', 'nas.example.org:8443'],
    ['the default https port', 'https://nas.example.org:443/', 'nas.example.org'],
    ['a loopback endpoint', 'http://127.0.0.1:9000', '127.0.0.1:9000'],
    ['IPv6 loopback', 'http://[::1]:9000', '[::1]:9000'],
    ['a folder (no endpoint)', undefined, undefined],
    ['an unparseable endpoint', 'not a url', undefined],
  ])('for %s', (_name, endpoint, host) => {
    expect(targetHost(endpoint === undefined ? {} : { endpoint })).toBe(host);
  });
});
