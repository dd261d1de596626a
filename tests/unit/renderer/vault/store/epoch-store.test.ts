/** This device's epoch store: round trip, and a store that is not this vault's, or altered, does not open. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { deriveEpochKeys, newEpoch, syncKeysOf } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { type EpochStoreState, openEpochStore, sealEpochStore } from '../../../../../src-renderer/vault/store/epoch-store.ts';
import { flipped, vaultErrorCode } from '../../../support/vault-helpers.ts';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await getSodium();
});

function sample(): EpochStoreState {
  const first = newEpoch(null);
  const second = newEpoch(first.epoch);
  const third = newEpoch(second.epoch);
  return {
    current: second,
    since: 1_765_000_000_000,
    previous: first,
    history: { [first.epoch.id]: syncKeysOf(deriveEpochKeys(sodium, first.key, first.epoch)) },
    pending: { epoch: third, header: '{"format":"caravan-vault"}\n' },
  };
}

describe('epoch store', () => {
  it('round-trips every field, and is not readable without R', async () => {
    const root = generateKey();
    const state = sample();
    const sealed = await sealEpochStore(root, 'vault-a', state);
    expect(await openEpochStore(root, 'vault-a', sealed)).toEqual(state);
    // Nothing of the keys in clear.
    const text = new TextDecoder('latin1').decode(sealed);
    expect(text).not.toContain(state.current.epoch.id);
  });

  it('refuses another root key, another vault, an altered byte, a cut-off row and an unknown version', async () => {
    const root = generateKey();
    const sealed = await sealEpochStore(root, 'vault-a', sample());
    expect(await vaultErrorCode(() => openEpochStore(generateKey(), 'vault-a', sealed))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => openEpochStore(root, 'vault-b', sealed))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => openEpochStore(root, 'vault-a', flipped(sealed, 60)))).toBe('key-unwrap-failed');
    expect(await vaultErrorCode(() => openEpochStore(root, 'vault-a', sealed.subarray(0, 30)))).toBe('key-unwrap-failed');
    const v9 = sealed.slice();
    v9[0] = 9;
    expect(await vaultErrorCode(() => openEpochStore(root, 'vault-a', v9))).toBe('key-unwrap-failed');
  });
});
