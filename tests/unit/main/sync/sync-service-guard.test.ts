/**
 * Every operation on a target goes through main's guard, reads too: nothing is read, listed,
 * tested or deleted while the vault is locked or on a target whose location the guard cannot name;
 * a listing holds only layout names; objects are bounded by their kind both ways; sync deletes only
 * what compaction deletes, each recorded in the audit log before it happens.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { CredentialStore } from '../../../../src-main/sync/credential-store.ts';
import { SyncService } from '../../../../src-main/sync/sync-service.ts';
import { createSecretCipherStub } from '../../../host/stub-services.ts';

const VAULT = '7f0c6a3e-2b1d-4e5f-8a9b-0c1d2e3f4a5b';
const ACME = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
const DEVICE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SEGMENT = `p/workspace/log/${DEVICE}/1.seg`;

let dir: string;
let folder: string;
let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
beforeAll(async () => {
  await sodium.ready;
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caravan-sync-guard-'));
  folder = join(dir, 'sync');
  await mkdir(folder);
  keys = sodium.crypto_box_keypair();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function world(declaredCountry: string | null = 'DE') {
  const locality = await LocalityService.create({ dataDir: join(dir, 'main'), newId: () => crypto.randomUUID(), now: Date.now, log: () => {} });
  const sync = new SyncService({
    targets: locality.targets,
    gate: locality.syncGate,
    credentials: new CredentialStore(join(dir, 'main', 'cred'), createSecretCipherStub('available')),
    now: Date.now,
  });
  const open = () => locality.open(VAULT, Buffer.from(keys.publicKey).toString('base64'), []);
  await open();
  const target = await locality.addTarget({
    label: 'Disk',
    kind: 'folder',
    location: { provider: 'folder', ...(declaredCountry ? { declaredCountry } : {}) },
    path: folder,
  });
  const entries = async (): Promise<AuditEntry[]> =>
    (await locality.auditLines()).lines.map((line) => {
      if ('invalid' in line) throw new Error(line.invalid);
      return JSON.parse(new TextDecoder().decode(sodium.crypto_box_seal_open(Buffer.from(line.box, 'base64'), keys.publicKey, keys.privateKey))) as AuditEntry;
    });
  return { locality, sync, id: target.id, open, entries };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a refusal'),
    (e: { code: string; message: string }) => e,
  );

describe('SyncService and the guard', () => {
  it('reads, lists, tests and deletes nothing while the vault is locked', async () => {
    const { sync, id, locality } = await world();
    await sync.put(id, SEGMENT, new Uint8Array([7]));
    locality.close();
    for (const attempt of [
      () => sync.get(id, SEGMENT),
      () => sync.list(id, ''),
      () => sync.test(id),
      () => sync.delete(id, SEGMENT),
      () => sync.deletePartition(id, ACME),
    ]) {
      expect(await refusal(attempt())).toMatchObject({ code: 'refused', message: expect.stringMatching(/Unlock the vault/) });
    }
    expect(await readFile(join(folder, SEGMENT))).toEqual(Buffer.from([7]));
  });

  it('does not contact a target whose location the guard cannot name, not even to read', async () => {
    const { sync, id } = await world(null);
    await writeFile(join(folder, 'vault.json'), 'header');
    for (const attempt of [
      () => sync.get(id, 'vault.json'),
      () => sync.list(id, ''),
      () => sync.test(id),
      () => sync.put(id, 'vault.json', new Uint8Array([1])),
    ]) {
      expect(await refusal(attempt())).toMatchObject({ code: 'refused', message: expect.stringMatching(/until it can name where it stores data/) });
    }
    expect(await readFile(join(folder, 'vault.json'), 'utf8')).toBe('header');
  });

  it('lists layout names only, and refuses a prefix the engine never lists by', async () => {
    const { sync, id } = await world();
    await sync.put(id, SEGMENT, new Uint8Array([1]));
    await writeFile(join(folder, 'notes.txt'), 'not Caravan’s');
    await mkdir(join(folder, 'p', 'workspace', 'stray'), { recursive: true });
    await writeFile(join(folder, 'p', 'workspace', 'stray', 'x.seg'), 'stray');
    expect((await sync.list(id, '')).map((o) => o.key)).toEqual([SEGMENT]);
    for (const prefix of ['notes', '../', 'p/workspace/stray/', '.config/'])
      expect(await refusal(sync.list(id, prefix))).toMatchObject({ code: 'invalid-argument' });
  });

  it('bounds each object by its kind: an oversized header is neither sent nor read', async () => {
    const { sync, id } = await world();
    expect(await refusal(sync.put(id, 'vault.json', new Uint8Array(64 * 1024 + 1)))).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/at most 65536/),
    });
    expect(await refusal(sync.put(id, `devices/${DEVICE}.json`, new Uint8Array(4097)))).toMatchObject({ code: 'invalid-argument' });
    await writeFile(join(folder, 'vault.json'), Buffer.alloc(64 * 1024 + 1));
    expect(await refusal(sync.get(id, 'vault.json'))).toMatchObject({ code: 'io-failed', message: expect.stringMatching(/larger than 65536 bytes/) });
  });

  it('deletes only segments, snapshots and acknowledgements, each audited before it goes', async () => {
    const { sync, id, entries } = await world();
    const snapshot = `p/${ACME}/snap/${'ab'.repeat(32)}.snap`;
    await sync.put(id, SEGMENT, new Uint8Array([1]));
    await sync.put(id, 'vault.json', new Uint8Array([1]));
    await sync.put(id, `devices/${DEVICE}.json`, new Uint8Array([1]));
    await mkdir(join(folder, 'p', ACME, 'snap'), { recursive: true });
    await writeFile(join(folder, snapshot), 'snap');
    for (const key of ['vault.json', `devices/${DEVICE}.json`, `erased/${ACME}.json`, `p/${ACME}/key.bin`]) {
      expect(await refusal(sync.delete(id, key))).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/not deleted by sync/) });
    }
    await sync.delete(id, SEGMENT);
    await sync.delete(id, snapshot);
    const deleted = (await entries()).filter((e) => e.kind === 'remote-object-deleted');
    expect(deleted.map((e) => [e.partition, e.targetId, e.reason.params.objectKind])).toEqual([
      ['workspace', id, 'segment'],
      [ACME, id, 'snapshot'],
    ]);
    expect((await sync.list(id, '')).map((o) => o.key).sort()).toEqual([`devices/${DEVICE}.json`, 'vault.json']);
  });
});
