import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmRequest } from '../../../../src-main/confirm/confirm.ts';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import { verify, type AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { WORKSPACE_PARTITION } from '../../../../src-main/locality/egress-guard.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { clientPolicySchema, type ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import type { AddableTarget as NewTarget } from '../../../../src-main/locality/target-registry.ts';

const NOW = Date.UTC(2026, 10, 15);
const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const CLIENT_EEA = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const CLIENT_ADQ = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const CLIENT_NAME = 'Acme GmbH';

const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const US_BASIS = 'Checked the DPF list for Example Storage Inc';
const ADQ_US: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy', attestations: [{ country: 'US', basis: US_BASIS, recordedAt: NOW - 1000 }] };

const LONDON: NewTarget = {
  label: 'London bucket',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-west-2' },
  bucket: 'caravan-london',
  endpoint: 'https://s3.eu-west-2.amazonaws.com',
};
const FRANKFURT: NewTarget = {
  label: 'Frankfurt bucket',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-central-1' },
  bucket: 'caravan-fra',
  endpoint: 'https://s3.eu-central-1.amazonaws.com',
};
const DISK: NewTarget = { label: 'Backup disk', kind: 'folder', location: { provider: 'folder', declaredCountry: 'DE' }, path: '/mnt/backup' };

interface Keys {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  base64: string;
}

let dir: string;
let keys: Keys;
let logs: string[];
/** Main's own dialog: every question it asked, and how the person answers. */
let questions: ConfirmRequest[];
let answer: boolean;

/** The policies as `locality:open` hands them to main: each read by the contract's schema. */
const read = (list: unknown[]) => list.map((entry) => clientPolicySchema.parse(entry));

async function create(): Promise<LocalityService> {
  const confirm = async (request: ConfirmRequest) => {
    questions.push(request);
    return answer;
  };
  return LocalityService.create({ dataDir: dir, newId: randomUUID, now: () => NOW, log: (m) => logs.push(m), confirm: { confirm } });
}

/** A service with an open vault holding the given clients' policies. */
async function opened(policies: Record<string, ResidencyPolicy> = { [CLIENT_EEA]: EEA }): Promise<LocalityService> {
  const service = await create();
  await service.open(VAULT, keys.base64, read(Object.entries(policies).map(([clientId, policy]) => ({ clientId, policy }))));
  return service;
}

/** Every audit line decrypted with the vault's secret key, in stored order. */
async function audit(service: LocalityService): Promise<{ entries: AuditEntry[]; text: string }> {
  const { lines } = await service.auditLines();
  const texts = lines.map((line) => {
    if ('invalid' in line) throw new Error(`invalid audit line: ${line.invalid}`);
    const clear = sodium.crypto_box_seal_open(new Uint8Array(Buffer.from(line.box, 'base64')), keys.publicKey, keys.privateKey);
    const text = new TextDecoder().decode(clear);
    const entry = JSON.parse(text) as AuditEntry;
    expect(entry.seq).toBe(line.seq);
    expect(entry.hash).toBe(line.hash);
    return text;
  });
  return { entries: texts.map((t) => JSON.parse(t) as AuditEntry), text: `${texts.join('\n')}\n${JSON.stringify(lines)}` };
}

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

/** The shipped regions file with `edit` applied, as text to import. */
async function regionsFile(edit: (file: { asOf: string; providers: { id: string; regions: { code: string; country: string }[] }[] }) => void): Promise<string> {
  const file = JSON.parse(await readFile(join(import.meta.dirname, '../../../../src-preload/contract/places/data/regions.json'), 'utf8')) as Parameters<
    typeof edit
  >[0];
  edit(file);
  return JSON.stringify(file);
}

function moveAwsFrankfurtToGb(file: Parameters<Parameters<typeof regionsFile>[0]>[0]): void {
  // Today by the test's clock: a file dated later is refused.
  file.asOf = '2026-11-15';
  const region = file.providers.find((p) => p.id === 'aws')?.regions.find((r) => r.code === 'eu-central-1');
  if (!region) throw new Error('AWS eu-central-1 is not in regions.json');
  region.country = 'GB';
}

beforeAll(async () => {
  await sodium.ready;
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caravan-guard-'));
  const pair = sodium.crypto_box_keypair();
  keys = { publicKey: pair.publicKey, privateKey: pair.privateKey, base64: Buffer.from(pair.publicKey).toString('base64') };
  logs = [];
  questions = [];
  answer = true;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EgressGuard while the vault is locked', () => {
  it('denies a client partition for want of a policy and approves no host', async () => {
    const service = await create();
    const target = await service.targets.add(FRANKFURT);
    expect(service.guard.isOpen).toBe(false);
    const result = await service.syncGate.decide(CLIENT_EEA, target.id, 'sync-upload', CLIENT_NAME);
    expect(result.allowed).toBe(false);
    expect(result.code).toBe('invalid-policy');
    expect(result.reason).toMatch(/vault is locked/);
    // The workspace partition too: while locked nothing at all is sent.
    expect((await service.syncGate.decide('workspace', target.id, 'sync-upload')).allowed).toBe(false);
    expect(service.guard.approvedHosts().size).toBe(0);
  });

  it('refuses to add a target, to set a policy, to import data or to read the audit', async () => {
    const service = await create();
    expect((await refusal(service.addTarget(FRANKFURT))).code).toBe('refused');
    expect(service.targets.list()).toEqual([]);
    expect((await refusal(service.setPolicy(CLIENT_EEA, EEA, true))).code).toBe('refused');
    expect((await refusal(service.importData(await regionsFile(moveAwsFrankfurtToGb)))).code).toBe('refused');
    expect(service.data.current().regions.asOf).toBe('2026-11');
    expect((await refusal(service.auditLines())).code).toBe('refused');
  });

  it('forgets every policy on close: a client allowed while open is denied after', async () => {
    const service = await opened();
    const target = await service.addTarget(FRANKFURT);
    expect((await service.syncGate.decide(CLIENT_EEA, target.id, 'sync-upload')).allowed).toBe(true);
    expect(service.guard.approvedHosts().size).toBe(1);
    service.close();
    const after = await service.syncGate.decide(CLIENT_EEA, target.id, 'sync-upload');
    expect(after.allowed).toBe(false);
    expect(after.code).toBe('invalid-policy');
    expect(service.guard.approvedHosts().size).toBe(0);
  });
});

describe('EgressGuard decisions', () => {
  it('holds back an EEA client from AWS eu-west-2 (London, GB) and allows AWS eu-central-1', async () => {
    const service = await opened();
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);

    const held = await service.syncGate.decide(CLIENT_EEA, london.id, 'sync-upload', CLIENT_NAME);
    expect(held.allowed).toBe(false);
    expect(held.code).toBe('outside-policy');
    expect(held.reason).toContain('London, GB');
    expect(held.reason).toContain(`client ${CLIENT_NAME}`);

    const allowed = await service.syncGate.decide(CLIENT_EEA, frankfurt.id, 'sync-upload', CLIENT_NAME);
    expect(allowed.allowed).toBe(true);
    expect(allowed.code).toBe('within-policy');
    expect(allowed.reason).toContain('Frankfurt, DE');
  });

  it('denies a client it has no policy for, and a target that does not exist', async () => {
    const service = await opened();
    const frankfurt = await service.addTarget(FRANKFURT);
    const unknownClient = await service.syncGate.decide(randomUUID(), frankfurt.id, 'sync-upload');
    expect(unknownClient).toMatchObject({ allowed: false, code: 'invalid-policy' });
    const gone = await service.syncGate.decide(CLIENT_EEA, randomUUID(), 'sync-upload');
    expect(gone).toMatchObject({ allowed: false, code: 'invalid-location' });
  });

  it('denies a client after forgetClient', async () => {
    const service = await opened();
    const frankfurt = await service.addTarget(FRANKFURT);
    service.book.forget(CLIENT_EEA);
    expect(await service.syncGate.decide(CLIENT_EEA, frankfurt.id, 'sync-upload')).toMatchObject({ allowed: false, code: 'invalid-policy' });
  });

  it('leaves out a client whose policy cannot be read, and logs it by short id only', async () => {
    const service = await create();
    const opened = await service.open(VAULT, keys.base64, read([{ clientId: CLIENT_EEA, policy: { kind: 'zone', zone: 'Europe' } }]));
    expect(opened.heldBack).toEqual([{ clientId: CLIENT_EEA, problem: expect.stringContaining('zone') }]);
    const frankfurt = await service.addTarget(FRANKFURT);
    expect(await service.syncGate.decide(CLIENT_EEA, frankfurt.id, 'sync-upload')).toMatchObject({ allowed: false, code: 'invalid-policy' });
    expect(logs.some((m) => m.includes(CLIENT_EEA.slice(0, 8)) && !m.includes(CLIENT_EEA))).toBe(true);
  });

  it('adding a target audits one decision per client, with ids and never the label or a client name', async () => {
    const service = await opened({ [CLIENT_EEA]: EEA, [CLIENT_ADQ]: ADQ });
    const london = await service.addTarget(LONDON);
    // Names reach main only as labels of a decision or a placement; none may end up in the log.
    await service.syncGate.decide(CLIENT_EEA, london.id, 'bundle-export', CLIENT_NAME);
    await service.placement([{ id: CLIENT_ADQ, label: 'Other Client Ltd' }]);

    const { entries, text } = await audit(service);
    const added = entries.slice(0, 2);
    expect(added.map((e) => [e.kind, e.clientId])).toEqual([
      ['egress-denied', CLIENT_EEA],
      ['egress-allowed', CLIENT_ADQ],
    ]);
    for (const entry of added) {
      expect(entry.targetId).toBe(london.id);
      expect(entry.partition).toBe(entry.clientId);
      expect(entry.reason.params).toMatchObject({ operation: 'sync-upload', provider: 'aws', code: 'eu-west-2', country: 'GB', guarantee: 'region' });
    }
    expect(added[0]?.reason).toMatchObject({ code: 'outside-policy', params: { policy: 'zone:EEA' } });
    expect(added[1]?.reason).toMatchObject({ code: 'within-policy', params: { policy: 'zone:EEA+adequacy' } });
    expect(entries).toHaveLength(3);
    expect(text).not.toContain(LONDON.label);
    expect(text).not.toContain(CLIENT_NAME);
    expect(text).not.toContain('Acme');
    expect(text).not.toContain('Other Client');
    expect(text).not.toContain(LONDON.bucket);
  });

  it('audits the same refusal once, however often it is asked', async () => {
    const service = await opened();
    // Added to the registry directly: no decision is audited at adding time.
    const london = await service.targets.add(LONDON);
    expect((await audit(service)).entries).toHaveLength(0);

    const first = await service.syncGate.decide(CLIENT_EEA, london.id, 'sync-upload', CLIENT_NAME);
    const second = await service.syncGate.decide(CLIENT_EEA, london.id, 'sync-upload', CLIENT_NAME);
    expect(first.allowed).toBe(false);
    expect(second).toEqual(first);
    const { entries } = await audit(service);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'egress-denied',
      clientId: CLIENT_EEA,
      partition: CLIENT_EEA,
      targetId: london.id,
      reason: { code: 'outside-policy' },
    });

    // Another operation is another decision.
    await service.syncGate.decide(CLIENT_EEA, london.id, 'bundle-export');
    await service.syncGate.decide(CLIENT_EEA, london.id, 'bundle-export');
    expect((await audit(service)).entries).toHaveLength(2);
  });

  it('allows the workspace partition with no-client-data, audited without a client id or policy', async () => {
    const service = await opened();
    const london = await service.addTarget(LONDON);
    const before = (await audit(service)).entries.length;
    const result = await service.syncGate.decide(WORKSPACE_PARTITION, london.id, 'sync-upload');
    expect(result.allowed).toBe(true);
    expect(result.code).toBe('no-client-data');
    expect(result.reason).toContain('London, GB');
    const { entries } = await audit(service);
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1);
    expect(entry).toMatchObject({ kind: 'egress-allowed', partition: 'workspace', targetId: london.id, reason: { code: 'no-client-data' } });
    expect(entry?.clientId).toBeUndefined();
    expect(entry?.reason.params.policy).toBeUndefined();
  });
});

