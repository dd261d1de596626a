/**
 * Record encryption throughput: our XChaCha20-Poly1305 (libsodium WASM,
 * getRandomValues nonces, associated data) against Node's native
 * ChaCha20-Poly1305 on the same 300-byte records, in the same process; and
 * the time to unlock a vault at the default Argon2id cost against the floor.
 * Runs in Node's V8 (the renderer's engine) rather than in Chromium.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { getSodium } from '../../../src-renderer/vault/crypto/sodium.ts';
import { decryptRecord, encryptRecord } from '../../../src-renderer/vault/crypto/record-cipher.ts';
import { DEFAULT_KDF_COST, KDF_FLOOR } from '../../../src-renderer/vault/crypto/kdf.ts';
import { directKeyOps } from '../../../src-renderer/vault/session/key-ops.ts';
import { figure, type Figure } from '../result.ts';
import { summarize } from '../stats.ts';

const RECORDS = 20_000;
const ROUNDS = 5;

function sampleRecord(i: number): Uint8Array {
  const json = JSON.stringify({
    id: `blk-${i}`,
    start: 1_763_900_000_000 + i * 60_000,
    end: 1_763_900_000_000 + i * 60_000 + 5_400_000,
    note: `Deep work on the feature-store migration, run ${i}`,
    kind: 'deep',
    billable: true,
    zone: 'Europe/Berlin',
    projectId: 'p-1234',
    phaseId: 'ph-2',
  });
  return new TextEncoder().encode(json.padEnd(300, ' '));
}

function opsPerSecond(work: () => void): number {
  const started = performance.now();
  work();
  return (RECORDS * 2) / ((performance.now() - started) / 1000);
}

export async function recordCrypto(): Promise<Figure[]> {
  await getSodium();
  const key = new Uint8Array(randomBytes(32));
  const records = Array.from({ length: RECORDS }, (_, i) => sampleRecord(i));
  const ours: number[] = [];
  const native: number[] = [];
  // Round 0 warms the JIT and is discarded.
  for (let round = 0; round <= ROUNDS; round++) {
    const keep = round > 0;
    (keep ? ours : []).push(
      opsPerSecond(() => {
        for (let i = 0; i < RECORDS; i++) {
          const ctx = { table: 'timeBlocks', id: `blk-${i}`, schema: 1, keyId: 'client:c-1' };
          decryptRecord(key, encryptRecord(key, records[i] as Uint8Array, ctx), ctx);
        }
      }),
    );
    (keep ? native : []).push(
      opsPerSecond(() => {
        for (let i = 0; i < RECORDS; i++) {
          const nonce = randomBytes(12);
          const aad = Buffer.from(`timeBlocks|blk-${i}|1|client:c-1`);
          const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
          cipher.setAAD(aad, { plaintextLength: 300 });
          const sealed = Buffer.concat([cipher.update(records[i] as Uint8Array), cipher.final()]);
          const tag = cipher.getAuthTag();
          const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
          decipher.setAAD(aad, { plaintextLength: 300 });
          decipher.setAuthTag(tag);
          Buffer.concat([decipher.update(sealed), decipher.final()]);
        }
      }),
    );
  }

  const unlock = async (cost: typeof DEFAULT_KDF_COST) => {
    const created = await directKeyOps.create('correct horse battery staple orbit', cost);
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await directKeyOps.unlock(created.headerJson, 'correct horse battery staple orbit');
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  };
  const unlockDefault = await unlock(DEFAULT_KDF_COST);
  const unlockFloor = await unlock(KDF_FLOOR);

  return [
    figure({
      id: 'vault.record-crypto',
      description: 'encrypt + decrypt of 300-byte records, XChaCha20-Poly1305 in libsodium WASM with AD (ops/s, each op one encrypt or one decrypt)',
      unit: 'ops/s',
      value: summarize(ours),
      baseline: { description: "Node's native ChaCha20-Poly1305 (OpenSSL), same records and AD", value: summarize(native) },
      goal: '>= 150k ops/s',
    }),
    figure({
      id: 'vault.unlock',
      description: `unlock (Argon2id ${DEFAULT_KDF_COST.opsLimit} ops / ${DEFAULT_KDF_COST.memLimitBytes / 2 ** 20} MiB, then unwrap), in WASM`,
      unit: 'ms',
      value: unlockDefault,
      baseline: { description: `the same at the floor, ${KDF_FLOOR.opsLimit} ops / ${KDF_FLOOR.memLimitBytes / 2 ** 20} MiB`, value: unlockFloor },
    }),
  ];
}
