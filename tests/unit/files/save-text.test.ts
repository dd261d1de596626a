import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveText } from '../../../src-main/files/save-text.ts';
import { UserFacingError } from '../../../src-main/ipc/user-facing-error.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-save-'));
});
afterEach(async () => {
  await chmod(folder, 0o700);
  await rm(folder, { recursive: true, force: true });
});

const request = { suggestedName: 'kit.txt', content: 'RECOVERY', filters: [] };

describe('saveText', () => {
  it('writes where the person chose', async () => {
    const path = join(folder, 'kit.txt');
    expect(await saveText({ chooseSavePath: async () => path }, request)).toEqual({ saved: true, path });
    expect(await readFile(path, 'utf8')).toBe('RECOVERY');
  });

  it('writes the bytes of a binary file sent as base64', async () => {
    const path = join(folder, 'update.pdf');
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80]);
    await saveText({ chooseSavePath: async () => path }, { suggestedName: 'update.pdf', content: Buffer.from(bytes).toString('base64'), encoding: 'base64', filters: [] });
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
  });

  it('writes nothing when the person cancels', async () => {
    expect(await saveText({ chooseSavePath: async () => null }, request)).toEqual({ saved: false });
  });

  it('says what to do when the folder cannot be written', async () => {
    if (process.getuid?.() === 0) return; // root ignores permissions; the message path is covered below
    await chmod(folder, 0o500);
    await expect(saveText({ chooseSavePath: async () => join(folder, 'kit.txt') }, request)).rejects.toBeInstanceOf(UserFacingError);
  });

  it('reports a path that cannot exist as an io error with advice', async () => {
    const path = join(folder, 'missing', '\0bad', 'kit.txt');
    const error = await saveText({ chooseSavePath: async () => path }, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toMatch(/Choose another folder/);
  });
});
