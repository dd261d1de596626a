/** Subkeys of R and of an epoch key: frozen ids, one purpose each, and the version 1 keys unchanged (fixed vectors). */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { deriveSubkeys, generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import {
  clientSegmentKey,
  deriveEpochKeys,
  EPOCH_CONTEXT,
  EPOCH_SUBKEY_IDS,
  epochCheck,
  isEpochRef,
  LEGACY_EPOCH,
  legacySyncKeys,
  newEpoch,
  newerEpoch,
  ROOT_SUBKEYS,
  rootCheck,
  rootSubkey,
} from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { deriveVaultIdentity } from '../../../../../src-renderer/identity/vault-identity.ts';
import { deriveRosterKey } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { v1Fixture as fx } from '../../../support/v1-fixture.ts';

let sodium: Sodium;
const root = fromBase64(fx.expected.vaultKey) as Uint8Array;
beforeAll(async () => {
  sodium = await getSodium();
});

describe('root subkeys', () => {
  it('are frozen: 8-byte contexts, the ids of docs/key-epochs.md', () => {
    expect(Object.isFrozen(ROOT_SUBKEYS)).toBe(true);
    expect(Object.fromEntries(Object.entries(ROOT_SUBKEYS).map(([k, v]) => [k, `${v.context}/${v.id}`]))).toEqual({
      records: 'CrvnRecd/1',
      blindIndex: 'CrvnBlnd/2',
      legacySync: 'CrvnSync/3',
      audit: 'CrvnAudt/4',
      identitySign: 'CrvnIdnt/5',
      identityBox: 'CrvnIdnt/6',
      localWrap: 'CrvnLWrp/7',
      integrity: 'CrvnIntg/8',
      rootCheck: 'CrvnRKcv/9',
    });
    for (const spec of Object.values(ROOT_SUBKEYS)) expect(spec.context).toHaveLength(8);
    expect(EPOCH_CONTEXT).toHaveLength(8);
    expect(EPOCH_SUBKEY_IDS).toEqual({ segments: 1, clientSegments: 2, roster: 3, clientWrap: 4, rootWrap: 5, history: 6, check: 7, inbox: 8 });
  });

  it('give a version 1 vault key exactly the keys it had: records, blind index, sync, audit and the identity (fixed vector)', async () => {
    const sub = await deriveSubkeys(root);
    expect(toBase64(sub.records)).toBe(fx.expected.records);
    expect(toBase64(sub.blindIndex)).toBe(fx.expected.blindIndex);
    expect(toBase64(sub.syncSegments)).toBe(fx.expected.syncSegments);
    expect(toBase64(sub.audit)).toBe(fx.expected.audit);
    expect(toBase64(rootSubkey(sodium, root, 'records'))).toBe(fx.expected.records);
    // Fingerprints contacts saved must not change.
    const identity = deriveVaultIdentity(sodium, root);
    expect(toBase64(identity.signPublicKey)).toBe(fx.expected.signPublicKey);
    expect(toBase64(identity.boxPublicKey)).toBe(fx.expected.boxPublicKey);
  });

  it('epoch 0 is version 1 sync: the syncSegments subkey and the roster key derived from it', async () => {
    const legacy = legacySyncKeys(sodium, root);
    expect(legacy.epoch).toEqual(LEGACY_EPOCH);
    expect(toBase64(legacy.segments)).toBe(fx.expected.syncSegments);
    expect(legacy.roster).toEqual(await deriveRosterKey(legacy.segments));
    expect(legacy.clientSegments).toBeNull();
  });

  it('are all different from each other and from R', () => {
    const keys = Object.keys(ROOT_SUBKEYS).map((name) => toBase64(rootSubkey(sodium, root, name as keyof typeof ROOT_SUBKEYS)));
    expect(new Set([...keys, toBase64(root)]).size).toBe(keys.length + 1);
  });
});

describe('epoch keys', () => {
  it('derive eight different subkeys, none equal to E, and refuse epoch 0', () => {
    const { epoch, key } = newEpoch(null);
    const keys = deriveEpochKeys(sodium, key, epoch);
    const all = [keys.segments, keys.clientSegments as Uint8Array, keys.roster, keys.clientWrap, keys.rootWrap, keys.history, keys.check, keys.inbox].map(
      toBase64,
    );
    expect(new Set([...all, toBase64(key)]).size).toBe(9);
    expect(() => deriveEpochKeys(sodium, key, LEGACY_EPOCH)).toThrow(/epoch 0/);
  });

  it('a client segment key needs both keys and is bound to the client and the epoch; epoch 0 uses the client key', () => {
    const a = newEpoch(null);
    const b = newEpoch(a.epoch);
    const ka = deriveEpochKeys(sodium, a.key, a.epoch);
    const kb = deriveEpochKeys(sodium, b.key, b.epoch);
    const client = generateKey();
    const base = toBase64(clientSegmentKey(sodium, ka, client, 'c1'));
    expect(toBase64(clientSegmentKey(sodium, ka, client, 'c2'))).not.toBe(base);
    expect(toBase64(clientSegmentKey(sodium, kb, client, 'c1'))).not.toBe(base);
    expect(toBase64(clientSegmentKey(sodium, ka, generateKey(), 'c1'))).not.toBe(base);
    // The same epoch key under another epoch id gives another key too.
    expect(toBase64(clientSegmentKey(sodium, { ...ka, epoch: b.epoch }, client, 'c1'))).not.toBe(base);
    expect(clientSegmentKey(sodium, legacySyncKeys(sodium, root), client, 'c1')).toEqual(client);
  });

  it('check values tell the right key, vault and epoch from any other', () => {
    const a = newEpoch(null);
    const keys = deriveEpochKeys(sodium, a.key, a.epoch);
    const check = toBase64(epochCheck(sodium, keys, fx.vaultId));
    expect(epochCheck(sodium, keys, fx.vaultId)).toHaveLength(16);
    expect(toBase64(epochCheck(sodium, deriveEpochKeys(sodium, generateKey(), a.epoch), fx.vaultId))).not.toBe(check);
    expect(toBase64(epochCheck(sodium, keys, '11111111-2222-4333-8444-555555555555'))).not.toBe(check);
    expect(toBase64(epochCheck(sodium, { ...keys, epoch: newEpoch(null).epoch }, fx.vaultId))).not.toBe(check);
    expect(toBase64(rootCheck(sodium, root, fx.vaultId))).not.toBe(toBase64(rootCheck(sodium, generateKey(), fx.vaultId)));
  });
});

describe('epochs', () => {
  it('a new epoch follows its parent; the first of a new vault has none, a migrated one follows legacy', () => {
    const first = newEpoch(null);
    expect(first.epoch).toMatchObject({ n: 1, parent: '' });
    expect(first.key).toHaveLength(32);
    expect(newEpoch(LEGACY_EPOCH).epoch).toMatchObject({ n: 1, parent: 'legacy' });
    const second = newEpoch(first.epoch);
    expect(second.epoch).toMatchObject({ n: 2, parent: first.epoch.id });
    for (const e of [first.epoch, second.epoch]) expect(isEpochRef(e)).toBe(true);
  });

  it('refuses malformed epochs', () => {
    for (const bad of [
      LEGACY_EPOCH,
      { id: 'ABCDEF0123456789', n: 1, parent: '' },
      { id: '0123456789abcde', n: 1, parent: '' },
      { id: '0123456789abcdef', n: 0, parent: '' },
      { id: '0123456789abcdef', n: 1.5, parent: '' },
      { id: '0123456789abcdef', n: 2, parent: '0123456789abcdef' },
      { id: '0123456789abcdef', n: 2, parent: '../x' },
      null,
      'x',
    ]) {
      expect(isEpochRef(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('every device picks the same current one: highest generation, then lowest id', () => {
    const x = { id: '00000000000000aa', n: 3, parent: '' };
    const y = { id: '00000000000000bb', n: 3, parent: '' };
    const z = { id: '0000000000000001', n: 2, parent: '' };
    expect(newerEpoch(x, y)).toBe(x);
    expect(newerEpoch(y, x)).toBe(x);
    expect(newerEpoch(z, y)).toBe(y);
  });
});
