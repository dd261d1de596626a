import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import { AuditLogStore, type SealedAuditLine } from '../../../../src-main/locality/audit-log-store.ts';
import { GENESIS_HASH, canonicalJson, verify, type AuditDraft, type AuditEntry } from '../../../../src-main/locality/audit-chain.ts';

const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const TARGET = '01JD8X3QZ5R6T7V8W9XAYBZC0D';
const AT = Date.UTC(2026, 10, 15);

interface Keys {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  base64: string;
}

let keys: Keys;
let dir: string;

function newKeys(): Keys {
  const pair = sodium.crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey, base64: Buffer.from(pair.publicKey).toString('base64') };
}

function draft(clientId: string, at = AT): AuditDraft {
  return {
    at,
    kind: 'egress-denied',
    clientId,
    targetId: TARGET,
    partition: clientId,
    reason: {
      code: 'outside-policy',
      params: { operation: 'sync-upload', policy: 'zone:EEA', provider: 'aws', code: 'eu-west-2', country: 'GB', guarantee: 'region' },
    },
  };
}

const logFile = (): string => join(dir, `${VAULT}.jsonl`);

async function rawLines(): Promise<string[]> {
  const text = await readFile(logFile(), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean);
}

/** Opens a stored line's box with the vault's secret key; returns the text and the parsed entry. */
function openBox(line: SealedAuditLine, k: Keys = keys): { text: string; entry: AuditEntry } {
  const clear = sodium.crypto_box_seal_open(new Uint8Array(Buffer.from(line.box, 'base64')), k.publicKey, k.privateKey);
  const text = new TextDecoder().decode(clear);
  return { text, entry: JSON.parse(text) as AuditEntry };
}

async function decryptAll(store: AuditLogStore, k: Keys = keys): Promise<AuditEntry[]> {
  const lines = await store.lines();
  return lines.map((l) => {
    if ('invalid' in l) throw new Error(`invalid line: ${l.invalid}`);
    const { entry } = openBox(l, k);
    expect(entry.seq).toBe(l.seq);
    expect(entry.hash).toBe(l.hash);
    return entry;
  });
}

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

beforeAll(async () => {
  await sodium.ready;
});

beforeEach(async () => {
  keys = newKeys();
  dir = await mkdtemp(join(tmpdir(), 'caravan-audit-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AuditLogStore: encryption at rest', () => {
  it('writes no plaintext to disk: a distinctive client id is not in the file', async () => {
    const client = randomUUID();
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    await store.append(draft(client));
    const text = await readFile(logFile(), 'utf8');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(client);
    expect(text).not.toContain(client.replace(/-/g, ''));
    expect(text).not.toContain('outside-policy');
    expect(text).not.toContain('eu-west-2');
    expect(text).not.toContain(TARGET);
  });

  it('stores one line per entry whose box opens to the canonical entry with the same seq and hash', async () => {
    const client = randomUUID();
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    const written = [
      await store.append(draft(client)),
      await store.append(draft(client, AT + 1)),
      await store.append({ ...draft(client, AT + 2), kind: 'egress-allowed', reason: { code: 'within-policy', params: {} } }),
    ];
    const lines = await rawLines();
    expect(lines).toHaveLength(3);
    lines.forEach((raw, i) => {
      const line = JSON.parse(raw) as SealedAuditLine;
      expect(Object.keys(line).sort()).toEqual(['box', 'hash', 'seq']);
      const { text, entry } = openBox(line);
      expect(text).toBe(canonicalJson(written[i]));
      expect(entry).toEqual(written[i]);
      expect(entry.seq).toBe(i);
      expect(line.seq).toBe(entry.seq);
      expect(line.hash).toBe(entry.hash);
    });
  });

  it('a box does not open with another key pair', async () => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    await store.append(draft(randomUUID()));
    const [line] = (await store.lines()) as SealedAuditLine[];
    expect(line).toBeDefined();
    expect(() => openBox(line as SealedAuditLine, newKeys())).toThrow();
  });

  it('the decrypted entries form a chain that verify accepts', async () => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    for (let i = 0; i < 5; i += 1) await store.append(draft(randomUUID(), AT + i));
    const entries = await decryptAll(store);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    const result = await verify(entries, { seq: 4, hash: entries[4]?.hash ?? '' });
    expect(result).toEqual({ ok: true, count: 5, head: { seq: 4, hash: entries[4]?.hash } });
  });

  it('pins the public key on first open, in a file holding only the key', async () => {
    await AuditLogStore.open(dir, VAULT, keys.base64);
    expect((await readFile(join(dir, `${VAULT}.pub`), 'utf8')).trim()).toBe(keys.base64);
  });

  it('refuses a key that is not 32 bytes', async () => {
    const error = await refusal(AuditLogStore.open(dir, VAULT, Buffer.alloc(16).toString('base64')));
    expect(error.code).toBe('invalid-argument');
  });
});

describe('AuditLogStore: reopening', () => {
  it('continues the chain: seq continues and prevHash is the previous hash', async () => {
    const first = await AuditLogStore.open(dir, VAULT, keys.base64);
    await first.append(draft(randomUUID()));
    const last = await first.append(draft(randomUUID(), AT + 1));

    const second = await AuditLogStore.open(dir, VAULT, keys.base64);
    const next = await second.append(draft(randomUUID(), AT + 2));
    expect(next.seq).toBe(2);
    expect(next.prevHash).toBe(last.hash);

    const entries = await decryptAll(second);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect((await verify(entries)).ok).toBe(true);
  });

  it('truncates a torn last line on open, logs it, and the next append continues the chain', async () => {
    const first = await AuditLogStore.open(dir, VAULT, keys.base64);
    await first.append(draft(randomUUID()));
    const last = await first.append(draft(randomUUID(), AT + 1));
    const intact = await readFile(logFile(), 'utf8');
    await appendFile(logFile(), '{"seq":2,"hash":"ab12","box":"AAAA');

    const messages: string[] = [];
    const second = await AuditLogStore.open(dir, VAULT, keys.base64, (m) => messages.push(m));
    expect(await readFile(logFile(), 'utf8')).toBe(intact);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/unfinished last line/);

    const next = await second.append(draft(randomUUID(), AT + 2));
    expect(next.seq).toBe(2);
    expect(next.prevHash).toBe(last.hash);
    const lines = await rawLines();
    expect(lines).toHaveLength(3);
    const entries = await decryptAll(second);
    expect((await verify(entries)).ok).toBe(true);
  });

  it('truncates a torn first line in an otherwise empty log and starts at seq 0', async () => {
    await AuditLogStore.open(dir, VAULT, keys.base64);
    await writeFile(logFile(), '{"seq":0,"ha');
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    const entry = await store.append(draft(randomUUID()));
    expect(entry.seq).toBe(0);
    expect(entry.prevHash).toBe(GENESIS_HASH);
    expect(await rawLines()).toHaveLength(1);
  });

  it('refuses to open with a different public key, and writes nothing', async () => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    await store.append(draft(randomUUID()));
    const before = await readFile(logFile(), 'utf8');
    const error = await refusal(AuditLogStore.open(dir, VAULT, newKeys().base64));
    expect(error.code).toBe('refused');
    expect(await readFile(logFile(), 'utf8')).toBe(before);
    expect((await readFile(join(dir, `${VAULT}.pub`), 'utf8')).trim()).toBe(keys.base64);
  });

  it('keeps the logs of two vaults apart, each with its own key', async () => {
    const other = newKeys();
    const otherVault = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const a = await AuditLogStore.open(dir, VAULT, keys.base64);
    const b = await AuditLogStore.open(dir, otherVault, other.base64);
    await a.append(draft(randomUUID()));
    await b.append(draft(randomUUID()));
    await b.append(draft(randomUUID()));
    expect(await decryptAll(a)).toHaveLength(1);
    expect(await decryptAll(b, other)).toHaveLength(2);
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['JSON without a box', '{"seq":1,"hash":"00"}'],
    ['JSON with a string seq', '{"seq":"1","hash":"00","box":"AAAA"}'],
  ])('refuses to open when the last complete line is damaged (%s)', async (_name, damaged) => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    await store.append(draft(randomUUID()));
    await appendFile(logFile(), `${damaged}\n`);
    const before = await readFile(logFile(), 'utf8');
    const error = await refusal(AuditLogStore.open(dir, VAULT, keys.base64));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/damaged/);
    expect(await readFile(logFile(), 'utf8')).toBe(before);
  });
});

