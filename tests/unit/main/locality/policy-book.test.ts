/**
 * The policy book on its own: no guard, no target registry, no audit file. An in-memory baseline,
 * a recorder over a sink that keeps the drafts (or refuses them), a dialog stub, and a
 * `reconcile` that only notes which clients it was asked about.
 */
import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../../src-main/locality/audit-chain.ts';
import { LocalityAudit, type AuditSink } from '../../../../src-main/locality/locality-audit.ts';
import { builtInLocalityData } from '../../../../src-main/locality/locality-data.ts';
import { PolicyBaseline } from '../../../../src-main/locality/policy-baseline.ts';
import { PolicyBook } from '../../../../src-main/locality/policy-book.ts';
import type { JsonStore } from '../../../../src-main/locality/target-registry.ts';
import { clientPolicySchema, type ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';

const NOW = Date.UTC(2026, 10, 15);
const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const OTHER_VAULT = '6e1d9f4a-3c2b-4d0e-9f8a-7b6c5d4e3f2a';
const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const NEWCOMER = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };
const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };

const read = (policies: Record<string, unknown>, fromDevice?: string) =>
  Object.entries(policies).map(([clientId, policy]) => ({ ...clientPolicySchema.parse({ clientId, policy }), ...(fromDevice ? { fromDevice } : {}) }));

function memory(): JsonStore & { value: unknown } {
  const store = {
    value: null as unknown,
    read: async () => store.value,
    write: async (v: unknown) => void (store.value = JSON.parse(JSON.stringify(v)) as unknown),
  };
  return store;
}

/** A sink that keeps what it is given, until told to refuse. */
function keepingSink() {
  const drafts: AuditDraft[] = [];
  const sink: AuditSink & { refuse: boolean } = {
    refuse: false,
    append: async (draft) => {
      if (sink.refuse) throw new Error('audit log refused the entry');
      drafts.push(draft);
    },
  };
  return { sink, drafts };
}

async function makeBook(answer: () => Promise<boolean> = async () => true) {
  const disk = memory();
  const baseline = await PolicyBaseline.load(disk);
  const audit = new LocalityAudit(() => NOW);
  const reconciled: string[] = [];
  const logs: string[] = [];
  const book = new PolicyBook({
    baseline,
    audit,
    confirm: { confirm: answer },
    checkContext: () => ({ data: builtInLocalityData(), now: NOW }),
    targets: () => [],
    reconcile: async (clientId) => void reconciled.push(clientId),
    log: (m) => logs.push(m),
  });
  return { book, audit, disk, reconciled, logs };
}

