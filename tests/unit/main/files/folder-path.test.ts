/**
 * Which folders may be sync targets, and how the renderer names one: only a plain local directory,
 * by its real path, and only through a handle main's own picker gave. Network shares, device and
 * namespace paths, the kernel's pseudo file systems, and links to them are refused.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderGrants } from '../../../../src-main/files/folder-grants.ts';
import { folderPathProblem, realLocalFolder } from '../../../../src-main/files/folder-path.ts';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'caravan-folder-path-'));
  await mkdir(join(root, 'real'));
  await writeFile(join(root, 'file.txt'), 'not a folder');
  await symlink(join(root, 'real'), join(root, 'link-to-real'));
  await symlink('/proc/self', join(root, 'link-to-proc'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('folderPathProblem', () => {
  it.each([
    ['\\\\server\\share', 'linux'],
    ['\\\\server\\share\\caravan', 'win32'],
    ['//server/share', 'linux'],
    ['//server/share', 'win32'],
    ['\\\\?\\C:\\Caravan', 'win32'],
    ['\\\\.\\PhysicalDrive0', 'win32'],
    ['\\\\?\\UNC\\server\\share', 'win32'],
    ['\\??\\C:\\Caravan', 'win32'],
  ])('refuses the network share or device path %s on %s', (path, platform) => {
    expect(folderPathProblem(path, platform)).toMatch(/network share or device path/);
  });

  it.each(['/proc', '/proc/self', '/sys/kernel', '/dev', '/dev/shm'])('refuses the pseudo file system path %s', (path) => {
    expect(folderPathProblem(path, 'linux')).toMatch(/part of the system/);
  });

  it.each([
    ['relative/folder', 'linux'],
    ['', 'linux'],
    ['/tmp/a\0b', 'linux'],
    ['Caravan', 'win32'],
    ['/home/me/Caravan', 'win32'],
  ])('refuses %j on %s', (path, platform) => {
    expect(folderPathProblem(path, platform)).not.toBeNull();
  });

  it.each([
    ['/home/me/Caravan', 'linux'],
    ['/run/media/me/USB/Caravan', 'linux'],
    ['/Volumes/USB/Caravan', 'darwin'],
    ['/procedures', 'linux'],
    ['C:\\Users\\me\\Caravan', 'win32'],
    ['D:\\Sync', 'win32'],
  ])('takes the local folder %s on %s', (path, platform) => {
    expect(folderPathProblem(path, platform)).toBeNull();
  });
});

describe('realLocalFolder', () => {
  it('resolves a linked folder to its real path', async () => {
    expect(await realLocalFolder(join(root, 'link-to-real'), 'linux')).toBe(join(root, 'real'));
  });

  it.each([
    ['a link to /proc/self', 'link-to-proc', /part of the system/],
    ['a file', 'file.txt', /is not a folder/],
    ['a folder that does not exist', 'missing', /does not exist/],
  ])('refuses %s', async (_name, name, message) => {
    const error = await realLocalFolder(join(root, name), 'linux').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(message) });
  });
});

describe('FolderGrants', () => {
  const pick = (path: string | null) => ({ chooseOpenPath: async () => path });

  it('gives a random handle for the folder the person chose, and resolves only that handle to its real path', async () => {
    const grants = new FolderGrants(Date.now, 'linux');
    const chosen = await grants.choose(pick(join(root, 'link-to-real')));
    expect(chosen).toEqual({ handle: expect.stringMatching(/^[0-9a-f]{32}$/), path: join(root, 'real') });
    expect(grants.resolve(chosen?.handle ?? '')).toBe(join(root, 'real'));
    const again = await grants.choose(pick(join(root, 'real')));
    expect(again?.handle).not.toBe(chosen?.handle);
    expect(() => grants.resolve('f'.repeat(32))).toThrow(/Choose the folder again/);
  });

  it('gives nothing when the person cancels, and refuses what cannot be a sync folder', async () => {
    const grants = new FolderGrants(Date.now, 'linux');
    expect(await grants.choose(pick(null))).toBeNull();
    await expect(grants.choose(pick('/proc/self'))).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(grants.choose(pick('\\\\server\\share'))).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('lets a handle expire', async () => {
    let now = 1_000_000;
    const grants = new FolderGrants(() => now, 'linux');
    const chosen = await grants.choose(pick(join(root, 'real')));
    now += 31 * 60_000;
    expect(() => grants.resolve(chosen?.handle ?? '')).toThrow(UserFacingError);
  });
});
