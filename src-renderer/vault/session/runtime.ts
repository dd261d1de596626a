/**
 * The one vault service of the window, and the current session's keys. Keys
 * are kept here, not in the zustand store, so they never appear in state
 * snapshots or devtools; locking wipes them.
 */
import { createWorkerKeyOps } from '../worker/worker-key-ops.ts';
import { MetaStore } from './meta-store.ts';
import { VaultService, type VaultSession } from './vault-service.ts';

let service: VaultService | undefined;
let meta: MetaStore | undefined;
let session: VaultSession | null = null;

export function metaStore(): MetaStore {
  meta ??= new MetaStore();
  return meta;
}

export function vaultService(): VaultService {
  service ??= new VaultService(metaStore(), createWorkerKeyOps());
  return service;
}

export function currentSession(): VaultSession | null {
  return session;
}

export function setCurrentSession(next: VaultSession | null): void {
  if (session && session !== next) session.vaultKey.fill(0);
  session = next;
}
