/**
 * Two devices of one vault, each with its own IndexedDB (fake-indexeddb
 * factories), syncing through real targets: a temporary folder, rclone's
 * WebDAV and s3rver through main's transports and main's guarded SyncService.
 * What one writes, the other reads back; concurrent edits converge by HLC;
 * deletes travel; the guard holds a client back from a disallowed target;
 * nothing on any target contains a canary in clear.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, eraseClient, getClient, listClients, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { getSetting, removeSetting, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { RemoteError, type Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import { WebDavTransport } from '../../../../../src-main/sync/webdav-transport.ts';
import { S3Transport } from '../../../../../src-main/sync/s3-transport.ts';
import { LocalityService } from '../../../../../src-main/locality/locality-service.ts';
import { SyncService } from '../../../../../src-main/sync/sync-service.ts';
import { CredentialStore } from '../../../../../src-main/sync/credential-store.ts';
import { createSecretCipherStub } from '../../../../host/stub-services.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, direct, freshFolder, newVault } from './harness.ts';
import { rcloneMissing, startWebDav, type WebDavServer } from '../../../../servers/rclone-webdav.ts';
import { startS3, type S3Server } from '../../../../servers/s3rver.ts';
import { clientPolicySchema } from '../../../../../src-preload/contract/residency.ts';

const CANARY = 'canary-7c1e-sync-9d2f';
let folder: string;
let webdav: WebDavServer | undefined;
let s3: S3Server;

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
  folder = await mkdtemp(join(tmpdir(), 'caravan-sync-folder-'));
  if (!rcloneMissing()) webdav = await startWebDav();
  s3 = await startS3();
}, 30_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await webdav?.close();
  await s3.close();
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

async function expectNoCanary(dir: string): Promise<number> {
  const files = await filesUnder(dir);
  for (const file of files) {
    const bytes = await readFile(file);
    expect(bytes.includes(Buffer.from(CANARY, 'utf8')), file).toBe(false);
    expect(bytes.includes(Buffer.from(CANARY, 'utf16le')), file).toBe(false);
  }
  return files.length;
}

const targets: [string, () => { remote: Remote; root: string } | null][] = [
  ['a folder', () => ({ remote: direct(freshFolder(folder)), root: folder })],
  [
    'rclone WebDAV',
    () =>
      webdav ? { remote: direct(new WebDavTransport({ url: webdav.url, username: webdav.username, password: webdav.password })), root: webdav.root } : null,
  ],
  [
    's3rver through the AWS SDK',
    () => ({
      remote: direct(
        new S3Transport({
          endpoint: s3.endpoint,
          region: 'us-east-1',
          bucket: s3.bucket,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          pathStyle: true,
        }),
      ),
      root: s3.root,
    }),
  ],
];

describe.each(targets)('two devices through %s', (name, make) => {
  const skip = name === 'rclone WebDAV' && rcloneMissing() !== null;

  it.skipIf(skip)('what one device writes the other reads back; concurrent edits converge by HLC; a delete travels; no canary on the target', async () => {
    const target = make();
    if (!target) throw new Error('target unavailable');
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    try {
      const client = await createClient(a.workspace.ctx, clientInput({ name: `Acme ${CANARY}`, notes: `notes ${CANARY}` }));
      await setSetting(a.workspace.ctx, 'week', { start: 'monday', canary: CANARY });
      const first = await a.round(target.remote);
      expect(first.pushedSegments).toBeGreaterThanOrEqual(2);
      expect(first.heldBack).toEqual([]);

      const got = await b.round(target.remote);
      expect(got.rejected).toEqual([]);
      expect(got.missingKeys).toEqual([]);
      expect(got.incomplete).toBe(0);
      expect((await getClient(b.workspace.ctx, client.id)).name).toBe(`Acme ${CANARY}`);
      expect(await getSetting(b.workspace.ctx, 'week')).toEqual({ start: 'monday', canary: CANARY });

      // Concurrent edits of different fields and of the same field: the later HLC wins per field.
      await updateClient(a.workspace.ctx, client.id, { notes: 'from A' });
      await updateClient(b.workspace.ctx, client.id, { company: 'Acme Holding' });
      await new Promise((r) => setTimeout(r, 5));
      await updateClient(b.workspace.ctx, client.id, { notes: 'from B, later' });
      await a.round(target.remote);
      await b.round(target.remote);
      await a.round(target.remote);
      const onA = await getClient(a.workspace.ctx, client.id);
      const onB = await getClient(b.workspace.ctx, client.id);
      expect(onA).toEqual(onB);
      expect(onA.notes).toBe('from B, later');
      expect(onA.company).toBe('Acme Holding');

      // A delete on B reaches A as a delete (a tombstone), not as a missing update.
      await removeSetting(b.workspace.ctx, 'week');
      await b.round(target.remote);
      await a.round(target.remote);
      expect(await getSetting(a.workspace.ctx, 'week')).toBeUndefined();

      // A second round with nothing new sends nothing.
      const idle = await a.round(target.remote);
      expect([idle.pushedSegments, idle.appliedSegments]).toEqual([0, 0]);

      expect(await expectNoCanary(target.root)).toBeGreaterThan(0);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});

describe('a local edit made while a round is pulling', () => {
  it('is not overwritten by the merged record, and both devices converge on both edits', async () => {
    const vault = newVault();
    const remote = direct(freshFolder(folder));
    const a = await device(vault);
    const b = await device(vault);
    try {
      const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
      await a.round(remote);
      await b.round(remote);
      await updateClient(a.workspace.ctx, client.id, { company: 'Acme Holding' });
      await a.round(remote);
      // B renames the client while its round is downloading A's segment.
      let edited = false;
      const slow: Remote = {
        ...remote,
        get: async (key) => {
          const bytes = await remote.get(key);
          if (!edited && key.endsWith('.seg')) {
            edited = true;
            await updateClient(b.workspace.ctx, client.id, { name: 'Acme (renamed on B)' });
          }
          return bytes;
        },
      };
      await b.round(slow);
      expect(edited).toBe(true);
      const onB = await getClient(b.workspace.ctx, client.id);
      expect([onB.name, onB.company]).toEqual(['Acme (renamed on B)', 'Acme Holding']);
      await b.round(remote);
      await a.round(remote);
      expect(await getClient(a.workspace.ctx, client.id)).toEqual(await getClient(b.workspace.ctx, client.id));
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});

describe('device removal', () => {
  it('after A removes B, B’s later segments are refused by every device, and the roster says B is removed', async () => {
    const vault = newVault();
    const remote = direct(freshFolder(folder));
    const a = await device(vault);
    const b = await device(vault);
    const c = await device(vault);
    try {
      await setSetting(b.workspace.ctx, 'theme', 'dark');
      await b.round(remote);
      // B synced first, so the only roster entry so far is B's.
      const [bEntry] = await remote.list('devices/');
      const bDevice = bEntry?.key.slice('devices/'.length, -'.json'.length) ?? '';
      await a.round(remote);
      expect((await c.round(remote)).devices.map((d) => d.removed)).toEqual([false, false, false]);

      const removed = await a.round(remote, { removals: [bDevice] });
      expect(removed.devices.find((d) => d.id === bDevice)?.removed).toBe(true);

      // B keeps writing (it does not know, or ignores it): nobody applies it.
      await setSetting(b.workspace.ctx, 'theme', 'light');
      await b.round(remote);
      const onA = await a.round(remote);
      const onC = await c.round(remote);
      expect(onA.rejected.map((r) => r.code)).toContain('removed-device');
      expect(onC.rejected.map((r) => r.code)).toContain('removed-device');
      expect(await getSetting(a.workspace.ctx, 'theme')).toBe('dark');
      expect(await getSetting(c.workspace.ctx, 'theme')).toBe('dark');
    } finally {
      a.workspace.close();
      b.workspace.close();
      c.workspace.close();
    }
  });
});

describe('erasure through sync', () => {
  it('a client erased on one device is erased on the other at its next round, and never pulled back', async () => {
    const vault = newVault();
    const remote = direct(freshFolder(folder));
    const a = await device(vault);
    const b = await device(vault);
    try {
      const client = await createClient(a.workspace.ctx, clientInput({ name: 'Gone Soon' }));
      await a.round(remote);
      await b.round(remote);
      expect((await listClients(b.workspace.ctx)).map((c) => c.id)).toEqual([client.id]);

      await eraseClient(a.workspace.ctx, client.id);
      await a.round(remote, { erasures: [{ clientId: client.id, erasedAt: Date.now() }] });
      const erasedOnB: string[] = [];
      await b.round(remote, {
        onRemoteErasure: async (id) => {
          erasedOnB.push(id);
          await eraseClient(b.workspace.ctx, id);
        },
      });
      expect(erasedOnB).toEqual([client.id]);
      expect(await listClients(b.workspace.ctx)).toEqual([]);
      expect(b.workspace.keyRing.segmentKey(`client:${client.id}`)).toBeNull();
      // The marker stays: a later round neither erases again nor adopts the key back.
      const again = await b.round(remote, { onRemoteErasure: async (id) => void erasedOnB.push(id) });
      expect(erasedOnB).toEqual([client.id]);
      expect(again.missingKeys).toEqual([]);
      expect(await listClients(b.workspace.ctx)).toEqual([]);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });

  it('a forged marker (wrong MAC) erases nothing', async () => {
    const vault = newVault();
    const transport = freshFolder(folder);
    const remote = direct(transport);
    const a = await device(vault);
    try {
      const client = await createClient(a.workspace.ctx, clientInput({ name: 'Stays' }));
      await a.round(remote);
      await transport.put(
        `erased/${client.id}.json`,
        new TextEncoder().encode(JSON.stringify({ v: 1, kind: 'erased', vault: vault.vaultId, client: client.id, erasedAt: 1, mac: 'A'.repeat(43) + '=' })),
      );
      const erased: string[] = [];
      await a.round(remote, { onRemoteErasure: async (id) => void erased.push(id) });
      expect(erased).toEqual([]);
      expect((await listClients(a.workspace.ctx)).map((c) => c.name)).toEqual(['Stays']);
    } finally {
      a.workspace.close();
    }
  });
});

describe('through main’s guarded SyncService', () => {
  it('an EEA client is held back from a London bucket while the workspace syncs; the other device never sees the client', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'caravan-sync-guard-'));
    const locality = await LocalityService.create({ dataDir, newId: () => crypto.randomUUID(), now: Date.now, log: () => {} });
    const service = new SyncService({
      targets: locality.targets,
      gate: locality.syncGate,
      credentials: new CredentialStore(join(dataDir, 'cred'), createSecretCipherStub('basic_text')),
      now: Date.now,
    });
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    try {
      const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme EEA', residency: { kind: 'zone', zone: 'EEA' } }));
      await setSetting(a.workspace.ctx, 'theme', 'dark');
      await locality.open(vault.vaultId, Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64'), [
        clientPolicySchema.parse({ clientId: client.id, policy: client.residency }),
      ]);
      // s3rver on this machine: an AWS region through a custom endpoint, placed by the person's declaration.
      const london = await locality.addTarget({
        label: 'London',
        kind: 's3',
        location: { provider: 'aws', region: 'eu-west-2', declaredCountry: 'GB' },
        endpoint: s3.endpoint,
        bucket: s3.bucket,
      });
      await service.setCredentials(london.id, { kind: 's3', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
      const remote: Remote = {
        put: (k, bytes) =>
          service.put(london.id, k, bytes).catch((e: { code: string; message: string }) => {
            throw new RemoteError(e.code === 'refused' ? 'refused' : 'failed', e.message);
          }),
        get: (k) => service.get(london.id, k),
        list: (p) => service.list(london.id, p),
        delete: (k) => service.delete(london.id, k),
      };
      const pushed = await a.round(remote);
      expect(pushed.heldBack).toEqual([
        {
          partition: client.id,
          reason: expect.stringMatching(/requires the EEA; AWS eu-west-2 through the custom endpoint [^ ]+ is in GB \(United Kingdom\) by your declaration/),
        },
      ]);
      expect(await service.list(london.id, `p/${client.id}/`)).toEqual([]);

      await b.round(remote);
      expect(await getSetting(b.workspace.ctx, 'theme')).toBe('dark');
      expect(await listClients(b.workspace.ctx)).toEqual([]);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});
