import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOW_CODES, DENY_CODES, OTHER_CODES } from '../../../../src-main/locality/audit-reason.ts';
import { AUDIT_KINDS, anchorOf, append, canonicalJson, verify, type AuditDraft, type AuditEntry } from '../../../../src-main/locality/audit-chain.ts';

const CODES = [...ALLOW_CODES, ...DENY_CODES, ...OTHER_CODES];

const draftArb: fc.Arbitrary<AuditDraft> = fc.record(
  {
    at: fc.nat({ max: 2 ** 45 }),
    kind: fc.constantFrom(...AUDIT_KINDS),
    clientId: fc.uuid(),
    targetId: fc.uuid(),
    partition: fc.oneof(fc.constant('workspace'), fc.uuid()),
    reason: fc.record({
      code: fc.constantFrom(...CODES),
      params: fc.record(
        {
          country: fc.constantFrom('DE', 'GB', 'US', 'CH'),
          provider: fc.constantFrom('aws', 'wasabi', 'r2', 'folder'),
          code: fc.constantFrom('eu-west-2', 'eu-central-1', 'eu', 'weur'),
          policy: fc.constantFrom('device-only', 'zone:EU', 'zone:EEA+adequacy', 'countries:DE,FR'),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { requiredKeys: ['at', 'kind', 'reason'] },
);

async function build(list: readonly AuditDraft[]): Promise<AuditEntry[]> {
  const chain: AuditEntry[] = [];
  for (const draft of list) {
    const result = await append(chain, draft);
    if (!result.ok) throw new Error(result.issues.join('\n'));
    chain.push(result.entry);
  }
  return chain;
}

const flip = (hex: string): string => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
const other = <T>(list: readonly T[], value: T): T => list[(list.indexOf(value) + 1) % list.length] as T;

/** One edit that always changes the entry. */
const EDITS: Record<string, (e: AuditEntry) => AuditEntry> = {
  at: (e) => ({ ...e, at: e.at + 1 }),
  kind: (e) => ({ ...e, kind: other(AUDIT_KINDS, e.kind) }),
  reason: (e) => ({ ...e, reason: { ...e.reason, code: other(CODES, e.reason.code) } }),
  clientId: (e) => ({ ...e, clientId: e.clientId === undefined ? '00000000-0000-4000-8000-000000000000' : flip(e.clientId) }),
  dropTarget: (e) => (e.targetId === undefined ? { ...e, targetId: 'abcdefabcdefabcd' } : { ...e, targetId: undefined }),
  prevHash: (e) => ({ ...e, prevHash: flip(e.prevHash) }),
  hash: (e) => ({ ...e, hash: flip(e.hash) }),
  seq: (e) => ({ ...e, seq: e.seq + 1 }),
};

type Mutation =
  | { op: 'edit'; at: number; field: string }
  | { op: 'remove'; at: number }
  | { op: 'insert'; at: number; from: number }
  | { op: 'swap'; at: number; with: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('edit' as const), at: fc.nat(), field: fc.constantFrom(...Object.keys(EDITS)) }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), from: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
);

function mutate(chain: readonly AuditEntry[], m: Mutation): AuditEntry[] {
  const n = chain.length;
  const copy = [...chain];
  const i = m.at % n;
  switch (m.op) {
    case 'edit':
      copy[i] = (EDITS[m.field] as (e: AuditEntry) => AuditEntry)(copy[i] as AuditEntry);
      return copy;
    case 'remove':
      copy.splice(i, 1);
      return copy;
    case 'insert':
      copy.splice(m.at % (n + 1), 0, chain[m.from % n] as AuditEntry);
      return copy;
    case 'swap': {
      const j = m.with % n === i ? (i + 1) % n : m.with % n;
      [copy[i], copy[j]] = [copy[j] as AuditEntry, copy[i] as AuditEntry];
      return copy;
    }
  }
}

/** The first index where the mutated log differs from the real one: where verify must point. */
function firstDifference(a: readonly AuditEntry[], b: readonly AuditEntry[]): number {
  let i = 0;
  while (i < a.length && i < b.length && canonicalJson(a[i]) === canonicalJson(b[i])) i += 1;
  return i;
}

describe('audit chain properties', () => {
  it('verifies every chain append builds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draftArb, { maxLength: 12 }), async (list) => {
        const chain = await build(list);
        expect(await verify(chain, anchorOf(chain))).toMatchObject({ ok: true, count: list.length });
      }),
      { numRuns: 100 },
    );
  });

  it('fails verification at the first changed seq after any single edit, removal, insertion or reorder', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draftArb, { minLength: 2, maxLength: 12 }), mutationArb, async (list, m) => {
        const chain = await build(list);
        const tampered = mutate(chain, m);
        const expected = firstDifference(chain, tampered);
        const result = await verify(tampered, anchorOf(chain));
        expect(result.ok).toBe(false);
        expect(result.ok ? -1 : result.seq).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
