import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceKeyStore } from '../../../../src-main/device-key/device-key-store.ts';
import { linuxBackendProblem } from '../../../../src-main/device-key/safe-storage-pure.ts';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import { createSecretCipherStub } from '../../../host/stub-services.ts';

const vaultId = '3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f';
const key = 'q'.repeat(43) + '=';
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-devkey-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('device key store', () => {
  it('keeps the key sealed by the OS store, never in the clear, and gives it back', async () => {
    const store = createDeviceKeyStore(folder, createSecretCipherStub('available'));
    expect(await store.status(vaultId)).toEqual({ available: true, enrolled: false });
    expect(await store.enable(vaultId, key)).toEqual({ available: true, enrolled: true });
    const [file] = await readdir(folder);
    const onDisk = await readFile(join(folder, file ?? ''));
    expect(onDisk.toString('utf8')).not.toContain(key.slice(0, 20));
    expect(await store.read(vaultId)).toBe(key);
    expect(await store.forget(vaultId)).toEqual({ available: true, enrolled: false });
    expect(await store.read(vaultId)).toBeNull();
  });

  it('refuses with an explanation where the OS store is plain text', async () => {
    const store = createDeviceKeyStore(folder, createSecretCipherStub('basic_text'));
    const status = await store.status(vaultId);
    expect(status).toMatchObject({ available: false, enrolled: false });
    expect(status.available === false && status.reason).toMatch(/plain text/);
    await expect(store.enable(vaultId, key)).rejects.toBeInstanceOf(UserFacingError);
    expect(await readdir(folder)).toEqual([]);
  });

  it('returns null rather than failing when the sealed key no longer opens', async () => {
    const store = createDeviceKeyStore(folder, createSecretCipherStub('available'));
    await store.enable(vaultId, key);
    await writeFile(join(folder, `${vaultId}.key`), 'garbage');
    expect(await store.read(vaultId)).toBeNull();
  });

  it('refuses ids that could escape the folder', async () => {
    const store = createDeviceKeyStore(folder, createSecretCipherStub('available'));
    await expect(store.enable('../../../../tmp/evil-000000000000000000000000', key)).rejects.toThrow(RangeError);
  });

  it('explains the insecure Linux backends and accepts the real ones', () => {
    expect(linuxBackendProblem('basic_text')).toMatch(/GNOME Keyring or KWallet/);
    expect(linuxBackendProblem('unknown')).not.toBeNull();
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) expect(linuxBackendProblem(backend)).toBeNull();
  });
});
