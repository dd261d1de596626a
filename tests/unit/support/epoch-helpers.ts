/** A version 2 vault as the app opens it: meta store, key service (direct ops, floor cost), workspace with epochs. */
import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { KDF_FLOOR } from '../../../src-renderer/vault/crypto/kdf.ts';
import { directKeyOps, type VaultKeyOps } from '../../../src-renderer/vault/session/key-ops.ts';
import { MetaStore } from '../../../src-renderer/vault/session/meta-store.ts';
import { type UnlockOutcome, VaultService, type VaultSession } from '../../../src-renderer/vault/session/vault-service.ts';
import { openWorkspace, type Workspace, type WorkspaceOptions } from '../../../src-renderer/vault/session/workspace.ts';
import { newNodeId } from '../../../src-renderer/sync/hlc/hlc.ts';

export const fastOps: VaultKeyOps = { ...directKeyOps, calibrate: async () => ({ cost: { ...KDF_FLOOR }, measuredMs: 100, slowerThanTarget: false }) };
export const PASS = 'correct horse battery staple orbit';

let count = 0;

/** One device: its meta store and vault service; `open` opens a session's workspace as the app does. */
export interface TestDevice {
  meta: MetaStore;
  service: VaultService;
  open(session: VaultSession, options?: Partial<WorkspaceOptions>): Promise<Workspace>;
  /** Closes every workspace it opened and the meta store. */
  close(): void;
}

export function newDevice(name = `epochs-meta-${process.pid}-${++count}-${crypto.randomUUID()}`): TestDevice {
  const meta = new MetaStore(name, { indexedDB, IDBKeyRange });
  const service = new VaultService(meta, fastOps);
  const opened: Workspace[] = [];
  return {
    meta,
    service,
    async open(session, options = {}) {
      const workspace = await openWorkspace(session, { nodeId: newNodeId(), indexedDB, IDBKeyRange, meta, deriveKek: fastOps.deriveKek, ...options });
      opened.push(workspace);
      return workspace;
    },
    close() {
      for (const w of opened.splice(0)) w.close();
      meta.close();
    },
  };
}

/** The session of an outcome that must have succeeded. */
export function sessionOf(outcome: UnlockOutcome): VaultSession {
  if (!outcome.ok) throw new Error(`unlock failed: ${outcome.code} ${outcome.message}`);
  return outcome.session;
}

/** A new version 2 vault on `device`, unlocked and open; also returns its recovery kit. */
export async function createOpenVault(device: TestDevice): Promise<{ workspace: Workspace; recoveryKit: string; vaultId: string }> {
  const pending = await device.service.prepare(PASS);
  const recoveryKit = pending.recoveryKit;
  const session = await device.service.commit(pending);
  return { workspace: await device.open(session), recoveryKit, vaultId: session.vaultId };
}
