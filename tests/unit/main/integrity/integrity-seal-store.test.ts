/**
 * Main's copy of the store's integrity seal: one file per vault, written only for the vault the
 * guard holds open, never interpreted, bounded; a planted or damaged file reads as none.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIntegritySealStore } from '../../../../src-main/integrity/integrity-seal-store.ts';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import { integrityInvoke, MAX_INTEGRITY_SEAL_CHARS } from '../../../../src-preload/contract/integrity.ts';

const vaultId = '3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f';
const otherVault = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const seal = (n: number) => JSON.stringify({ format: 'caravan-integrity', v: 1, counter: n, mac: 'a'.repeat(64) });
let folder: string;
let open: string | null;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-integrity-'));
  open = vaultId;
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const store = () => createIntegritySealStore(folder, () => open);

async function refusal(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UserFacingError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.code;
}

describe('integrity seal store', () => {
  it('keeps the seal of the open vault and gives it back as written', async () => {
    const s = store();
    expect(await s.read(vaultId)).toBeNull();
    await s.write(vaultId, seal(1));
    expect(await s.read(vaultId)).toBe(seal(1));
    expect(await readdir(folder)).toEqual([`${vaultId}.seal`]);
  });

  it('refuses to write while no vault is open, or for a vault other than the open one', async () => {
    const s = store();
    open = null;
    expect(await refusal(() => s.write(vaultId, seal(1)))).toBe('refused');
    open = vaultId;
    expect(await refusal(() => s.write(otherVault, seal(1)))).toBe('refused');
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses what is not a seal: oversized, control characters, non-ASCII, empty', async () => {
    const s = store();
    for (const text of ['x'.repeat(MAX_INTEGRITY_SEAL_CHARS + 1), 'a\nb', 'caf\u00e9', '\u202e', '']) {
      expect(await refusal(() => s.write(vaultId, text))).toBe('invalid-argument');
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('the contract refuses the same before main spends any work, and a vault id that is not one', () => {
    const args = integrityInvoke['integrity:write'].args;
    expect(args.safeParse([vaultId, seal(1)]).success).toBe(true);
    expect(args.safeParse([vaultId, 'x'.repeat(MAX_INTEGRITY_SEAL_CHARS + 1)]).success).toBe(false);
    expect(args.safeParse([vaultId, 'a\u0000b']).success).toBe(false);
    expect(args.safeParse(['../../etc/passwd', seal(1)]).success).toBe(false);
    expect(args.safeParse([vaultId, seal(1), 'extra']).success).toBe(false);
    expect(integrityInvoke['integrity:read'].args.safeParse(['..']).success).toBe(false);
  });

  it('a path in place of a vault id never reaches the file system', async () => {
    const s = store();
    open = '../../escape';
    await expect(s.write('../../escape', seal(1))).rejects.toThrow(RangeError);
    await expect(s.read('../x')).rejects.toThrow(RangeError);
  });

  it('a planted or damaged file reads as no seal', async () => {
    const s = store();
    for (const planted of ['\u0000\u0001binary', 'y'.repeat(MAX_INTEGRITY_SEAL_CHARS + 10), 'line\nbreak']) {
      await writeFile(join(folder, `${vaultId}.seal`), planted);
      expect(await s.read(vaultId)).toBeNull();
    }
  });

  it('a burst of writes: each resolves, the newest is on disk, and no temporary file is left', async () => {
    const s = store();
    await Promise.all(Array.from({ length: 50 }, (_, i) => s.write(vaultId, seal(i))));
    expect(await readFile(join(folder, `${vaultId}.seal`), 'utf8')).toBe(seal(49));
    expect(await readdir(folder)).toEqual([`${vaultId}.seal`]);
    await s.write(vaultId, seal(50));
    expect(await s.read(vaultId)).toBe(seal(50));
  });
});
