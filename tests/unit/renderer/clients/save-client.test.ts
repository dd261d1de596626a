/**
 * Saving a client against main's real handler table: main takes the policy before the vault is
 * written, so a refusal, or the person's no in main's dialog, leaves the vault as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import { saveClientWithPolicy, type SaveClientDeps } from '../../../../src-renderer/clients/save-client.ts';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import type { NewClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { startRealMain, type RealMain } from '../../support/real-main.ts';

const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };

let main: RealMain | undefined;
afterEach(async () => {
  await main?.stop();
  main = undefined;
});

/** A vault of records in memory: what was written, and a switch that makes the next write fail. */
function vault() {
  const rows = new Map<string, Client>();
  const state = { fail: false, writes: 0 };
  const saveClient = async (input: NewClient, id?: string): Promise<Client> => {
    if (state.fail) throw new Error('The vault refused the record.');
    state.writes++;
    const client = { ...input, id: id ?? input.id ?? randomUUID() } as Client;
    rows.set(client.id, client);
    return client;
  };
  return { rows, state, saveClient };
}

async function world(clients: Client[] = []) {
  main = await startRealMain();
  await main.unlock(clients.map((c) => ({ clientId: c.id, policy: c.residency })));
  const v = vault();
  for (const c of clients) v.rows.set(c.id, c);
  // What the renderer's session lifecycle knows: main's guard opened at unlock (closeGuard: it locked, or never opened).
  const guard = { open: true };
  const closeGuard = async () => {
    guard.open = false;
    await main!.api.locality.close();
  };
  const deps: SaveClientDeps = { saveClient: v.saveClient, newId: randomUUID, guardOpen: async () => guard.open, locality: main.api.locality };
  const inForce = async (id: string, policy: ResidencyPolicy) => {
    const preview = await main!.api.locality.previewPolicy(id, policy);
    return preview.ok ? preview.value.change : preview.error.code;
  };
  return { main, vault: v, deps, inForce, closeGuard };
}

const acme = (residency: ResidencyPolicy): Client => ({ id: randomUUID(), name: 'Acme', residency }) as Client;
const input = (residency: ResidencyPolicy, name = 'Acme') => ({ name, residency }) as NewClient;

