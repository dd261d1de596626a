/**
 * A hostile storage provider edits `vault.json`: its own X25519 key as `recovery.publicKey` (and a
 * box sealed to it), hoping a device that joins from this header seals the next epoch key to it at
 * its next rotation (and so hands over R, which `wrappedRoot` wraps under E). The recovery public
 * key, the generation and the parent are bound into `wrappedRoot`'s associated data, which only a
 * holder of E can write: the planted header does not open, and nothing is ever sealed to the key.
 * Also an inflated epoch generation, which is refused the same way.
 */
import { afterEach, expect, it } from 'vitest';
import { parseHeader, serializeHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createOpenVault, newDevice, PASS, type TestDevice } from '../../../support/epoch-helpers.ts';

const devices: TestDevice[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});

it('a recovery public key planted in vault.json is refused at unlock, so no epoch key is ever sealed to it', async () => {
  const sodium = await getSodium();
  const a = newDevice();
  const b = newDevice();
  devices.push(a, b);
  const { workspace } = await createOpenVault(a);
  workspace.close();

  const header = parseHeader((await a.meta.headerText()) ?? '');
  if (header.version !== 2) throw new Error('expected version 2');
  const attacker = sodium.crypto_box_keypair();
  const planted = {
    ...header,
    recovery: { root: header.recovery.root, publicKey: attacker.publicKey, sealed: sodium.crypto_box_seal(new Uint8Array(32), attacker.publicKey) },
  };
  // A new device joins from it (JoinVaultFlow saves the target's header) and unlocks.
  await b.meta.saveHeader(serializeHeader(planted));
  const outcome = await b.service.unlock(PASS);
  expect(outcome).toMatchObject({ ok: false });
  // The same header without the edit opens: the check is on the planted key, not the device.
  await b.meta.saveHeader(serializeHeader(header));
  expect((await b.service.unlock(PASS)).ok).toBe(true);
});

// The header's generation `n` is bound into `wrappedRoot` too: an inflated one (at which a joined
// device's next rotation once wrote a header and store that no longer parsed) does not open.
it('an epoch generation inflated in vault.json is refused at unlock, and the real header still opens', async () => {
  const a = newDevice();
  const b = newDevice();
  devices.push(a, b);
  const { workspace } = await createOpenVault(a);
  workspace.close();
  const header = parseHeader((await a.meta.headerText()) ?? '');
  if (header.version !== 2) throw new Error('expected version 2');
  await b.meta.saveHeader(serializeHeader({ ...header, epoch: { ...header.epoch, n: Number.MAX_SAFE_INTEGER } }));
  expect(await b.service.unlock(PASS)).toMatchObject({ ok: false });
  await b.meta.saveHeader(serializeHeader(header));
  expect((await b.service.unlock(PASS)).ok).toBe(true);
});
