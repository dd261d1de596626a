/**
 * Targets are added only as the person says in main's own dialog, which names where the bytes go
 * and where that is; a cancelled question adds nothing and contacts nothing. A folder comes only
 * as the handle of main's picker. Joining a vault on a new device asks the same way, reads at most
 * 64 KiB of `vault.json`, and adds the confirmed target once the vault is unlocked.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmRequest } from '../../../../src-main/confirm/confirm.ts';
import { FolderGrants } from '../../../../src-main/files/folder-grants.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { CredentialStore } from '../../../../src-main/sync/credential-store.ts';
import { SyncService } from '../../../../src-main/sync/sync-service.ts';
import { TargetAdmission } from '../../../../src-main/sync/target-admission.ts';
import { createSecretCipherStub } from '../../../host/stub-services.ts';

const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const HEADER = JSON.stringify({ format: 'caravan-vault', vaultId: VAULT });

let dir: string;
let folder: string;
beforeAll(async () => {
  await sodium.ready;
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caravan-admission-'));
  folder = join(dir, 'sync');
  await mkdir(folder);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function world(answer: 'confirm' | 'cancel' = 'confirm') {
  const locality = await LocalityService.create({ dataDir: join(dir, 'main'), newId: () => crypto.randomUUID(), now: Date.now, log: () => {} });
  const sync = new SyncService({
    targets: locality.targets,
    gate: locality.syncGate,
    credentials: new CredentialStore(join(dir, 'main', 'cred'), createSecretCipherStub('available')),
    now: Date.now,
  });
  const folders = new FolderGrants(Date.now, 'linux');
  const asked: ConfirmRequest[] = [];
  const confirm = { answer, confirm: async (request: ConfirmRequest) => (asked.push(request), confirm.answer === 'confirm') };
  const admission = new TargetAdmission({ locality, sync, folders, confirm });
  const open = () => locality.open(VAULT, Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64'), []);
  const pick = async (path: string) => (await folders.choose({ chooseOpenPath: async () => path }))?.handle ?? '';
  return { locality, sync, admission, asked, confirm, open, pick };
}

/** A loopback server counting requests; with `endless`, every request gets 16 MiB, written only as fast as the client reads. */
async function server(endless = false): Promise<{ url: string; hits: string[]; sent: () => number; close: () => Promise<void> }> {
  const hits: string[] = [];
  let sent = 0;
  const s: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (!endless) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = 256;
    const more = (): void => {
      while (left > 0 && !res.destroyed) {
        left -= 1;
        sent += chunk.length;
        // Wait for the client to read before writing more: a client that stops reading stops this.
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const port = (s.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, hits, sent: () => sent, close: () => new Promise((done) => (s.closeAllConnections(), s.close(() => done()))) };
}

describe('adding a target', () => {
  it('asks in main’s dialog with the host and the declared place, and adds nothing when cancelled', async () => {
    const { admission, asked, confirm, open, locality } = await world('cancel');
    await open();
    const nas = {
      label: 'NAS',
      kind: 'webdav' as const,
      location: { provider: 'webdav' as const, declaredCountry: 'AT' },
      endpoint: 'https://nas.example.org/dav',
    };
    await expect(admission.add(nas)).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/not added: you cancelled/) });
    expect(locality.targets.list()).toEqual([]);
    confirm.answer = 'confirm';
    const added = await admission.add(nas);
    expect(added).toMatchObject({ label: 'NAS', resolved: { guarantee: 'declared', country: 'AT' } });
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({
      title: 'Add a sync target?',
      message: 'Let Caravan send encrypted data to the WebDAV server at nas.example.org?',
      confirmLabel: 'Add target',
    });
    expect(asked[1]?.detail).toContain('this WebDAV server is in AT (Austria) by your declaration');
    expect(asked[1]?.detail).toContain('only your declaration says so');
  });

  it('names a provider’s default endpoint when none is typed, and a custom endpoint’s host when one is', async () => {
    const { admission, asked, open } = await world();
    await open();
    await admission.add({ label: 'Frankfurt', kind: 's3', location: { provider: 'aws', region: 'eu-central-1' }, bucket: 'caravan' });
    await admission.add({
      label: 'Fake Frankfurt',
      kind: 's3',
      location: { provider: 'aws', region: 'eu-central-1' },
      bucket: 'caravan',
      endpoint: 'http://127.0.0.1:9000',
    });
    expect(asked.map((q) => q.message)).toEqual([
      'Let Caravan send encrypted data to the bucket caravan at s3.eu-central-1.amazonaws.com?',
      'Let Caravan send encrypted data to the bucket caravan at 127.0.0.1:9000?',
    ]);
    expect(asked[0]?.detail).toContain("AWS eu-central-1 is Frankfurt, DE (the provider's region says so)");
    expect(asked[1]?.detail).toContain('Caravan cannot tell');
  });

  it('takes a folder only by the handle main’s picker gave, and keeps the real path main resolved', async () => {
    const { admission, asked, open, pick } = await world();
    await open();
    const handle = await pick(folder);
    const added = await admission.add({ label: 'Disk', kind: 'folder', location: { provider: 'folder', declaredCountry: 'DE' }, folder: handle });
    expect(added.path).toBe(folder);
    expect(asked[0]?.message).toBe(`Let Caravan send encrypted data to the folder ${folder}?`);
    await expect(
      admission.add({ label: 'Forged', kind: 'folder', location: { provider: 'folder', declaredCountry: 'DE' }, folder: 'f'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(asked).toHaveLength(1);
  });

  it('asks nothing while the vault is locked', async () => {
    const { admission, asked } = await world();
    await expect(
      admission.add({ label: 'NAS', kind: 'webdav', location: { provider: 'webdav', declaredCountry: 'AT' }, endpoint: 'https://nas.example.org/dav' }),
    ).rejects.toMatchObject({ code: 'refused' });
    expect(asked).toEqual([]);
  });
});

describe('joining a vault on a new device', () => {
  it('contacts nothing when the person cancels, credentials included', async () => {
    const outside = await server();
    try {
      const { admission, asked } = await world('cancel');
      const target = {
        label: 'Outside',
        kind: 'webdav' as const,
        location: { provider: 'webdav' as const, declaredCountry: 'DE' },
        endpoint: `${outside.url}/dav`,
      };
      await expect(admission.join(target, { kind: 'webdav', username: 'me', password: 'secret' })).rejects.toMatchObject({ code: 'refused' });
      expect(asked[0]).toMatchObject({ title: 'Set up this device from a sync target?' });
      expect(asked[0]?.detail).toContain('at most 64 KiB');
      expect(outside.hits).toEqual([]);
    } finally {
      await outside.close();
    }
  });

  it('refuses, before asking, a target whose location the guard cannot name', async () => {
    const { admission, asked } = await world();
    await expect(
      admission.join({ label: 'Nowhere', kind: 'webdav', location: { provider: 'webdav' }, endpoint: 'https://dav.example.org' }, null),
    ).rejects.toMatchObject({ code: 'refused' });
    expect(asked).toEqual([]);
  });

  it('reads the header from a picked folder, then adds that folder once the vault is unlocked, once', async () => {
    const { admission, open, pick, locality } = await world();
    await writeFile(join(folder, 'vault.json'), HEADER);
    const target = {
      label: 'Shared folder',
      kind: 'folder' as const,
      location: { provider: 'folder' as const, declaredCountry: 'AT' },
      folder: await pick(folder),
    };
    const read = await admission.join(target, null);
    expect(read).toEqual({ found: true, joinId: expect.stringMatching(/^[0-9a-f]{32}$/), header: HEADER });
    if (!read.found) return;
    await expect(admission.completeJoin(read.joinId)).rejects.toMatchObject({ code: 'refused' });
    await open();
    const added = await admission.completeJoin(read.joinId);
    expect(added).toMatchObject({ label: 'Shared folder', path: folder, resolved: { country: 'AT' } });
    expect(locality.targets.list()).toHaveLength(1);
    await expect(admission.completeJoin(read.joinId)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await admission.join(target, null)).toMatchObject({ found: true });
  });

  it('says when there is no vault on the target', async () => {
    const { admission, pick } = await world();
    expect(
      await admission.join({ label: 'Empty', kind: 'folder', location: { provider: 'folder', declaredCountry: 'AT' }, folder: await pick(folder) }, null),
    ).toEqual({ found: false });
  });

  it('stops reading vault.json past 64 KiB instead of downloading it whole', async () => {
    const endless = await server(true);
    try {
      const { admission } = await world();
      const target = {
        label: 'Huge',
        kind: 's3' as const,
        location: { provider: 'custom-s3' as const, declaredCountry: 'DE' },
        endpoint: endless.url,
        bucket: 'caravan-sync',
      };
      await expect(admission.join(target, { kind: 's3', accessKeyId: 'AKIA', secretAccessKey: 'secret' })).rejects.toMatchObject({
        message: expect.stringMatching(/larger than 65536 bytes/),
      });
      await new Promise((done) => setTimeout(done, 200));
      expect(endless.sent()).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await endless.close();
    }
  });
});
