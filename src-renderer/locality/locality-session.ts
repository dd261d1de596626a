/**
 * Keeps main's locality guard in step with the vault. On unlock main learns
 * each client's residency policy (by id; never a name) and the public key it
 * seals the audit log to; on lock it forgets them, so nothing of any client
 * can leave while the vault is locked.
 */
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
      return { kind: 'countries', countries: [...residency.countries], ...(residency.attestations?.length ? { attestations: residency.attestations.map((a) => ({ ...a })) } : {}) };
  }
}

/** A client whose policy main could not read: nothing of it leaves this device until its policy is saved again. */
export interface HeldBackClient {
  clientId: string;
  name: string;
  problem: string;
}

/**
 * Tells main the clients' policies. Resolves with the clients main held back (each named, with
 * main's reason); the others are open for sync. Does nothing while no audit key is in memory.
 */
export async function openLocality(vaultId: string): Promise<HeldBackClient[]> {
  const keys = currentAuditKeys();
  if (!keys) return [];
  const clients = await listClients(repoContext());
  const opened = await unwrap(
    caravan().locality.open(
      vaultId,
      toBase64(keys.publicKey()),
      clients.map((c) => ({ clientId: c.id, policy: toPolicyWire(c.residency) })),
    ),
  );
  const names = new Map(clients.map((c) => [c.id, c.name]));
  return opened.heldBack.map((h) => ({ ...h, name: names.get(h.clientId) ?? 'A client' }));
}

/** Words for the held-back clients, or null when there are none. */
export function heldBackMessage(heldBack: readonly HeldBackClient[]): string | null {
  if (heldBack.length === 0) return null;
  const list = heldBack.map((h) => `${h.name} (${h.problem})`).join('; ');
  return `The locality guard could not read the residency policy of ${list}. Nothing of ${heldBack.length === 1 ? 'this client' : 'these clients'} will be synced until the policy is saved again in the client's settings; the other clients sync as usual.`;
}

export async function closeLocality(): Promise<void> {
  await caravan().locality.close();
}
