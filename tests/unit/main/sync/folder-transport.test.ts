/**
 * A folder target reads and writes only the sync layout, and follows no link: a link planted where
 * the layout has a name (a file or a folder on the way) is refused with what to do, and nothing
 * outside the folder is read, written, listed or deleted through it. A missing folder is not
 * created again, and an object larger than its kind may be is refused without being read.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderTransport } from '../../../../src-main/sync/folder-transport.ts';
import { TransportError } from '../../../../src-main/sync/transport.ts';

const SECRET = 'PLANTED-SECRET-9f3a';
const DEVICE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SEGMENT = `p/workspace/log/${DEVICE}/1.seg`;

let root: string;
let sync: string;
let outside: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'caravan-folder-transport-'));
  sync = join(root, 'sync');
  outside = join(root, 'outside');
  await mkdir(sync);
  await mkdir(outside);
  await writeFile(join(outside, 'id_ed25519'), SECRET);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a refusal'),
    (e: unknown) => e as TransportError,
  );

describe('a folder target', () => {
  it('refuses names outside the layout on every operation, so nothing else in the folder is touched', async () => {
    const t = new FolderTransport(sync);
    await writeFile(join(sync, 'notes.txt'), SECRET);
    for (const key of ['notes.txt', 'caravan.desktop', '../outside/id_ed25519', 'p/workspace/evil.sh']) {
      expect(await failure(t.get(key))).toMatchObject({ kind: 'config' });
      expect(await failure(t.put(key, new Uint8Array([1])))).toMatchObject({ kind: 'config' });
      expect(await failure(t.delete(key))).toMatchObject({ kind: 'config' });
    }
    expect(await readFile(join(sync, 'notes.txt'), 'utf8')).toBe(SECRET);
    expect(await readdir(sync)).toEqual(['notes.txt']);
    expect(await t.list('')).toEqual([]);
  });

  it('reads, writes and deletes no file through a link at a layout name, and does not list it', async () => {
    const t = new FolderTransport(sync);
    await symlink(join(outside, 'id_ed25519'), join(sync, 'vault.json'));
    const read = await failure(t.get('vault.json'));
    expect(read).toBeInstanceOf(TransportError);
    expect(read.message).toMatch(/follows no link inside a sync folder/);
    expect(await failure(t.put('vault.json', new TextEncoder().encode('overwritten')))).toMatchObject({ kind: 'config' });
    expect(await failure(t.delete('vault.json'))).toMatchObject({ kind: 'config' });
    expect(await t.list('')).toEqual([]);
    expect(await readFile(join(outside, 'id_ed25519'), 'utf8')).toBe(SECRET);
  });

  it('goes through no linked folder on the way to an object, for reading, writing, listing or deleting', async () => {
    const t = new FolderTransport(sync);
    await symlink(outside, join(sync, 'devices'));
    await mkdir(join(sync, 'p'));
    await symlink(outside, join(sync, 'p', 'workspace'));
    await writeFile(join(outside, `${DEVICE}.json`), SECRET);
    await mkdir(join(outside, 'log', DEVICE), { recursive: true });
    await writeFile(join(outside, 'log', DEVICE, '1.seg'), SECRET);
    expect(await failure(t.get(`devices/${DEVICE}.json`))).toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/devices in the sync folder .* is a link/),
    });
    expect(await failure(t.get(SEGMENT))).toMatchObject({ kind: 'config' });
    expect(await failure(t.put(`devices/${'b'.repeat(32)}.json`, new Uint8Array([1])))).toMatchObject({ kind: 'config' });
    expect(await failure(t.put(`p/workspace/log/${DEVICE}/2.seg`, new Uint8Array([1])))).toMatchObject({ kind: 'config' });
    expect(await failure(t.list('devices/'))).toMatchObject({ kind: 'config' });
    expect(await t.list('')).toEqual([]);
    expect(await failure(t.delete(SEGMENT))).toMatchObject({ kind: 'config' });
    expect((await readdir(outside)).sort()).toEqual([`${DEVICE}.json`, 'id_ed25519', 'log']);
    expect(await readFile(join(outside, 'log', DEVICE, '1.seg'), 'utf8')).toBe(SECRET);
  });

  it('refuses a folder that has become a link, and does not create a missing one', async () => {
    await rm(sync, { recursive: true });
    const missing = new FolderTransport(sync);
    expect(await failure(missing.put(SEGMENT, new Uint8Array([1])))).toMatchObject({ kind: 'config', message: expect.stringMatching(/does not exist/) });
    expect(await readdir(root)).toEqual(['outside']);
    await symlink(outside, sync);
    const linked = new FolderTransport(sync);
    expect(await failure(linked.put(SEGMENT, new Uint8Array([1])))).toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/is not a folder \(or is now a link\)/),
    });
    expect(await failure(linked.test())).toMatchObject({ kind: 'config' });
    expect((await readdir(outside)).sort()).toEqual(['id_ed25519']);
  });

  it('refuses an object larger than its bound without reading it, and still round-trips the layout', async () => {
    const t = new FolderTransport(sync);
    await t.put(SEGMENT, new Uint8Array([1, 2, 3]));
    expect(await t.get(SEGMENT)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await failure(t.get(SEGMENT, 2))).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/larger than 2 bytes/) });
    await writeFile(join(sync, 'vault.json'), Buffer.alloc(64 * 1024 + 1, 0x20));
    expect(await failure(t.get('vault.json'))).toMatchObject({ kind: 'corrupt' });
    expect((await t.list('')).map((o) => o.key)).toEqual([SEGMENT, 'vault.json']);
    await t.delete(SEGMENT);
    expect(await t.get(SEGMENT)).toBeNull();
    await t.test();
    expect((await readdir(sync)).sort()).toEqual(['p', 'vault.json']);
  });
});