describe('PolicyBook', () => {
  it('knows nothing while closed, and refuses every change', async () => {
    const { book } = await makeBook();
    expect(book.isOpen).toBe(false);
    expect(book.policyOf(CLIENT)).toBeUndefined();
    expect(book.clients()).toEqual([]);
    expect(book.knows(CLIENT)).toBe(false);
    expect(() => book.preview(CLIENT, EU)).toThrow(/Unlock the vault first/);
    expect(() => book.toHonour()).toThrow(/Unlock the vault first/);
    await expect(book.setPolicy(CLIENT, EU, false)).rejects.toMatchObject({ code: 'refused' });
  });

  it('takes the vault’s policies as they are on a fresh device, and holds back only an unreadable one', async () => {
    const { book, audit, disk, logs } = await makeBook();
    const { sink, drafts } = keepingSink();
    const opened = await book.open(VAULT, sink, read({ [CLIENT]: EEA, [NEWCOMER]: { kind: 'countries', countries: ['ZZ'] } }));
    expect(opened.heldBack.map((h) => h.clientId)).toEqual([NEWCOMER]);
    expect(opened.awaiting).toEqual([]);
    expect(book.policyOf(CLIENT)).toEqual(EEA);
    expect(book.knows(NEWCOMER)).toBe(false);
    expect(audit.isOpen).toBe(true);
    expect(drafts).toEqual([]);
    expect(disk.value).toMatchObject({ clients: { [CLIENT]: { policy: EEA } } });
    expect(logs.join('\n')).toContain(`client ${NEWCOMER.slice(0, 8)} has an unreadable policy`);
  });

  it('holds a weaker policy that arrives by sync, records it first, and names it as awaiting', async () => {
    const { book, reconciled } = await makeBook();
    const { sink, drafts } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EEA }));
    const opened = await book.open(VAULT, sink, read({ [CLIENT]: ADQ }, 'laptop'), 'sync');
    expect(drafts.map((d) => [d.kind, d.clientId, d.reason.code])).toEqual([['policy-held', CLIENT, 'arrived-by-sync']]);
    expect(opened.awaiting).toMatchObject([{ clientId: CLIENT, fromDevice: 'laptop' }]);
    expect(book.policyOf(CLIENT)).toBeUndefined();
    expect(book.heldOf(CLIENT)?.policy).toEqual(ADQ);
    expect(reconciled).toEqual([CLIENT]);
    // Travel honours both: the held policy and the one still in force.
    expect(book.toHonour()).toEqual([[CLIENT, [ADQ, EEA]]]);
  });

  it('a stronger policy set here applies after its entry; a refused entry leaves the policy in force', async () => {
    const { book, reconciled } = await makeBook();
    const { sink, drafts } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EEA }));
    sink.refuse = true;
    await expect(book.setPolicy(CLIENT, EU, false)).rejects.toThrow(/refused the entry/);
    expect(book.policyOf(CLIENT)).toEqual(EEA);
    expect(reconciled).toEqual([]);
    sink.refuse = false;
    await expect(book.setPolicy(CLIENT, EU, false)).resolves.toMatchObject({ change: 'stronger' });
    expect(drafts.map((d) => d.kind)).toEqual(['policy-strengthened']);
    expect(book.policyOf(CLIENT)).toEqual(EU);
    expect(reconciled).toEqual([CLIENT]);
  });

  it('a weaker policy set here without asking is refused and recorded; asked and declined, it is recorded too', async () => {
    let yes = false;
    const { book } = await makeBook(async () => yes);
    const { sink, drafts } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EU }));
    await expect(book.setPolicy(CLIENT, ADQ, false)).rejects.toMatchObject({ code: 'refused' });
    await expect(book.setPolicy(CLIENT, ADQ, true)).rejects.toMatchObject({ code: 'refused' });
    expect(drafts.map((d) => [d.kind, d.reason.code])).toEqual([
      ['policy-change-refused', 'needs-confirmation'],
      ['policy-change-refused', 'user-declined'],
    ]);
    expect(book.policyOf(CLIENT)).toEqual(EU);
    yes = true;
    await book.setPolicy(CLIENT, ADQ, true);
    expect(drafts.at(-1)?.kind).toBe('policy-weakened');
    expect(book.policyOf(CLIENT)).toEqual(ADQ);
  });

  it('a first open that cannot record a change stays closed, its recorder too', async () => {
    const { book, audit } = await makeBook();
    const { sink } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EEA }));
    book.close();
    expect(audit.isOpen).toBe(false);
    sink.refuse = true;
    await expect(book.open(VAULT, sink, read({ [NEWCOMER]: EEA }))).rejects.toThrow(/refused the entry/);
    expect(book.isOpen).toBe(false);
    expect(audit.isOpen).toBe(false);
  });

  it('a re-open that cannot record a change keeps the session as it was', async () => {
    const { book } = await makeBook();
    const { sink } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EEA }));
    sink.refuse = true;
    await expect(book.open(VAULT, sink, read({ [CLIENT]: EU, [NEWCOMER]: EEA }), 'sync')).rejects.toThrow(/refused the entry/);
    expect(book.isOpen).toBe(true);
    expect(book.policyOf(CLIENT)).toEqual(EEA);
    expect(book.knows(NEWCOMER)).toBe(false);
  });

  it('another vault starts a new session: the first vault’s clients are not known there', async () => {
    const { book } = await makeBook();
    const { sink } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EEA }));
    const before = book.current;
    await book.open(OTHER_VAULT, sink, read({}));
    expect(book.current).not.toBe(before);
    expect(book.current?.vaultId).toBe(OTHER_VAULT);
    expect(book.clients()).toEqual([]);
  });

  it('forgets a client: neither in force nor held', async () => {
    const { book } = await makeBook();
    const { sink } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EEA, [NEWCOMER]: EU }));
    await book.open(VAULT, sink, read({ [CLIENT]: EEA, [NEWCOMER]: ADQ }), 'sync');
    expect(book.heldOf(NEWCOMER)).toBeDefined();
    book.forget(CLIENT);
    book.forget(NEWCOMER);
    expect(book.clients()).toEqual([]);
    expect(book.heldOf(NEWCOMER)).toBeUndefined();
  });

  it('runs changes one at a time: work queued behind an open question waits for its answer', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    const { book } = await makeBook(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const { sink } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EU }));
    const order: string[] = [];
    const change = book.setPolicy(CLIENT, ADQ, true).then(() => order.push('policy'));
    const queued = book.exclusive(
      async () => void order.push(`queued saw ${book.policyOf(CLIENT)?.kind === 'zone' ? (book.policyOf(CLIENT) as { zone: string }).zone : '?'}`),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    answer(true);
    await Promise.all([change, queued]);
    expect(order).toEqual(['policy', 'queued saw EEA+adequacy']);
  });

  it('a change whose question was open while the vault was locked changes nothing', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    const { book } = await makeBook(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const { sink, drafts } = keepingSink();
    await book.open(VAULT, sink, read({ [CLIENT]: EU }));
    const change = book.setPolicy(CLIENT, ADQ, true);
    await new Promise((resolve) => setImmediate(resolve));
    book.close();
    answer(true);
    await expect(change).rejects.toThrow(/locked while the question was open/);
    expect(drafts).toEqual([]);
  });
});
