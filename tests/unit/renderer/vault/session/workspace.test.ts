/** The unlocked workspace: opened from a session, closed and wiped on lock, clock resumed from the log. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idb, clientInput, T0 } from '../../../support/store-helpers.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { isVaultError } from '../../../../../src-renderer/vault/crypto/errors.ts';
import { createClient, getClient, listClients } from '../../../../../src-renderer/vault/repos/clients.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { compare, decode, newNodeId } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace, vaultDbName, type Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';

const opened: Workspace[] = [];
let vaultNumber = 0;

beforeAll(async () => {
  await getSodium();
});
afterEach(() => {
  for (const w of opened.splice(0)) w.close();
});

function freshVault() {
  return { vaultId: `ws-test-${process.pid}-${++vaultNumber}`, vaultKey: generateKey() };
}

async function open(session: { vaultId: string; vaultKey: Uint8Array }, options: { now?: () => number; untrustedKey?: boolean; nodeId?: string } = {}) {
  const workspace = await openWorkspace(
    { vaultId: session.vaultId, vaultKey: session.vaultKey.slice() },
    { nodeId: options.nodeId ?? newNodeId(), ...idb, ...options },
  );
  opened.push(workspace);
  return workspace;
}

describe('openWorkspace', () => {
  it('names the database after the vault', () => {
    expect(vaultDbName('abc')).toBe('caravan-vault-abc');
  });

  it('reads back what an earlier session wrote, and refuses every read once closed', async () => {
    const session = freshVault();
    const first = await open(session);
    const client = await createClient(first.ctx, clientInput({ name: 'Nordwind AG' }));
    first.close();

    await expect(listClients(first.ctx)).rejects.toThrow(/closed/i);
    expect(() => first.ctx.keyRing.keyFor(`client:${client.id}`)).toThrow(/locked/);

    const second = await open(session);
    expect((await getClient(second.ctx, client.id)).name).toBe('Nordwind AG');
    expect(second.keyFailures).toEqual([]);
  });

  it('resumes the write clock after the newest logged change, even when the wall clock went back', async () => {
    const session = freshVault();
    const nodeId = newNodeId();
    const first = await open(session, { nodeId, now: () => T0 });
    const client = await createClient(first.ctx, clientInput());
    const [before] = await readChanges(first.ctx.db, `client:${client.id}`);
    first.close();

    // The laptop's clock was set back a day between the two sessions.
    const second = await open(session, { nodeId, now: () => T0 - 86_400_000 });
    const next = decode(second.ctx.clock.next());
    expect(compare(next, decode(before!.hlc))).toBe(1);
  });

  it('opens a vault whose client keys are damaged, reporting them (the passphrase proved the key)', async () => {
    const session = freshVault();
    const first = await open(session);
    await createClient(first.ctx, clientInput());
    first.close();

    const wrong = { vaultId: session.vaultId, vaultKey: generateKey() };
    const second = await open(wrong);
    expect(second.keyFailures).toHaveLength(1);
    expect(await listClients(second.ctx)).toEqual([]);
  });

  it('refuses a key from the OS store that opens none of the client keys', async () => {
    const session = freshVault();
    const first = await open(session);
    await createClient(first.ctx, clientInput());
    first.close();

    const error = await open({ vaultId: session.vaultId, vaultKey: generateKey() }, { untrustedKey: true }).catch((e: unknown) => e);
    expect(isVaultError(error, 'key-unwrap-failed')).toBe(true);
    expect((error as Error).message).toMatch(/passphrase/);

    const right = await open(session, { untrustedKey: true });
    expect(await listClients(right.ctx)).toHaveLength(1);
  });
});
