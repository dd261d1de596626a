/** A vault opened through openWorkspace with in-memory seal stores, and raw access to its files. */
import { Dexie } from 'dexie';
import { idb } from '../../../support/store-helpers.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { newNodeId } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { defineVaultSchema } from '../../../../../src-renderer/vault/store/open-store.ts';
import { openWorkspace, vaultDbName, type Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import type { SealSinks, SealStore } from '../../../../../src-renderer/vault/integrity/integrity-session.ts';

/** One seal store in memory: what it holds now, and every text written to it in order. */
export class MemorySealStore implements SealStore {
  text: string | null = null;
  readonly written: string[] = [];
  read(): Promise<string | null> {
    return Promise.resolve(this.text);
  }
  /** While set, writes are refused as main refuses them before its guard holds the vault open. */
  refusing = false;
  write(_vaultId: string, text: string): Promise<'kept' | 'refused'> {
    if (this.refusing) return Promise.resolve('refused');
    this.text = text;
    this.written.push(text);
    return Promise.resolve('kept');
  }
}

export interface IntegrityVault {
  session: { vaultId: string; vaultKey: Uint8Array };
  main: MemorySealStore;
  meta: MemorySealStore;
  errors: unknown[];
  /** Opens (unlocks) the vault: the check runs here. */
  open(): Promise<Workspace>;
  /** The vault's database without any middleware: what is on disk. */
  raw(): Promise<Dexie>;
  dispose(): Promise<void>;
}

let n = 0;

export function integrityVault(): IntegrityVault {
  const session = { vaultId: `integrity-${process.pid}-${++n}-${crypto.randomUUID()}`, vaultKey: generateKey() };
  const main = new MemorySealStore();
  const meta = new MemorySealStore();
  const errors: unknown[] = [];
  const sinks: SealSinks = { main, meta, onError: (_where, error) => errors.push(error) };
  const open: Workspace[] = [];
  const raws: Dexie[] = [];
  const nodeId = newNodeId();
  return {
    session,
    main,
    meta,
    errors,
    async open() {
      for (const w of open.splice(0)) w.close();
      const workspace = await openWorkspace({ vaultId: session.vaultId, vaultKey: session.vaultKey.slice() }, { nodeId, ...idb, integrity: sinks });
      open.push(workspace);
      return workspace;
    },
    async raw() {
      const raw = new Dexie(vaultDbName(session.vaultId), idb);
      defineVaultSchema(raw);
      await raw.open();
      raws.push(raw);
      return raw;
    },
    async dispose() {
      for (const w of open.splice(0)) w.close();
      for (const r of raws) r.close();
      await new Dexie(vaultDbName(session.vaultId), idb).delete();
    },
  };
}

/**
 * Lets the seal stores' queued writes run, and IndexedDB's `complete` and `abort` events arrive
 * (an abort's event can come a few macrotasks after the transaction's promise rejected).
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 2));
}
