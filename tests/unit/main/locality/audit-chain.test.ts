import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  anchorOf,
  append,
  canonicalJson,
  formatAuditReason,
  hashEntry,
  verify,
  type AuditDraft,
  type AuditEntry,
  type VerifyProblem,
} from '../../../../src-main/locality/audit-chain.ts';
import { check } from '../../../../src-main/locality/check.ts';
import { resolveLocation } from '../../../../src-main/locality/resolve-location.ts';

const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TARGET = '01JD8X3QZ5R6T7V8W9XAYBZC0D';
const NAS = '9b1e4c2a7d3f8e60';

const drafts: AuditDraft[] = [
  { at: 1_700_000_000_000, kind: 'policy-set', clientId: CLIENT, reason: { code: 'user-action', params: { to: 'zone:EEA' } } },
  {
    at: 1_700_000_001_000,
    kind: 'egress-allowed',
    clientId: CLIENT,
    targetId: TARGET,
    partition: CLIENT,
    reason: {
      code: 'within-policy',
      params: { operation: 'sync-upload', policy: 'zone:EEA', provider: 'aws', code: 'eu-central-1', country: 'DE', guarantee: 'region' },
    },
  },
  {
    at: 1_700_000_002_000,
    kind: 'egress-denied',
    clientId: CLIENT,
    targetId: NAS,
    partition: CLIENT,
    reason: {
      code: 'outside-policy',
      params: { operation: 'sync-upload', policy: 'zone:EEA', provider: 'aws', code: 'eu-west-2', country: 'GB', guarantee: 'region' },
    },
  },
  {
    at: 1_700_000_003_000,
    kind: 'policy-weakened',
    clientId: CLIENT,
    reason: { code: 'user-confirmed', params: { from: 'zone:EEA', to: 'zone:EEA+adequacy' } },
  },
  { at: 1_700_000_004_000, kind: 'travel-start', partition: 'workspace', reason: { code: 'user-action', params: { country: 'US' } } },
];

async function build(list: readonly AuditDraft[] = drafts): Promise<AuditEntry[]> {
  const chain: AuditEntry[] = [];
  for (const draft of list) {
    const result = await append(chain, draft);
    if (!result.ok) throw new Error(result.issues.join('\n'));
    chain.push(result.entry);
  }
  return chain;
}

/** Re-hashes an edited entry so only the link to the next one betrays it. */
async function rehash(entry: AuditEntry): Promise<AuditEntry> {
  const { hash: _old, ...body } = entry;
  return { ...body, hash: await hashEntry(body) };
}

