/**
 * Keeps main's locality guard in step with the vault. On unlock main learns
 * each client's residency policy (by id; never a name) and the public key it
 * seals the audit log to; on lock it forgets them, so nothing of any client
 * can leave while the vault is locked.
 */
import type { Residency } from '../domain/client.ts';
import type { PolicyWire } from '../../src-preload/contract/index.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { currentAuditKeys, repoContext } from '../vault/session/runtime.ts';
import { listClients } from '../vault/repos/clients.ts';
import { toBase64 } from '../vault/crypto/encoding.ts';

/** A client's residency as main's guard reads it (the same shape, copied so no vault object crosses). */
export function toPolicyWire(residency: Residency): PolicyWire {
  switch (residency.kind) {
    case 'device-only':
      return { kind: 'device-only' };
    case 'zone':
      return { kind: 'zone', zone: residency.zone, ...(residency.attestations?.length ? { attestations: residency.attestations.map((a) => ({ ...a })) } : {}) };
    case 'countries':
      return { kind: 'countries', countries: [...residency.countries], ...(residency.attestations?.length ? { attestations: residency.attestations.map((a) => ({ ...a })) } : {}) };
  }
}

export async function openLocality(vaultId: string): Promise<void> {
  const keys = currentAuditKeys();
  if (!keys) return;
  const clients = await listClients(repoContext());
  await unwrap(
    caravan().locality.open(
      vaultId,
      toBase64(keys.publicKey()),
      clients.map((c) => ({ clientId: c.id, policy: toPolicyWire(c.residency) })),
    ),
  );
}

export async function closeLocality(): Promise<void> {
  await caravan().locality.close();
}