describe('EgressGuard policy changes', () => {
  it('refuses a weaker policy without confirmation and changes nothing', async () => {
    const service = await opened();
    const london = await service.addTarget(LONDON);
    const before = await audit(service);

    const error = await refusal(service.setPolicy(CLIENT_EEA, ADQ, false));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/confirm it to apply/);
    expect(error.message).toContain('GB');
    // Not asked for, so main put no question; the refusal itself is recorded, nothing else.
    expect(questions).toEqual([]);
    const after = (await audit(service)).entries;
    expect(after.slice(0, before.entries.length)).toEqual(before.entries);
    expect(after.slice(before.entries.length)).toMatchObject([
      { kind: 'policy-change-refused', clientId: CLIENT_EEA, reason: { code: 'needs-confirmation', params: { from: 'zone:EEA', to: 'zone:EEA+adequacy' } } },
    ]);
    expect(service.guard.evaluate(CLIENT_EEA, service.targets.get(london.id), 'sync-upload')).toMatchObject({ allowed: false, code: 'outside-policy' });
    expect(service.preview(CLIENT_EEA, ADQ).change).toBe('weaker');
  });

  it('applies a confirmed weaker policy and audits policy-weakened, then each target decision', async () => {
    const service = await opened();
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);
    const before = (await audit(service)).entries.length;

    const preview = await service.setPolicy(CLIENT_EEA, ADQ, true);
    expect(preview.change).toBe('weaker');
    expect(preview.added).toContain('GB');
    // Main asked the person itself, naming the countries.
    expect(questions).toHaveLength(1);
    expect(questions[0]?.detail).toContain('United Kingdom (GB)');

    const entries = (await audit(service)).entries.slice(before);
    expect(entries.map((e) => [e.kind, e.targetId])).toEqual([
      ['policy-weakened', undefined],
      ['egress-allowed', london.id],
      ['egress-allowed', frankfurt.id],
    ]);
    expect(entries[0]).toMatchObject({ clientId: CLIENT_EEA, reason: { code: 'user-confirmed', params: { from: 'zone:EEA', to: 'zone:EEA+adequacy' } } });
    for (const e of entries.slice(1)) expect(e.clientId).toBe(CLIENT_EEA);
    expect((await service.syncGate.decide(CLIENT_EEA, london.id, 'sync-upload')).allowed).toBe(true);
  });

  it('applies a stronger policy at once and audits policy-strengthened, then each target decision', async () => {
    const service = await opened({ [CLIENT_EEA]: ADQ });
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);
    const before = (await audit(service)).entries.length;

    const preview = await service.setPolicy(CLIENT_EEA, EU, false);
    expect(preview.change).toBe('stronger');
    expect(preview.added).toEqual([]);
    expect(preview.removed).toEqual(expect.arrayContaining(['GB', 'IS', 'LI', 'NO']));

    const entries = (await audit(service)).entries.slice(before);
    expect(entries.map((e) => [e.kind, e.targetId])).toEqual([
      ['policy-strengthened', undefined],
      ['egress-denied', london.id],
      ['egress-allowed', frankfurt.id],
    ]);
    expect(entries[0]).toMatchObject({ clientId: CLIENT_EEA, reason: { code: 'user-action', params: { from: 'zone:EEA+adequacy', to: 'zone:EU' } } });
    expect((await service.syncGate.decide(CLIENT_EEA, london.id, 'sync-upload')).allowed).toBe(false);
  });

  it('setting the same policy again audits nothing', async () => {
    const service = await opened();
    await service.addTarget(FRANKFURT);
    const before = (await audit(service)).entries;
    expect((await service.setPolicy(CLIENT_EEA, { kind: 'zone', zone: 'EEA' }, false)).change).toBe('same');
    expect((await audit(service)).entries).toEqual(before);
  });

  it('a new client gets its first policy without confirmation, audited as policy-set', async () => {
    const service = await opened({});
    const frankfurt = await service.addTarget(FRANKFURT);
    const preview = await service.setPolicy(CLIENT_EEA, EEA, false);
    expect(preview.change).toBe('new');
    const { entries } = await audit(service);
    expect(entries.map((e) => e.kind)).toEqual(['policy-set', 'egress-allowed']);
    expect(entries[0]).toMatchObject({ clientId: CLIENT_EEA, reason: { code: 'user-action', params: { to: 'zone:EEA' } } });
    expect(entries[0]?.reason.params.from).toBeUndefined();
    expect(entries[1]).toMatchObject({ clientId: CLIENT_EEA, targetId: frankfurt.id });
  });

  it('preview lists the targets that hold the client data and that the new policy disallows', async () => {
    const service = await opened();
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);
    const disk = await service.addTarget(DISK);
    await service.targets.recordHolding(frankfurt.id, CLIENT_EEA, NOW);
    await service.targets.recordHolding(disk.id, CLIENT_EEA, NOW);
    await service.targets.recordHolding(london.id, CLIENT_ADQ, NOW);

    const toFrance = service.preview(CLIENT_EEA, { kind: 'countries', countries: ['FR'] });
    expect(toFrance.change).toBe('stronger');
    expect(toFrance.heldOnDisallowed.sort()).toEqual([frankfurt.id, disk.id].sort());

    const toGermany = service.preview(CLIENT_EEA, { kind: 'countries', countries: ['DE'] });
    expect(toGermany.heldOnDisallowed).toEqual([]);

    // London holds another client's data, not this one's: never listed.
    const deviceOnly = service.preview(CLIENT_EEA, { kind: 'device-only' });
    expect(deviceOnly.heldOnDisallowed.sort()).toEqual([frankfurt.id, disk.id].sort());
    expect(deviceOnly.heldOnDisallowed).not.toContain(london.id);
  });

  it('adding a US attestation is a weakening, and audits attestation-recorded without the basis', async () => {
    const service = await opened({ [CLIENT_EEA]: ADQ });
    const virginia = await service.addTarget({
      ...LONDON,
      label: 'Virginia',
      location: { provider: 'aws', region: 'us-east-1' },
      endpoint: 'https://s3.us-east-1.amazonaws.com',
    });
    expect(service.guard.evaluate(CLIENT_EEA, service.targets.get(virginia.id), 'sync-upload').code).toBe('needs-attestation');

    expect((await refusal(service.setPolicy(CLIENT_EEA, ADQ_US, false))).code).toBe('refused');
    const before = (await audit(service)).entries.length;
    const preview = await service.setPolicy(CLIENT_EEA, ADQ_US, true);
    expect(preview).toMatchObject({ change: 'weaker', added: ['US'], removed: [] });

    const { entries, text } = await audit(service);
    const fresh = entries.slice(before);
    expect(fresh.map((e) => e.kind)).toEqual(['policy-weakened', 'attestation-recorded', 'egress-allowed']);
    expect(fresh[1]).toMatchObject({ clientId: CLIENT_EEA, reason: { code: 'user-action', params: { country: 'US' } } });
    expect(fresh[2]).toMatchObject({ targetId: virginia.id, reason: { code: 'within-policy-attested' } });
    expect(text).not.toContain('DPF list');
    expect(text).not.toContain('Example Storage');

    // Revoking it is a strengthening, audited as attestation-revoked.
    await service.setPolicy(CLIENT_EEA, ADQ, false);
    const revoked = (await audit(service)).entries.map((e) => e.kind);
    expect(revoked).toContain('attestation-revoked');
    expect(revoked).toContain('policy-strengthened');
  });
});