describe('audit chain', () => {
  it('appends with seq from 0, links each entry to the previous hash, and verifies', async () => {
    const chain = await build();
    expect(chain.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i += 1) expect(chain[i]?.prevHash).toBe(chain[i - 1]?.hash);
    expect(new Set(chain.map((e) => e.hash)).size).toBe(5);
    expect(await verify(chain, anchorOf(chain))).toEqual({ ok: true, count: 5, head: { seq: 4, hash: chain[4]?.hash } });
    expect(await verify([])).toEqual({ ok: true, count: 0, head: null });
  });

  it('survives a JSON round trip (what storage does)', async () => {
    const chain = await build();
    expect((await verify(JSON.parse(JSON.stringify(chain)) as unknown[])).ok).toBe(true);
  });

  it('hashes a canonical form: key order does not matter, undefined fields are left out', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    const [first] = await build();
    if (!first) throw new Error('no entry');
    const { hash, ...body } = first;
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as typeof body;
    expect(await hashEntry(reordered)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  type Case = [name: string, mutate: (c: AuditEntry[]) => Promise<unknown[]> | unknown[], expected: { seq: number; problem: VerifyProblem }];
  const cases: Case[] = [
    [
      'an edited reason',
      (c) => c.map((e) => (e.seq === 2 ? { ...e, reason: { ...e.reason, code: 'within-policy' } } : e)),
      { seq: 2, problem: 'hash-mismatch' },
    ],
    ['an edited time in the first entry', (c) => c.map((e) => (e.seq === 0 ? { ...e, at: e.at + 1 } : e)), { seq: 0, problem: 'hash-mismatch' }],
    ['an edited last entry', (c) => c.map((e) => (e.seq === 4 ? { ...e, kind: 'travel-end' } : e)), { seq: 4, problem: 'hash-mismatch' }],
    [
      'an edit with a recomputed hash',
      async (c) => Promise.all(c.map((e) => (e.seq === 2 ? rehash({ ...e, kind: 'egress-allowed' }) : e))),
      { seq: 3, problem: 'broken-link' },
    ],
    ['a removed middle entry', (c) => c.filter((e) => e.seq !== 2), { seq: 2, problem: 'seq-mismatch' }],
    ['a removed first entry', (c) => c.slice(1), { seq: 0, problem: 'seq-mismatch' }],
    ['a removed last entry (caught by the anchor)', (c) => c.slice(0, -1), { seq: 4, problem: 'truncated' }],
    ['an inserted copy', (c) => [...c.slice(0, 3), c[1], ...c.slice(3)], { seq: 3, problem: 'seq-mismatch' }],
    [
      'an inserted forged entry that links correctly',
      async (c) => {
        const forged = await append(c.slice(0, 2), { at: 1, kind: 'egress-allowed', reason: { code: 'within-policy', params: {} } });
        if (!forged.ok) throw new Error('forge failed');
        return [...c.slice(0, 2), forged.entry, ...c.slice(2)];
      },
      { seq: 3, problem: 'seq-mismatch' },
    ],
    ['two entries swapped', (c) => [c[0], c[3], c[2], c[1], c[4]], { seq: 1, problem: 'seq-mismatch' }],
    ['renumbered after a removal', (c) => c.filter((e) => e.seq !== 1).map((e, i) => ({ ...e, seq: i })), { seq: 1, problem: 'broken-link' }],
    [
      'a rewritten tail (caught by the anchor)',
      async (c) => {
        const rewritten = await build(drafts.slice(0, 2));
        for (const d of drafts.slice(2)) {
          const r = await append(rewritten, { ...d, at: d.at + 5 });
          if (r.ok) rewritten.push(r.entry);
        }
        return rewritten.length === c.length ? rewritten : [];
      },
      { seq: 4, problem: 'anchor-mismatch' },
    ],
    ['a name smuggled into an entry', (c) => c.map((e) => (e.seq === 1 ? { ...e, clientName: 'Acme GmbH' } : e)), { seq: 1, problem: 'invalid-entry' }],
    ['an entry that is not an object', (c) => [c[0], 'entry', ...c.slice(2)], { seq: 1, problem: 'invalid-entry' }],
  ];

  it.each(cases)('detects %s', async (_name, mutate, expected) => {
    const chain = await build();
    const result = await verify(await mutate(chain), anchorOf(chain));
    expect(result).toMatchObject({ ok: false, ...expected });
    expect(result.ok ? '' : result.message).toMatch(/\w+/);
  });

  it('without an anchor, cannot see a removed last entry (why the head is kept elsewhere)', async () => {
    const chain = await build();
    expect((await verify(chain.slice(0, -1))).ok).toBe(true);
  });
});

describe('append keeps names out', () => {
  const base = drafts[1] as AuditDraft;
  it.each<[string, unknown]>([
    ['a name as client id', { ...base, clientId: 'Acme GmbH' }],
    ['a one-word name as client id', { ...base, clientId: 'acme' }],
    ['a name as target id', { ...base, targetId: 'My NAS' }],
    ['a name as partition', { ...base, partition: 'Acme' }],
    ['a free-text param', { ...base, reason: { code: 'within-policy', params: { note: 'for Acme' } } }],
    ['a name in the region slot', { ...base, reason: { code: 'within-policy', params: { code: 'Acme Server' } } }],
    ['a name in a policy summary', { ...base, reason: { code: 'user-action', params: { to: 'countries:Acme' } } }],
    ['a made-up country in a policy summary', { ...base, reason: { code: 'user-action', params: { to: 'countries:DE,QQ' } } }],
    ['a reason as free text', { ...base, reason: 'Acme asked for it' }],
    ['an unknown reason code', { ...base, reason: { code: 'because', params: {} } }],
    ['an unknown kind', { ...base, kind: 'note' }],
    ['an extra field', { ...base, clientName: 'Acme' }],
    ['a negative time', { ...base, at: -1 }],
    ['a caller-chosen seq', { ...base, seq: 7 }],
  ])('refuses %s', async (_name, draft) => {
    const result = await append([], draft);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.length).toBeGreaterThan(0);
  });

  it.each([[CLIENT], [TARGET], [NAS]])('accepts the opaque id %s', async (id) => {
    expect((await append([], { ...base, clientId: id, targetId: id, partition: id })).ok).toBe(true);
  });

  it('accepts a check decision as is', async () => {
    const decision = check({ kind: 'zone', zone: 'EU' }, resolveLocation({ provider: 'aws', region: 'eu-west-2' }), 'sync-upload', 'Acme', {
      now: Date.UTC(2026, 10, 15),
    });
    const result = await append([], {
      at: 1,
      kind: decision.allowed ? 'egress-allowed' : 'egress-denied',
      clientId: CLIENT,
      targetId: TARGET,
      reason: decision.audit,
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('Acme');
  });
});

describe('formatAuditReason', () => {
  it('puts names in at display time only', async () => {
    const chain = await build();
    const names = { clients: { [CLIENT]: 'Acme' }, targets: { [NAS]: 'Office NAS', [TARGET]: 'AWS backup' } };
    expect(formatAuditReason(chain[2] as AuditEntry, names)).toBe(
      'Sync upload to Office NAS for Acme blocked: AWS eu-west-2 in United Kingdom (GB) is outside the EEA.',
    );
    expect(formatAuditReason(chain[1] as AuditEntry, names)).toBe(
      'Sync upload to AWS backup for Acme allowed: AWS eu-central-1 in Germany (DE) is within the EEA.',
    );
    expect(formatAuditReason(chain[3] as AuditEntry, names)).toBe(
      'Residency policy of Acme weakened from the EEA to the EEA or an adequate country: you confirmed the change.',
    );
  });

  it('shows a short id for a client it has no name for', async () => {
    const chain = await build();
    expect(formatAuditReason(chain[2] as AuditEntry)).toMatch(/^Sync upload to target 9b1e4c2a for client 3f2a1b2c blocked: /);
  });
});
