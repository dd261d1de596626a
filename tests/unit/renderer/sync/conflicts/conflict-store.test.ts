/**
 * The conflict list (conflict-store.ts) and its answers (conflict-actions.ts) on a real vault:
 * stored encrypted under the partition's key, a conflict answered is not listed again, "Use this
 * value instead" writes the lost value as a new local change (logged to be sent), and a record
 * deleted since, or a value that no longer fits, writes nothing.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, getClient, removeClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { addConflicts, answerConflict, listConflicts, type ConflictStore } from '../../../../../src-renderer/sync/conflicts/conflict-store.ts';
import { keepValue, chooseLostValue } from '../../../../../src-renderer/sync/conflicts/conflict-actions.ts';
import type { DetectedConflict } from '../../../../../src-renderer/sync/engine/conflicts.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, newVault, type Device } from '../engine/harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

function storeOf(d: Device, vaultId: string): ConflictStore & { raw: Map<string, Uint8Array> } {
  const raw = new Map<string, Uint8Array>();
  return {
    raw,
    vaultId,
    read: async (p) => raw.get(p),
    write: async (p, bytes) => void raw.set(p, bytes),
    partitions: async () => [...raw.keys()],
    key: (p) => {
      try {
        return d.workspace.keyRing.keyFor(p === 'workspace' ? 'workspace' : `client:${p}`);
      } catch {
        return null;
      }
    },
  };
}

const hlc = (n: number) => n.toString(16).padStart(12, '0') + '0000' + 'b'.repeat(16);

function notesConflict(clientId: string, kept: string, lost: string, n = 1): DetectedConflict {
  return {
    partition: clientId,
    table: 'clients',
    id: clientId,
    field: 'notes',
    kept: { write: { op: 'set', value: kept, hlc: hlc(n + 1) }, device: 'dev-b' },
    lost: { write: { op: 'set', value: lost, hlc: hlc(n) }, device: 'dev-a' },
  };
}

describe('conflict store', () => {
  it('keeps the list encrypted, lists it, and does not list an answered conflict again', async () => {
    const vault = newVault();
    const d = await device(vault);
    const store = storeOf(d, vault.vaultId);
    const client = await createClient(d.workspace.ctx, clientInput({ notes: 'kept value' }));
    expect(await addConflicts(store, [notesConflict(client.id, 'kept value', 'secret lost value')], 1000)).toBe(1);
    const bytes = store.raw.get(client.id)!;
    expect(new TextDecoder().decode(bytes)).not.toContain('secret lost value');
    const [listed] = await listConflicts(store);
    expect(listed).toMatchObject({ partition: client.id, field: 'notes', lost: { value: 'secret lost value', device: 'dev-a' }, at: 1000 });
    await keepValue({ store }, listed!);
    expect(await listConflicts(store)).toEqual([]);
    // Met again (a resync): still answered.
    expect(await addConflicts(store, [notesConflict(client.id, 'kept value', 'secret lost value')], 2000)).toBe(0);
    expect(await listConflicts(store)).toEqual([]);
  });

  it('a newer conflict of one field replaces the open one; an older one does not', async () => {
    const vault = newVault();
    const d = await device(vault);
    const store = storeOf(d, vault.vaultId);
    const client = await createClient(d.workspace.ctx, clientInput());
    await addConflicts(store, [notesConflict(client.id, 'second', 'first', 10)], 1);
    await addConflicts(store, [notesConflict(client.id, 'third', 'second', 20)], 2);
    await addConflicts(store, [notesConflict(client.id, 'old', 'older', 5)], 3);
    expect((await listConflicts(store)).map((c) => c.kept.value)).toEqual(['third']);
  });

  it('a list whose key is gone (an erased client) or that does not open reads as empty', async () => {
    const vault = newVault();
    const d = await device(vault);
    const store = storeOf(d, vault.vaultId);
    const client = await createClient(d.workspace.ctx, clientInput());
    await addConflicts(store, [notesConflict(client.id, 'a', 'b')], 1);
    store.raw.set(client.id, new Uint8Array([1, 2, 3]));
    expect(await listConflicts(store)).toEqual([]);
    await answerConflict(store, 'no-such-client', 'k');
    expect(await listConflicts(store)).toEqual([]);
  });
});

describe('use this value instead', () => {
  it('writes the lost value as a new local change, to be sent, and answers the conflict', async () => {
    const vault = newVault();
    const d = await device(vault);
    const store = storeOf(d, vault.vaultId);
    const client = await createClient(d.workspace.ctx, clientInput({ notes: 'kept value' }));
    await addConflicts(store, [notesConflict(client.id, 'kept value', 'the one I meant')], 1);
    const [conflict] = await listConflicts(store);
    const before = (await readChanges(d.workspace.ctx.db, `client:${client.id}`)).length;
    const outcome = await chooseLostValue({ db: d.workspace.ctx.db, clock: d.workspace.ctx.clock, store, now: () => Date.now() }, conflict!);
    expect(outcome).toEqual({ ok: true });
    expect((await getClient(d.workspace.ctx, client.id)).notes).toBe('the one I meant');
    const log = await readChanges(d.workspace.ctx.db, `client:${client.id}`);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ changes: expect.arrayContaining([expect.objectContaining({ field: 'notes', value: 'the one I meant' })]) });
    expect(log.at(-1)?.origin).toBeUndefined();
    expect(await listConflicts(store)).toEqual([]);
  });

  it('a record deleted since, or a value that no longer fits, writes nothing and stays listed', async () => {
    const vault = newVault();
    const d = await device(vault);
    const store = storeOf(d, vault.vaultId);
    const deps = { db: d.workspace.ctx.db, clock: d.workspace.ctx.clock, store, now: () => Date.now() };
    const client = await createClient(d.workspace.ctx, clientInput());
    const bad: DetectedConflict = { ...notesConflict(client.id, 'EUR', 'not a currency'), field: 'currency' };
    await addConflicts(store, [bad], 1);
    const [conflict] = await listConflicts(store);
    const outcome = await chooseLostValue(deps, conflict!);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.message).toMatch(/no longer fits this client/);
    expect((await getClient(d.workspace.ctx, client.id)).currency).toBe('EUR');
    expect(await listConflicts(store)).toHaveLength(1);

    await removeClient(d.workspace.ctx, client.id);
    const gone = await chooseLostValue(deps, conflict!);
    expect(gone.ok ? '' : gone.message).toMatch(/deleted since/);
  });
  it('a field changed again since the conflict is not overwritten by "Use this value instead"', async () => {
    const vault = newVault();
    const d = await device(vault);
    const store = storeOf(d, vault.vaultId);
    const deps = { db: d.workspace.ctx.db, clock: d.workspace.ctx.clock, store, now: () => Date.now() };
    const client = await createClient(d.workspace.ctx, clientInput({ notes: 'kept value' }));
    await addConflicts(store, [notesConflict(client.id, 'kept value', 'the laptop value')], 1);
    // A week later the person writes new notes; the list still shows "In use: kept value".
    await updateClient(d.workspace.ctx, client.id, { notes: 'new terms for 2027' });
    const [conflict] = await listConflicts(store);
    const outcome = await chooseLostValue(deps, conflict!);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.message).toMatch(/changed since/);
    expect((await getClient(d.workspace.ctx, client.id)).notes).toBe('new terms for 2027');
    expect(await listConflicts(store)).toHaveLength(1);
  });
});