describe('EgressGuard placement and hosts', () => {
  it('placement gives each target decision with reasons in the given label', async () => {
    const service = await opened();
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);
    await service.targets.recordHolding(frankfurt.id, CLIENT_EEA, NOW);
    const stranger = randomUUID();

    const [mine, theirs] = await service.placement([
      { id: CLIENT_EEA, label: CLIENT_NAME },
      { id: stranger, label: 'Stranger' },
    ]);
    expect(mine?.clientId).toBe(CLIENT_EEA);
    expect(mine?.known).toBe(true);
    expect(mine?.decisions.map((d) => [d.targetId, d.allowed, d.code, d.holds])).toEqual([
      [london.id, false, 'outside-policy', false],
      [frankfurt.id, true, 'within-policy', true],
    ]);
    for (const d of mine?.decisions ?? []) expect(d.reason).toContain(`client ${CLIENT_NAME}`);
    expect(mine?.decisions[0]?.reason).toContain('London, GB');

    expect(theirs?.known).toBe(false);
    expect(theirs?.decisions.every((d) => !d.allowed)).toBe(true);
  });

  it('approvedHosts holds the host of each https target endpoint once the vault is open, and no folder', async () => {
    const service = await opened();
    await service.addTarget(LONDON);
    await service.addTarget(FRANKFURT);
    await service.addTarget(DISK);
    await service.addTarget({
      label: 'NAS',
      kind: 'webdav',
      location: { provider: 'webdav', declaredCountry: 'DE' },
      endpoint: 'https://nas.example.org:8443/dav/',
    });
    const hosts = service.guard.approvedHosts();
    expect([...hosts].sort()).toEqual(['nas.example.org:8443', 's3.eu-central-1.amazonaws.com', 's3.eu-west-2.amazonaws.com']);
  });
});

