/**
 * Passphrase -> key-encryption key (KEK) with Argon2id (libsodium `crypto_pwhash`,
 * ALG_ARGON2ID13). Runs in a Web Worker in the app: one derivation at the
 * default cost blocks for about a second.
 */
import { VaultError } from './errors.ts';
import { randomBytes } from './random.ts';
import { getSodium } from './sodium.ts';

const MiB = 1024 * 1024;

/** Argon2id cost: passes over memory and memory size. */
export interface KdfCost {
  /** Argon2 passes (libsodium "opslimit"). */
  opsLimit: number;
  /** Memory in bytes (libsodium "memlimit"); a whole number of KiB. */
  memLimitBytes: number;
}

/** Everything needed to re-derive a KEK; stored in the vault header. */
export interface KdfParams extends KdfCost {
  /** The only algorithm of header version 1. */
  alg: 'argon2id13';
  /** 16 random bytes, fresh for every passphrase. */
  salt: Uint8Array;
}

/** Argon2id salt length (libsodium crypto_pwhash_SALTBYTES). */
export const KDF_SALT_BYTES = 16;
/** KEK length: a 256-bit XChaCha20-Poly1305 key. */
export const KEK_BYTES = 32;

/** What a new vault uses unless calibration says the machine is too slow. */
export const DEFAULT_KDF_COST: Readonly<KdfCost> = Object.freeze({ opsLimit: 3, memLimitBytes: 256 * MiB });
/** Never create or open a vault below this (ARCHITECTURE.md, "Keys and encryption"). */
export const KDF_FLOOR: Readonly<KdfCost> = Object.freeze({ opsLimit: 2, memLimitBytes: 64 * MiB });
/**
 * Above this a header is treated as damaged rather than obeyed: a header
 * asking for 4 GiB or a million passes would freeze or crash the app before
 * the user could be told anything. WASM memory tops out around 2 GiB anyway.
 */
export const KDF_CEILING: Readonly<KdfCost> = Object.freeze({ opsLimit: 32, memLimitBytes: 1024 * MiB });

/** Fresh parameters (new random salt) for the given cost. */
export function newKdfParams(cost: Readonly<KdfCost> = DEFAULT_KDF_COST): KdfParams {
  assertKdfCost(cost);
  return { alg: 'argon2id13', opsLimit: cost.opsLimit, memLimitBytes: cost.memLimitBytes, salt: randomBytes(KDF_SALT_BYTES) };
}

/**
 * Describes why a cost is not well formed (not integers, not whole KiB, above
 * the ceiling), or `undefined` if it is. Being below the floor is a separate,
 * typed refusal: see `assertKdfCost`.
 */
export function kdfCostProblem(cost: Readonly<KdfCost>): string | undefined {
  const { opsLimit, memLimitBytes } = cost;
  if (!Number.isSafeInteger(opsLimit) || opsLimit < 1) return `opsLimit must be a positive integer, got ${opsLimit}`;
  if (!Number.isSafeInteger(memLimitBytes) || memLimitBytes < 1 || memLimitBytes % 1024 !== 0) {
    return `memLimitBytes must be a positive whole number of KiB, got ${memLimitBytes}`;
  }
  if (opsLimit > KDF_CEILING.opsLimit) return `opsLimit ${opsLimit} is above the maximum of ${KDF_CEILING.opsLimit}`;
  if (memLimitBytes > KDF_CEILING.memLimitBytes) {
    return `memLimitBytes ${memLimitBytes} is above the maximum of ${KDF_CEILING.memLimitBytes}`;
  }
  return undefined;
}

/** Throws RangeError for a malformed cost and VaultError('kdf-params-too-weak') below the floor. */
export function assertKdfCost(cost: Readonly<KdfCost>): void {
  const problem = kdfCostProblem(cost);
  if (problem !== undefined) throw new RangeError(problem);
  if (cost.opsLimit < KDF_FLOOR.opsLimit || cost.memLimitBytes < KDF_FLOOR.memLimitBytes) {
    throw new VaultError('kdf-params-too-weak', `${cost.opsLimit} passes over ${formatMiB(cost.memLimitBytes)}`);
  }
}

/**
 * Derives the 32-byte KEK. The passphrase is NFKC-normalised first so that the
 * same visible passphrase typed on another keyboard, OS or input method (composed
 * vs decomposed accents, full-width forms) gives the same key.
 */
export async function deriveKek(passphrase: string, params: KdfParams): Promise<Uint8Array> {
  if (params.alg !== 'argon2id13') throw new RangeError(`unsupported KDF algorithm ${String(params.alg)}`);
  if (params.salt.length !== KDF_SALT_BYTES) throw new RangeError(`KDF salt must be ${KDF_SALT_BYTES} bytes`);
  assertKdfCost(params);
  const sodium = await getSodium();
  const secret = new TextEncoder().encode(passphrase.normalize('NFKC'));
  try {
    return sodium.crypto_pwhash(KEK_BYTES, secret, params.salt, params.opsLimit, params.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
  } finally {
    sodium.memzero(secret);
  }
}

/** Times one derivation, in milliseconds. */
export type MeasureKdf = (cost: Readonly<KdfCost>) => Promise<number>;

/** The real measurement: one derivation with a throwaway passphrase and salt. */
export const measureKdf: MeasureKdf = async (cost) => {
  await getSodium(); // keep WASM start-up out of the measurement
  const started = performance.now();
  const kek = await deriveKek('calibration', newKdfParams(cost));
  const elapsed = performance.now() - started;
  kek.fill(0);
  return elapsed;
};

/** The outcome of `calibrateKdf`. */
export interface KdfCalibration {
  /** The chosen cost: the default, or the strongest step down that fits. */
  cost: KdfCost;
  /** How long one derivation at `cost` took. */
  measuredMs: number;
  /** True when even the floor is slower than wanted; the UI may say unlocking will be slow. */
  slowerThanTarget: boolean;
}

/** "Much longer than the target": within this factor we keep the stronger setting. */
export const CALIBRATION_TOLERANCE = 1.5;

/**
 * Picks Argon2id cost for this machine. Starts at the default and only ever
 * steps down, memory first (halving, which roughly halves the time) and then
 * passes, never below the floor: on a slow machine unlocking gets slower, not
 * weaker. `measure` is injected so the policy is testable without real timing.
 */
export async function calibrateKdf(targetMs = 1000, measure: MeasureKdf = measureKdf): Promise<KdfCalibration> {
  let cost: KdfCost = { ...DEFAULT_KDF_COST };
  for (;;) {
    const measuredMs = await measure(cost);
    if (measuredMs <= targetMs * CALIBRATION_TOLERANCE) return { cost, measuredMs, slowerThanTarget: false };
    const next = stepDown(cost);
    if (next === undefined) return { cost, measuredMs, slowerThanTarget: true };
    cost = next;
  }
}

function stepDown(cost: KdfCost): KdfCost | undefined {
  if (cost.memLimitBytes > KDF_FLOOR.memLimitBytes) {
    return { opsLimit: cost.opsLimit, memLimitBytes: Math.max(KDF_FLOOR.memLimitBytes, Math.floor(cost.memLimitBytes / 2)) };
  }
  if (cost.opsLimit > KDF_FLOOR.opsLimit) return { opsLimit: cost.opsLimit - 1, memLimitBytes: cost.memLimitBytes };
  return undefined;
}

function formatMiB(bytes: number): string {
  return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
}
