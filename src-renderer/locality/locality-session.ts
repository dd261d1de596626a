/**
 * Keeps main's locality guard in step with the vault. On unlock main learns
 * each client's residency policy (by id; never a name) and the public key it
 * seals the audit log to; on lock it forgets them, so nothing of any client
 * can leave while the vault is locked.
 *
 * Main compares each policy with the one it last put in force: a wider one
 * that reached the vault by sync or a bundle is held (nothing of that client
 * leaves this device) until the person allows it in main's own dialog, which
 * `allowWiderPolicy` asks main to show.
 */
import type { PolicySource } from '../../src-preload/contract/locality.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { currentAuditKeys, repoContext } from '../vault/session/runtime.ts';
import { listClients } from '../vault/repos/clients.ts';
import { toBase64 } from '../vault/crypto/encoding.ts';

/** A client's residency as main's guard reads it (the same shape, copied so no vault object crosses). */
export function toPolicyWire(residency: ResidencyPolicy): ResidencyPolicy {
  switch (residency.kind) {
    case 'device-only':
      return { kind: 'device-only' };
    case 'zone':
      return { kind: 'zone', zone: residency.zone, ...(residency.attestations?.length ? { attestations: residency.attestations.map((a) => ({ ...a })) } : {}) };
    case 'countries':
      return {
        kind: 'countries',
        countries: [...residency.countries],
        ...(residency.attestations?.length ? { attestations: residency.attestations.map((a) => ({ ...a })) } : {}),
      };
  }
}

/** A client whose policy main could not read: nothing of it leaves this device until its policy is saved again. */
export interface HeldBackClient {
  clientId: string;
  name: string;
  problem: string;
}

/** A client whose wider policy main holds until the person allows it on this device. */
export interface AwaitingClient {
  clientId: string;
  name: string;
  /** Countries the wider policy would open. */
  added: string[];
}

export interface LocalityOpenedView {
  heldBack: HeldBackClient[];
  awaiting: AwaitingClient[];
}

/** Device ids main records are 32 hex characters; anything else the sync layout allows is left out rather than refused. */
const DEVICE_ID = /^[0-9a-f]{32}$/;

/**
 * Tells main the clients' policies, and why (`source`: an unlock, records merged by sync, a bundle
 * import; `fromDevice`: the device whose residency change sync merged, per client, when known).
 * Resolves with the clients main held back, each named: unreadable policies, and wider ones
 * waiting for the person. Does nothing while no audit key is in memory.
 */
export async function openLocality(
  vaultId: string,
  source: PolicySource = 'unlock',
  fromDevice: ReadonlyMap<string, string> = new Map(),
): Promise<LocalityOpenedView> {
  const keys = currentAuditKeys();
  if (!keys) return { heldBack: [], awaiting: [] };
  const clients = await listClients(repoContext());
  const opened = await unwrap(
    caravan().locality.open(
      vaultId,
      toBase64(keys.publicKey()),
      clients.map((c) => {
        const device = fromDevice.get(c.id);
        return { clientId: c.id, policy: toPolicyWire(c.residency), ...(device && DEVICE_ID.test(device) ? { fromDevice: device } : {}) };
      }),
      source,
    ),
  );
  const names = new Map(clients.map((c) => [c.id, c.name]));
  const name = (id: string) => names.get(id) ?? 'A client';
  return {
    heldBack: opened.heldBack.map((h) => ({ ...h, name: name(h.clientId) })),
    awaiting: opened.awaiting.map((a) => ({ clientId: a.clientId, name: name(a.clientId), added: a.added })),
  };
}

/**
 * Asks main to put its own question about a client's wider policy (the one the vault holds) and
 * to apply it on the person's yes. Rejects with main's words when the person says no.
 */
export async function allowWiderPolicy(client: { id: string; name: string; residency: ResidencyPolicy }): Promise<void> {
  await unwrap(caravan().locality.setPolicy(client.id, toPolicyWire(client.residency), true, client.name));
}

/** Words for clients whose wider policy waits, or null when none does. */
export function awaitingMessage(awaiting: readonly AwaitingClient[]): string | null {
  if (awaiting.length === 0) return null;
  const names = awaiting.map((a) => a.name).join(', ');
  const one = awaiting.length === 1;
  return `${one ? 'A wider residency policy' : 'Wider residency policies'} for ${names} ${one ? 'was' : 'were'} made on another device or in a bundle. Nothing of ${one ? 'this client' : 'these clients'} leaves this device until you allow it here: Clients, Review.`;
}

/** Words for the held-back clients, or null when there are none. */
export function heldBackMessage(heldBack: readonly HeldBackClient[]): string | null {
  if (heldBack.length === 0) return null;
  // Main's reason starts with where in the policy it found the problem ("countries.1: …"): the person needs only the words.
  const list = heldBack.map((h) => `${h.name} (${h.problem.replace(/^[A-Za-z]+(?:\.\d+)*: /u, '')})`).join('; ');
  return `The locality guard could not read the residency policy of ${list}. Nothing of ${heldBack.length === 1 ? 'this client' : 'these clients'} will be synced until the policy is saved again in the client's settings; the other clients sync as usual.`;
}

export async function closeLocality(): Promise<void> {
  await caravan().locality.close();
}