describe('EgressGuard locality data import', () => {
  it('refuses an older regions file and audits nothing', async () => {
    const service = await opened();
    await service.addTarget(FRANKFURT);
    const before = (await audit(service)).entries;
    const older = await regionsFile((f) => {
      f.asOf = '2025-01';
    });
    const error = await refusal(service.importData(older));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/older than the data in use/);
    expect((await audit(service)).entries).toEqual(before);
    expect(service.dataSummary().regions).toMatchObject({ asOf: '2026-11', imported: false });
  });

  it('imports a newer regions file, audits locality-data-updated and each decision it changes', async () => {
    const service = await opened({ [CLIENT_EEA]: EEA, [CLIENT_ADQ]: ADQ });
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);
    const before = (await audit(service)).entries.length;

    const summary = await service.importData(await regionsFile(moveAwsFrankfurtToGb));
    expect(summary.regions).toMatchObject({ asOf: '2026-11-15', imported: true });
    expect(questions).toHaveLength(1);
    expect(questions[0]?.detail).toContain('eu-central-1: DE (Frankfurt) -> GB (Frankfurt)');

    const fresh = (await audit(service)).entries.slice(before);
    // The EEA+adequacy client may use GB as it could DE: its decision does not change, so it is not audited.
    // London did not move: not audited either.
    expect(fresh.map((e) => [e.kind, e.clientId, e.targetId])).toEqual([
      ['locality-data-updated', undefined, undefined],
      ['egress-denied', CLIENT_EEA, frankfurt.id],
    ]);
    expect(fresh[0]?.reason).toEqual({ code: 'data-file-imported', params: { dataKind: 'regions', asOf: '2026-11-15' } });
    expect(fresh[1]?.reason).toMatchObject({ code: 'outside-policy', params: { country: 'GB', code: 'eu-central-1' } });
    expect(fresh.some((e) => e.targetId === london.id)).toBe(false);

    const now = await service.syncGate.decide(CLIENT_EEA, frankfurt.id, 'sync-upload');
    expect(now.allowed).toBe(false);
    expect(now.reason).toContain('Frankfurt, GB');

    // The import is kept: a new service over the same folder uses it.
    const again = await create();
    expect(again.dataSummary().regions).toMatchObject({ asOf: '2026-11-15', imported: true });
    expect(again.resolve(FRANKFURT.location).country).toBe('GB');
  });
});

