/** The version 1 vault of tests/fixtures/vault-v1 (made with the code before key epochs), and how to put it on a test device. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { fromBase64 } from '../../../src-renderer/vault/crypto/encoding.ts';
import { defineVaultSchema } from '../../../src-renderer/vault/store/open-store.ts';
import { vaultDbName } from '../../../src-renderer/vault/session/workspace.ts';
import type { MetaStore } from '../../../src-renderer/vault/session/meta-store.ts';

export interface V1Fixture {
  passphrase: string;
  recoveryKit: string;
  vaultId: string;
  headerText: string;
  clientId: string;
  clientName: string;
  tables: Record<string, Array<Record<string, unknown>>>;
  syncDevice: { id: string; publicKey: string; wrappedSeed: string };
  expected: { vaultKey: string; signPublicKey: string; boxPublicKey: string; records: string; blindIndex: string; syncSegments: string; audit: string };
}

export const v1Fixture: V1Fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/vault-v1/vault-v1.json'), 'utf8')) as V1Fixture;

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return fromBase64(o.$bytes);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** Writes the fixture's header, device row and stored vault rows on a device, as the old version left them. */
export async function installV1Vault(meta: MetaStore): Promise<void> {
  await meta.saveHeader(v1Fixture.headerText);
  await meta.setSyncDevice(v1Fixture.vaultId, v1Fixture.syncDevice);
  const raw = new Dexie(vaultDbName(v1Fixture.vaultId), { indexedDB, IDBKeyRange });
  defineVaultSchema(raw);
  await raw.open();
  try {
    for (const [table, rows] of Object.entries(v1Fixture.tables)) await raw.table(table).bulkPut(rows.map((r) => decode(r)));
  } finally {
    raw.close();
  }
}

/** Deletes the fixture's vault database (each test starts from the old rows). */
export async function deleteV1VaultDb(): Promise<void> {
  await new Dexie(vaultDbName(v1Fixture.vaultId), { indexedDB, IDBKeyRange }).delete();
}