describe('saveClientWithPolicy against main', () => {
  it('a new client: main takes the policy under the id the record is then created with', async () => {
    const { deps, vault: v, inForce } = await world();
    const outcome = await saveClientWithPolicy(deps, undefined, input(EEA));
    expect(outcome.kind).toBe('saved');
    const saved = outcome.kind === 'saved' ? outcome.saved : undefined;
    expect(v.rows.get(saved!.id)?.residency).toEqual(EEA);
    expect(await inForce(saved!.id, EEA)).toBe('same');
  });

  it('a wider policy the person declines in main’s dialog: nothing is written, main keeps the old one', async () => {
    const existing = acme(EEA);
    const { main: m, deps, vault: v, inForce } = await world([existing]);
    m.dialogs.nextConfirm = 'cancel';
    const outcome = await saveClientWithPolicy(deps, existing, input(ADQ));
    expect(outcome.kind).toBe('policy-refused');
    expect(m.dialogs.confirmations).toHaveLength(1);
    expect(v.state.writes).toBe(0);
    expect(v.rows.get(existing.id)?.residency).toEqual(EEA);
    expect(await inForce(existing.id, EEA)).toBe('same');
  });

  it('a wider policy allowed, then the vault fails: main gets the old policy back', async () => {
    const existing = acme(EEA);
    const { main: m, deps, vault: v, inForce } = await world([existing]);
    v.state.fail = true;
    const outcome = await saveClientWithPolicy(deps, existing, input(ADQ));
    expect(outcome).toEqual({ kind: 'not-saved', message: 'The client was not saved: The vault refused the record.' });
    expect(m.dialogs.confirmations).toHaveLength(1);
    expect(await inForce(existing.id, EEA)).toBe('same');
  });

  it('a wider policy allowed: in force in main, then in the record', async () => {
    const existing = acme(EEA);
    const { deps, vault: v, inForce } = await world([existing]);
    expect((await saveClientWithPolicy(deps, existing, input(ADQ))).kind).toBe('saved');
    expect(v.rows.get(existing.id)?.residency).toEqual(ADQ);
    expect(await inForce(existing.id, ADQ)).toBe('same');
  });

  it('a narrower policy applies without a question; a failed write leaves main the stricter one and says so', async () => {
    const existing = acme(ADQ);
    const { main: m, deps, vault: v, inForce } = await world([existing]);
    v.state.fail = true;
    const failed = await saveClientWithPolicy(deps, existing, input(EU));
    expect(failed.kind === 'not-saved' && failed.message).toContain('already applies the stricter policy');
    expect(await inForce(existing.id, EU)).toBe('same');
    v.state.fail = false;
    expect((await saveClientWithPolicy(deps, existing, input(EU))).kind).toBe('saved');
    expect(v.rows.get(existing.id)?.residency).toEqual(EU);
    expect(m.dialogs.confirmations).toHaveLength(0);
  });

  it('a policy main cannot read is refused before anything is written, in the words of the field', async () => {
    const { deps, vault: v } = await world();
    const outcome = await saveClientWithPolicy(deps, undefined, input({ kind: 'countries', countries: ['DE', 'ZZ'] }));
    expect(outcome).toEqual({
      kind: 'policy-refused',
      message: 'Allowed countries: “ZZ” is not a country Caravan knows. Choose the countries from the list, then save again. Nothing was saved.',
    });
    expect(v.state.writes).toBe(0);
  });

  it('an existing client with a policy main cannot read: the preview’s refusal is in the field’s words too', async () => {
    const existing = acme(EEA);
    const { deps, vault: v } = await world([existing]);
    const outcome = await saveClientWithPolicy(deps, existing, input({ kind: 'countries', countries: ['DE', 'DE'] }));
    expect(outcome.kind !== 'saved' && outcome.message).toBe(
      'Allowed countries: list each country once, and at least one (or choose “This device only”), then save again. Nothing was saved.',
    );
    expect(v.state.writes).toBe(0);
  });

  it('a rename while main’s guard is closed (it failed to open): written, and said not to be in force', async () => {
    const existing = acme(EEA);
    const { main: m, deps, vault: v, inForce, closeGuard } = await world([existing]);
    await closeGuard();
    const outcome = await saveClientWithPolicy(deps, existing, input(EEA, 'Acme GmbH'));
    expect(outcome).toMatchObject({ kind: 'saved', inForce: false, heldOnDisallowed: [] });
    expect(v.rows.get(existing.id)?.name).toBe('Acme GmbH');
    expect(m.dialogs.confirmations).toHaveLength(0);
    await m.unlock([{ clientId: existing.id, policy: EEA }]);
    expect(await inForce(existing.id, EEA)).toBe('same');
  });

  it('a wider policy written while the guard was closed is held at the next open until the person allows it in main', async () => {
    const existing = acme(EEA);
    const { main: m, deps, vault: v, inForce, closeGuard } = await world([existing]);
    await closeGuard();
    expect((await saveClientWithPolicy(deps, existing, input(ADQ))).kind).toBe('saved');
    expect(v.rows.get(existing.id)?.residency).toEqual(ADQ);
    await m.unlock([{ clientId: existing.id, policy: ADQ }]);
    // Held: the policy in force is still the narrower one, and the wider one still needs main's yes.
    expect(await inForce(existing.id, EEA)).toBe('same');
    expect(await inForce(existing.id, ADQ)).toBe('weaker');
    expect(m.dialogs.confirmations).toHaveLength(0);
  });

  it('a new client while the guard is closed: written, and main takes its policy at the next open', async () => {
    const { main: m, deps, vault: v, inForce, closeGuard } = await world();
    await closeGuard();
    const outcome = await saveClientWithPolicy(deps, undefined, input(EU));
    expect(outcome).toMatchObject({ kind: 'saved', inForce: false });
    const id = outcome.kind === 'saved' ? outcome.saved.id : '';
    expect(v.rows.get(id)?.residency).toEqual(EU);
    await m.unlock([{ clientId: id, policy: EU }]);
    expect(await inForce(id, EU)).toBe('same');
  });

  it('a policy main cannot read is refused while the guard is closed too', async () => {
    const { deps, vault: v, closeGuard } = await world();
    await closeGuard();
    const outcome = await saveClientWithPolicy(deps, undefined, input({ kind: 'countries', countries: ['ZZ'] }));
    expect(outcome.kind).toBe('policy-refused');
    expect(v.state.writes).toBe(0);
  });
});