describe('EgressGuard audit log as a whole', () => {
  it('verifies after a session of targets, policy changes, refusals and an import, and continues after reopening', async () => {
    const service = await opened({ [CLIENT_EEA]: EEA, [CLIENT_ADQ]: ADQ });
    const london = await service.addTarget(LONDON);
    const frankfurt = await service.addTarget(FRANKFURT);
    await service.addTarget(DISK);
    await service.syncGate.decide(CLIENT_EEA, london.id, 'bundle-export', CLIENT_NAME);
    await service.syncGate.decide(WORKSPACE_PARTITION, london.id, 'request');
    await service.setPolicy(CLIENT_EEA, ADQ_US, true);
    await service.setPolicy(CLIENT_ADQ, EU, false);
    await service.importData(await regionsFile(moveAwsFrankfurtToGb));
    await service.syncGate.decide(CLIENT_ADQ, frankfurt.id, 'sync-upload');

    const { entries, text } = await audit(service);
    expect(entries.length).toBeGreaterThan(10);
    const result = await verify(entries, { seq: entries.length - 1, hash: entries.at(-1)?.hash ?? '' });
    expect(result).toMatchObject({ ok: true, count: entries.length });
    for (const name of [CLIENT_NAME, LONDON.label, FRANKFURT.label, DISK.label, US_BASIS]) expect(text).not.toContain(name);

    // Lock, unlock: the chain continues where it stopped.
    service.close();
    const reopened = await create();
    await reopened.open(VAULT, keys.base64, read([{ clientId: CLIENT_EEA, policy: EEA }]));
    await reopened.setPolicy(CLIENT_EEA, EU, false);
    const after = (await audit(reopened)).entries;
    expect(after.length).toBeGreaterThan(entries.length);
    expect(after[entries.length]?.prevHash).toBe(entries.at(-1)?.hash);
    expect((await verify(after)).ok).toBe(true);
  });

  it('refuses to open the vault with another audit key, so the guard stays locked', async () => {
    const service = await opened();
    service.close();
    const other = sodium.crypto_box_keypair();
    const error = await refusal(service.open(VAULT, Buffer.from(other.publicKey).toString('base64'), read([{ clientId: CLIENT_EEA, policy: EEA }])));
    expect(error.code).toBe('refused');
    expect(service.guard.isOpen).toBe(false);
  });
});

