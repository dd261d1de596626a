/**
 * The guard's rules for targets themselves (issue 17, items 2 to 4): the workspace partition goes
 * only to a target whose location the guard can name; contacting a target at all (a read, a
 * listing, a test, a delete) needs the vault open and the same; the network backstop never widens
 * to a host of unknown location; a delete is in the audit log before it happens.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { formatAuditReason } from '../../../../src-main/locality/audit-reason.ts';
import { WORKSPACE_PARTITION } from '../../../../src-main/locality/egress-guard.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import type { AddableTarget } from '../../../../src-main/locality/target-registry.ts';
import { clientPolicySchema } from '../../../../src-preload/contract/residency.ts';

const NOW = Date.UTC(2026, 10, 15);
const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const UNDECLARED_DAV: AddableTarget = { label: 'Undeclared DAV', kind: 'webdav', location: { provider: 'webdav' }, endpoint: 'https://dav.example.org/dav' };
const FAKE_FRANKFURT: AddableTarget = {
  label: 'Fake Frankfurt',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-central-1' },
  endpoint: 'https://s3.evil.example',
  bucket: 'caravan',
};
const HINT_ONLY: AddableTarget = {
  label: 'R2 hint',
  kind: 's3',
  location: { provider: 'r2', r2LocationHint: 'weur' },
  endpoint: 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com',
  bucket: 'caravan',
};
const FRANKFURT: AddableTarget = {
  label: 'Frankfurt',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-central-1' },
  endpoint: 'https://s3.eu-central-1.amazonaws.com',
  bucket: 'caravan',
};
const DECLARED_DAV: AddableTarget = {
  label: 'NAS',
  kind: 'webdav',
  location: { provider: 'webdav', declaredCountry: 'AT' },
  endpoint: 'https://nas.example.org/dav',
};

let dir: string;
let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
beforeAll(async () => {
  await sodium.ready;
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caravan-guard-targets-'));
  keys = sodium.crypto_box_keypair();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function opened(): Promise<LocalityService> {
  const service = await LocalityService.create({ dataDir: dir, newId: randomUUID, now: () => NOW, log: () => {} });
  await service.open(VAULT, Buffer.from(keys.publicKey).toString('base64'), [
    clientPolicySchema.parse({ clientId: CLIENT, policy: { kind: 'zone', zone: 'EEA' } }),
  ]);
  return service;
}

async function entries(service: LocalityService): Promise<AuditEntry[]> {
  const { lines } = await service.auditLines();
  return lines.map((line) => {
    if ('invalid' in line) throw new Error(line.invalid);
    return JSON.parse(new TextDecoder().decode(sodium.crypto_box_seal_open(Buffer.from(line.box, 'base64'), keys.publicKey, keys.privateKey))) as AuditEntry;
  });
}

describe('the workspace partition', () => {
  it.each([
    ['an undeclared WebDAV server', UNDECLARED_DAV, 'unknown-location'],
    ['an AWS region through a custom endpoint', FAKE_FRANKFURT, 'unknown-location'],
    ['an R2 location hint', HINT_ONLY, 'best-effort-location'],
  ])('goes nowhere near %s, and the refusal is audited with why', async (_name, input, code) => {
    const service = await opened();
    const target = await service.addTarget(input);
    const decision = await service.syncGate.decide(WORKSPACE_PARTITION, target.id, 'sync-upload');
    expect(decision).toMatchObject({ allowed: false, code });
    expect(decision.reason).toMatch(/sends nothing to a target, and reads nothing from it, until it can name where it stores data/);
    const denied = (await entries(service)).filter((e) => e.kind === 'egress-denied' && e.partition === WORKSPACE_PARTITION);
    expect(denied).toHaveLength(1);
    expect(denied[0]?.reason.code).toBe(code);
  });

  it('still goes to a provider region and to a declared place', async () => {
    const service = await opened();
    for (const input of [FRANKFURT, DECLARED_DAV]) {
      const target = await service.addTarget(input);
      expect(await service.syncGate.decide(WORKSPACE_PARTITION, target.id, 'sync-upload')).toMatchObject({ allowed: true, code: 'no-client-data' });
    }
  });
});

describe('contacting a target', () => {
  it('is refused while the vault is locked, whatever the target', async () => {
    const service = await opened();
    const target = await service.addTarget(FRANKFURT);
    service.close();
    expect(await service.syncGate.decideContact(target.id)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/contacts no sync target while it is locked/),
    });
  });

  it('is refused for a target whose location the guard cannot name, allowed otherwise, and only a refusal is audited', async () => {
    const service = await opened();
    const unknown = await service.addTarget(UNDECLARED_DAV);
    const known = await service.addTarget(DECLARED_DAV);
    const before = (await entries(service)).length;
    expect(await service.syncGate.decideContact(unknown.id)).toMatchObject({ allowed: false, code: 'unknown-location' });
    expect(await service.syncGate.decideContact(unknown.id)).toMatchObject({ allowed: false });
    expect(await service.syncGate.decideContact(known.id)).toMatchObject({ allowed: true });
    const fresh = (await entries(service)).slice(before);
    expect(fresh.map((e) => [e.kind, e.targetId, e.reason.params.operation])).toEqual([['egress-denied', unknown.id, 'request']]);
  });
});

describe('the network backstop', () => {
  it('approves the host of a target of known location, never one of unknown or best-effort location', async () => {
    const service = await opened();
    for (const input of [UNDECLARED_DAV, FAKE_FRANKFURT, HINT_ONLY, DECLARED_DAV]) await service.addTarget(input);
    expect([...service.guard.approvedHosts()]).toEqual(['nas.example.org']);
  });
});

describe('a delete', () => {
  it('is recorded with its kind, partition and target before it happens, ids only', async () => {
    const service = await opened();
    const target = await service.addTarget(FRANKFURT);
    await service.syncGate.objectDeleted(CLIENT, target.id, 'segment');
    await service.syncGate.objectDeleted(WORKSPACE_PARTITION, target.id, 'snapshot');
    const deleted = (await entries(service)).filter((e) => e.kind === 'remote-object-deleted');
    expect(deleted).toMatchObject([
      { clientId: CLIENT, partition: CLIENT, targetId: target.id, reason: { code: 'sync-delete', params: { objectKind: 'segment' } } },
      { partition: WORKSPACE_PARTITION, targetId: target.id, reason: { code: 'sync-delete', params: { objectKind: 'snapshot' } } },
    ]);
    const names = { clients: { [CLIENT]: 'Acme' }, targets: { [target.id]: 'Frankfurt' } };
    expect(deleted.map((e) => formatAuditReason(e, names))).toEqual([
      "A segment of Acme's data deleted from Frankfurt: sync asked for it (compaction removes what a newer snapshot covers).",
      'A snapshot of the workspace deleted from Frankfurt: sync asked for it (compaction removes what a newer snapshot covers).',
    ]);
  });

  it('cannot be recorded while the vault is locked', async () => {
    const service = await opened();
    const target = await service.addTarget(FRANKFURT);
    service.close();
    await expect(service.syncGate.objectDeleted(CLIENT, target.id, 'segment')).rejects.toMatchObject({ code: 'refused' });
  });
});
