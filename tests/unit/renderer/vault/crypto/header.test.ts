import { describe, expect, it } from 'vitest';
import {
  HEADER_FORMAT,
  HEADER_VERSION_1 as HEADER_VERSION,
  parseHeader,
  serializeHeader,
  type VaultHeaderV1 as VaultHeader,
} from '../../../../../src-renderer/vault/crypto/header.ts';
import { toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { WRAPPED_KEY_BYTES } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { vaultErrorCode } from '../../../support/vault-helpers.ts';

const MiB = 1024 * 1024;

function sampleHeader(): VaultHeader {
  const wrapped = (fill: number) => {
    const bytes = new Uint8Array(WRAPPED_KEY_BYTES).fill(fill);
    bytes[0] = 1;
    return bytes;
  };
  return {
    format: HEADER_FORMAT,
    version: HEADER_VERSION,
    vaultId: '0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b',
    createdAt: 1_763_900_000_000,
    kdf: { alg: 'argon2id13', opsLimit: 3, memLimitBytes: 256 * MiB, salt: new Uint8Array(16).fill(9) },
    wrappedByPassphrase: wrapped(0xaa),
    wrappedByRecovery: wrapped(0xbb),
  };
}

/** The sample header as a JSON object, edited by `edit`, back to text. */
function edited(edit: (json: Record<string, unknown> & { kdf: Record<string, unknown> }) => void): string {
  const json = JSON.parse(serializeHeader(sampleHeader())) as Record<string, unknown> & { kdf: Record<string, unknown> };
  edit(json);
  return JSON.stringify(json);
}

describe('serializeHeader / parseHeader', () => {
  it('round-trips', () => {
    const header = sampleHeader();
    const text = serializeHeader(header);
    expect(parseHeader(text)).toEqual(header);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes the documented JSON shape', () => {
    const json: unknown = JSON.parse(serializeHeader(sampleHeader()));
    expect(json).toEqual({
      format: 'caravan-vault',
      version: 1,
      vaultId: '0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b',
      createdAt: 1_763_900_000_000,
      kdf: { alg: 'argon2id13', opsLimit: 3, memLimitBytes: 268435456, salt: toBase64(new Uint8Array(16).fill(9)) },
      wrappedByPassphrase: expect.stringMatching(/^[A-Za-z0-9+/]{96}[A-Za-z0-9+/]{2}==$/) as unknown,
      wrappedByRecovery: expect.any(String) as unknown,
    });
  });
});

describe('parseHeader refusals', () => {
  const text = serializeHeader(sampleHeader());

  it('cut-off or empty JSON is header-truncated', async () => {
    for (const cut of [1, 10, text.length / 2, text.length - 3]) {
      expect(await vaultErrorCode(() => parseHeader(text.slice(0, cut)))).toBe('header-truncated');
    }
    expect(await vaultErrorCode(() => parseHeader(''))).toBe('header-truncated');
    expect(await vaultErrorCode(() => parseHeader('  \n'))).toBe('header-truncated');
    expect(() => parseHeader(text.slice(0, 100))).toThrow(/ends before the JSON is complete/);
  });

  it('a truncated base64 field is header-corrupt, naming the field', async () => {
    const cutSalt = edited((j) => (j.kdf.salt = (j.kdf.salt as string).slice(0, -4)));
    expect(await vaultErrorCode(() => parseHeader(cutSalt))).toBe('header-corrupt');
    expect(() => parseHeader(cutSalt)).toThrow(/kdf\.salt is 15 bytes, expected 16/);
    const cutWrap = edited((j) => (j.wrappedByPassphrase = (j.wrappedByPassphrase as string).slice(0, 50)));
    expect(await vaultErrorCode(() => parseHeader(cutWrap))).toBe('header-corrupt');
    expect(() => parseHeader(cutWrap)).toThrow(/wrappedByPassphrase is not valid base64/);
    const shortWrap = edited((j) => (j.wrappedByRecovery = toBase64(new Uint8Array(72).fill(1))));
    expect(() => parseHeader(shortWrap)).toThrow(/wrappedByRecovery is 72 bytes, expected 73/);
  });

  it('a wrong or newer version is header-unsupported-version; garbage versions are corrupt', async () => {
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.version = 3))))).toBe('header-unsupported-version');
    // Version 2 is known: a version 1 body under it is damage, not a newer format.
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.version = 2))))).toBe('header-corrupt');
    // A newer version may have any shape: the version is judged first.
    expect(await vaultErrorCode(() => parseHeader(JSON.stringify({ format: 'caravan-vault', version: 7, keys: [] })))).toBe('header-unsupported-version');
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.version = '1'))))).toBe('header-corrupt');
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.version = 0))))).toBe('header-corrupt');
    expect(await vaultErrorCode(() => parseHeader(edited((j) => delete j.version)))).toBe('header-corrupt');
  });

  it('KDF below the floor is kdf-params-too-weak', async () => {
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.kdf.opsLimit = 1))))).toBe('kdf-params-too-weak');
    expect(await vaultErrorCode(() => parseHeader(edited((j) => (j.kdf.memLimitBytes = 32 * MiB))))).toBe('kdf-params-too-weak');
    // Exactly the floor is fine.
    const floor = parseHeader(edited((j) => ((j.kdf.opsLimit = 2), (j.kdf.memLimitBytes = 64 * MiB))));
    expect(floor.kdf).toMatchObject({ opsLimit: 2, memLimitBytes: 64 * MiB });
  });

  it('wrong shapes, types and values are header-corrupt', async () => {
    const cases: string[] = [
      'null',
      '[]',
      '"caravan-vault"',
      edited((j) => (j.format = 'something-else')),
      edited((j) => (j.vaultId = 'not-a-uuid')),
      edited((j) => (j.vaultId = '0F8E2A4C-1B3D-4E5F-8A9B-0C1D2E3F4A5B')),
      edited((j) => (j.createdAt = -1)),
      edited((j) => (j.createdAt = '2025-01-01')),
      edited((j) => (j.kdf.alg = 'argon2i13')),
      edited((j) => (j.kdf.opsLimit = 2.5)),
      edited((j) => (j.kdf.memLimitBytes = 64 * MiB + 1)),
      edited((j) => (j.kdf.memLimitBytes = 8192 * MiB)), // above the ceiling: refuse rather than freeze
      edited((j) => (j.kdf.opsLimit = 1_000_000)),
      edited((j) => (j.kdf.salt = 42)),
      edited((j) => (j.kdf.salt = 'not base64!')),
      edited((j: Record<string, unknown>) => (j.kdf = 'argon2id')),
      edited((j) => (j.extra = true)),
      edited((j) => (j.kdf.extra = true)),
      edited((j) => delete j.wrappedByRecovery),
      edited((j) => (j.wrappedByPassphrase = toBase64(new Uint8Array(73).fill(2)))), // unknown wrap version
    ];
    for (const bad of cases) {
      expect({ bad, code: await vaultErrorCode(() => parseHeader(bad)) }).toEqual({ bad, code: 'header-corrupt' });
    }
  });

  it('messages say nothing was changed and where to restore from', () => {
    expect(() => parseHeader(edited((j) => (j.vaultId = 'x')))).toThrow(
      /^The vault header is damaged \(vaultId is not a lowercase UUID\)\. Nothing was changed; restore it from a backup or a sync target\.$/,
    );
  });
});