describe('EgressGuard when policies arrive by sync', () => {
  it('records a client new to main and a policy changed on another device, and re-decides their targets', async () => {
    const service = await opened({ [CLIENT_EEA]: ADQ });
    await service.addTarget(LONDON);
    const before = (await audit(service)).entries.length;
    // The same vault opened again with what the vault now holds: ADQ -> EEA for one, a new client.
    await service.open(
      VAULT,
      keys.base64,
      read([
        { clientId: CLIENT_EEA, policy: EEA },
        { clientId: CLIENT_ADQ, policy: ADQ },
      ]),
    );
    const { entries } = await audit(service);
    const added = entries.slice(before);
    // The changes first (recorded before they apply, together), then the decisions they imply.
    expect(added.map((e) => [e.kind, e.clientId])).toEqual([
      ['policy-strengthened', CLIENT_EEA],
      ['policy-set', CLIENT_ADQ],
      ['egress-denied', CLIENT_EEA],
      ['egress-allowed', CLIENT_ADQ],
    ]);
    // Nothing changes, nothing is recorded.
    await service.open(
      VAULT,
      keys.base64,
      read([
        { clientId: CLIENT_EEA, policy: EEA },
        { clientId: CLIENT_ADQ, policy: ADQ },
      ]),
    );
    expect((await audit(service)).entries.length).toBe(entries.length);
  });
});
