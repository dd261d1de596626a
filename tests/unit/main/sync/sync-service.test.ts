/**
 * Main's sync front against a real S3 API (s3rver + the AWS SDK): every upload
 * passes the locality guard for the partition its key names. s3rver runs on
 * this machine, so a bucket "in London" is an AWS region through a custom
 * endpoint whose country the person declares (GB): a client whose policy is
 * the EEA gets nothing into it; the same bytes reach a bucket declared in
 * Germany; nothing goes anywhere while the vault is locked; and credentials
 * stay in main.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { CredentialStore } from '../../../../src-main/sync/credential-store.ts';
import { SyncService } from '../../../../src-main/sync/sync-service.ts';
import { clientPolicySchema } from '../../../../src-preload/contract/residency.ts';
import { createSecretCipherStub } from '../../../host/stub-services.ts';
import { startS3, type S3Server } from '../../../servers/s3rver.ts';

const VAULT = '7f0c6a3e-2b1d-4e5f-8a9b-0c1d2e3f4a5b';
const ACME = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
let s3: S3Server;

beforeAll(async () => {
  await sodium.ready;
  s3 = await startS3();
});
afterAll(async () => s3.close());

async function world(secure: 'available' | 'basic_text' = 'available') {
  const dataDir = await mkdtemp(join(tmpdir(), 'caravan-sync-service-'));
  const locality = await LocalityService.create({ dataDir, newId: () => crypto.randomUUID(), now: Date.now, log: () => {} });
  const sync = new SyncService({
    targets: locality.targets,
    gate: locality.syncGate,
    credentials: new CredentialStore(join(dataDir, 'credentials'), createSecretCipherStub(secure)),
    now: Date.now,
  });
  const keys = sodium.crypto_box_keypair();
  const open = () =>
    locality.open(VAULT, Buffer.from(keys.publicKey).toString('base64'), [clientPolicySchema.parse({ clientId: ACME, policy: { kind: 'zone', zone: 'EEA' } })]);
  const bucket = async (label: string, region: string) => {
    const declaredCountry = region === 'eu-west-2' ? 'GB' : 'DE';
    const target = await locality.addTarget({
      label,
      kind: 's3',
      location: { provider: 'aws', region, declaredCountry },
      endpoint: s3.endpoint,
      bucket: s3.bucket,
    });
    await sync.setCredentials(target.id, { kind: 's3', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
    return target.id;
  };
  return { dataDir, locality, sync, open, bucket };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a refusal'),
    (e: { code: string; message: string }) => e,
  );

describe('SyncService', () => {
  it('refuses a client segment for a London bucket with the guard’s reason, and nothing reaches the server', async () => {
    const { open, bucket, sync } = await world();
    await open();
    const london = await bucket('London', 'eu-west-2');
    const error = await refusal(sync.put(london, `p/${ACME}/log/dev1/1.seg`, new Uint8Array([1, 2, 3])));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(
      /requires the EEA; AWS eu-west-2 through the custom endpoint 127\.0\.0\.1:\d+ is in GB \(United Kingdom\) by your declaration; Caravan cannot verify it, outside the EEA/,
    );
    expect(await sync.list(london, `p/${ACME}/`)).toEqual([]);
  });

  it('lets the same segment into a Frankfurt bucket, byte for byte, and records that the target holds the client', async () => {
    const { open, bucket, sync, locality } = await world();
    await open();
    const frankfurt = await bucket('Frankfurt', 'eu-central-1');
    const data = Uint8Array.from({ length: 4096 }, (_, i) => i & 0xff);
    await sync.put(frankfurt, `p/${ACME}/log/dev1/1.seg`, data);
    expect(await sync.get(frankfurt, `p/${ACME}/log/dev1/1.seg`)).toEqual(data);
    expect(Object.keys(locality.targets.get(frankfurt)?.holds ?? {})).toEqual([ACME]);
  });

  it('sends nothing while the vault is locked, not even workspace objects', async () => {
    const { open, bucket, sync, locality } = await world();
    await open();
    const frankfurt = await bucket('Frankfurt', 'eu-central-1');
    locality.close();
    expect((await refusal(sync.put(frankfurt, 'vault.json', new Uint8Array([1])))).code).toBe('refused');
    expect((await refusal(sync.put(frankfurt, `p/${ACME}/log/dev1/2.seg`, new Uint8Array([1])))).code).toBe('refused');
  });

  it('refuses keys that could escape a folder or hide a partition', async () => {
    const { open, bucket, sync } = await world();
    await open();
    const frankfurt = await bucket('Frankfurt', 'eu-central-1');
    for (const key of [
      '../etc/passwd',
      'p/../x.seg',
      `p/${ACME}`,
      'P/A/b.seg',
      'a//b',
      'p/x/y.tmp',
      'vault.json\n',
      'caravan.desktop',
      'notes/secret.txt',
      `p/${ACME}/notes.txt`,
      'p/workspace/key.bin',
    ]) {
      expect((await refusal(sync.put(frankfurt, key, new Uint8Array([1])))).code).toBe('invalid-argument');
    }
  });

  it('keeps credentials wrapped on disk where the OS store is secure, and in memory only where it is not', async () => {
    const secure = await world('available');
    await secure.open();
    const a = await secure.bucket('Frankfurt', 'eu-central-1');
    expect(await secure.sync.setCredentials(a, { kind: 's3', accessKeyId: s3.accessKeyId, secretAccessKey: 'S3RVER-secret-canary' })).toEqual({
      persisted: true,
    });
    const files = await readdir(join(secure.dataDir, 'credentials'));
    expect(files).toEqual([`${a}.cred`]);
    expect((await readFile(join(secure.dataDir, 'credentials', files[0] ?? ''))).toString('latin1')).not.toContain('S3RVER-secret-canary');

    const insecure = await world('basic_text');
    await insecure.open();
    const b = await insecure.bucket('Frankfurt', 'eu-central-1');
    const saved = await insecure.sync.setCredentials(b, { kind: 's3', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
    expect(saved).toMatchObject({ persisted: false, reason: expect.stringMatching(/enter them again after a restart/) });
    expect(await readdir(join(insecure.dataDir, 'credentials')).catch(() => [])).toEqual([]);
    // Still usable in this run.
    await insecure.sync.put(b, 'vault.json', new Uint8Array([9]));
  });

  it('erasing a client deletes its snapshots and acknowledgements with its segments and key; compaction deletes through the same checked keys', async () => {
    const { open, bucket, sync } = await world();
    await open();
    const frankfurt = await bucket('Frankfurt', 'eu-central-1');
    const hash = 'ab'.repeat(32);
    const client = [`p/${ACME}/log/dev1/1.seg`, `p/${ACME}/snap/${hash}.snap`, `p/${ACME}/ack/dev1/3.json`, `p/${ACME}/key.bin`];
    const workspace = [`p/workspace/snap/${hash}.snap`, `p/workspace/ack/dev1/1.json`];
    for (const key of [...client, ...workspace]) await sync.put(frankfurt, key, new Uint8Array([1]));
    expect(await sync.deletePartition(frankfurt, ACME)).toBeGreaterThanOrEqual(client.length);
    expect(await sync.list(frankfurt, `p/${ACME}/`)).toEqual([]);
    expect((await sync.list(frankfurt, 'p/workspace/')).map((o) => o.key)).toEqual(expect.arrayContaining(workspace));
    for (const key of workspace) await sync.delete(frankfurt, key);
    expect((await sync.list(frankfurt, 'p/workspace/')).map((o) => o.key).filter((k) => workspace.includes(k))).toEqual([]);
  });

  it('an S3 target without credentials says what to do', async () => {
    const { open, sync, locality } = await world();
    await open();
    const target = await locality.addTarget({
      label: 'No key',
      kind: 's3',
      location: { provider: 'aws', region: 'eu-central-1', declaredCountry: 'DE' },
      endpoint: s3.endpoint,
      bucket: s3.bucket,
    });
    expect((await refusal(sync.put(target.id, 'vault.json', new Uint8Array([1])))).message).toMatch(/Enter the access key for No key/);
  });
});
