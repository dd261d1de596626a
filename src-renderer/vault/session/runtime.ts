/**
 * The one vault service of the window, and the current session's keys and open workspace. Both are
 * kept here, not in the zustand store, so they never appear in state snapshots or devtools;
 * locking closes the workspace and wipes every key.
 */
import { createWorkerKeyOps } from '../worker/worker-key-ops.ts';
import type { RepoContext } from '../repos/context.ts';
import { MetaStore } from './meta-store.ts';
import { VaultService, type VaultSession } from './vault-service.ts';
import type { Workspace } from './workspace.ts';

let service: VaultService | undefined;
let meta: MetaStore | undefined;
let session: VaultSession | null = null;
let workspace: Workspace | null = null;

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

/** Replaces the session and its workspace; the previous ones are closed and wiped. */
export function setCurrentSession(next: VaultSession | null, nextWorkspace: Workspace | null = null): void {
  if (workspace && workspace !== nextWorkspace) workspace.close();
  if (session && session !== next) session.vaultKey.fill(0);
  session = next;
  workspace = nextWorkspace;
}

/**
 * The repositories' context while unlocked. Throws when locked: workspace screens only render
 * behind the vault gate, so reaching this while locked is a bug, not a state to show.
 */
export function repoContext(): RepoContext {
  if (!workspace) throw new Error('The vault is locked; unlock it to read or change records.');
  return workspace.ctx;
}

/** The open workspace's audit keys, or null while locked. */
export function currentAuditKeys(): Workspace['audit'] | null {
  return workspace?.audit ?? null;
}

/** The open workspace (sync needs its key ring as well as its repository context), or null while locked. */
export function currentWorkspace(): Workspace | null {
  return workspace;
}