describe('AuditLogStore: appends', () => {
  it('serialises 20 concurrent appends into seq 0..19 with a valid chain', async () => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    const clients = Array.from({ length: 20 }, () => randomUUID());
    const written = await Promise.all(clients.map((c, i) => store.append(draft(c, AT + i))));
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Appended in call order.
    expect(written.map((e) => e.clientId)).toEqual(clients);

    const entries = await decryptAll(store);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const result = await verify(entries, { seq: 19, hash: written[19]?.hash ?? '' });
    expect(result.ok).toBe(true);
  });

  it.each<[string, Partial<AuditDraft> | Record<string, unknown>]>([
    ['a name in the client id', { clientId: 'Acme GmbH' }],
    ['a name in the target id', { targetId: 'Hetzner bucket' }],
    ['a name in the partition', { partition: 'acme' }],
    ['a free-text reason param', { reason: { code: 'user-action', params: { note: 'Acme GmbH asked' } } }],
  ])('refuses a draft with %s and writes nothing', async (_name, patch) => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    await expect(store.append({ ...draft(randomUUID()), ...patch } as AuditDraft)).rejects.toThrow(/ids and codes only/);
    expect(await rawLines()).toEqual([]);
    expect(await store.lines()).toEqual([]);
    // The refused draft did not consume a seq, and the queue still runs.
    const next = await store.append(draft(randomUUID()));
    expect(next.seq).toBe(0);
    expect(next.prevHash).toBe(GENESIS_HASH);
  });

  it('a refused draft among concurrent appends leaves the others chained', async () => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    const results = await Promise.allSettled([
      store.append(draft(randomUUID())),
      store.append({ ...draft(randomUUID()), clientId: 'Acme GmbH' }),
      store.append(draft(randomUUID())),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const entries = await decryptAll(store);
    expect(entries.map((e) => e.seq)).toEqual([0, 1]);
    expect((await verify(entries)).ok).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('Acme');
  });

  it('lines() returns an unparseable line as invalid text rather than dropping it', async () => {
    const store = await AuditLogStore.open(dir, VAULT, keys.base64);
    await store.append(draft(randomUUID()));
    await appendFile(logFile(), 'garbage\n');
    const lines = await store.lines();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({ invalid: 'garbage' });
  });
});
