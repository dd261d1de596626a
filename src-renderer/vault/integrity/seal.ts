/**
 * The seal: the store digest as this device last left it, MAC'd with the `integrity` subkey, kept
 * where a rollback of the vault's IndexedDB files does not reach (main's file per vault) and in the
 * meta store. JSON text:
 *
 *   { "format": "caravan-integrity", "v": 1, "vaultId": "…", "counter": 12,
 *     "tables": { "<table>": [[count, "<64 hex>"], …] }, "mac": "<64 hex>" }
 *
 * A table's first state is the committed one; the others are the states of writes in flight when
 * the seal was made (a crash may leave any of them on disk, and each is a state this device wrote).
 * `counter` grows with every seal, so of two valid seals the newer wins.
 */
import { toHex } from '../crypto/encoding.ts';
import type { Sodium } from '../crypto/sodium.ts';
import type { TableDigest } from './digest.ts';

export const SEAL_FORMAT = 'caravan-integrity';
export const SEAL_VERSION = 1;
/** States kept per table (the committed one and writes in flight); more in flight keeps the newest. */
export const MAX_STATES_PER_TABLE = 32;
/** Tables a seal may name (the vault has 13); bounds what a damaged seal can make us parse. */
export const MAX_SEAL_TABLES = 64;
/** The most characters a seal takes: main refuses anything longer. */
export const MAX_SEAL_CHARS = 96 * 1024;

/** A seal as the tracker builds it and the verifier reads it. */
export interface Seal {
  vaultId: string;
  counter: number;
  /** Per table: the committed state first, then states in flight. */
  tables: ReadonlyMap<string, readonly TableDigest[]>;
}

function macInput(vaultId: string, counter: number, tables: [string, [number, string][]][]): string {
  return `${SEAL_FORMAT}|${SEAL_VERSION}|${JSON.stringify([vaultId, counter, tables])}`;
}

function tableEntries(seal: Seal): [string, [number, string][]][] {
  return [...seal.tables.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, states]) => [name, states.map((s): [number, string] => [s.count, toHex(s.xor)])]);
}

function mac(sodium: Sodium, key: Uint8Array, input: string): string {
  return toHex(sodium.crypto_generichash(32, input, key));
}

/** The seal's text, MAC'd. */
export function writeSeal(sodium: Sodium, key: Uint8Array, seal: Seal): string {
  const tables = tableEntries(seal);
  return JSON.stringify({
    format: SEAL_FORMAT,
    v: SEAL_VERSION,
    vaultId: seal.vaultId,
    counter: seal.counter,
    tables: Object.fromEntries(tables),
    mac: mac(sodium, key, macInput(seal.vaultId, seal.counter, tables)),
  });
}

/** Why a stored seal was not used. */
export type SealProblem = 'malformed' | 'other-vault' | 'mac';

const HEX64 = /^[0-9a-f]{64}$/;

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Reads a stored seal: it must be well formed, for `vaultId`, and its MAC must verify, so whoever
 * can write the file or the meta store cannot make a seal this device accepts.
 */
export function readSeal(sodium: Sodium, key: Uint8Array, vaultId: string, text: string): { ok: true; seal: Seal } | { ok: false; problem: SealProblem } {
  let parsed: unknown;
  try {
    if (text.length > MAX_SEAL_CHARS) return { ok: false, problem: 'malformed' };
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, problem: 'malformed' };
  const record = parsed as Record<string, unknown>;
  if (record['format'] !== SEAL_FORMAT || record['v'] !== SEAL_VERSION) return { ok: false, problem: 'malformed' };
  const { counter, tables, mac: sealedMac } = record;
  if (typeof record['vaultId'] !== 'string' || !Number.isSafeInteger(counter) || (counter as number) < 0) return { ok: false, problem: 'malformed' };
  if (typeof sealedMac !== 'string' || !HEX64.test(sealedMac)) return { ok: false, problem: 'malformed' };
  if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) return { ok: false, problem: 'malformed' };
  const names = Object.keys(tables);
  if (names.length > MAX_SEAL_TABLES) return { ok: false, problem: 'malformed' };
  const map = new Map<string, TableDigest[]>();
  for (const name of names) {
    const states = (tables as Record<string, unknown>)[name];
    if (!Array.isArray(states) || states.length === 0 || states.length > MAX_STATES_PER_TABLE) return { ok: false, problem: 'malformed' };
    const digests: TableDigest[] = [];
    for (const state of states) {
      if (!Array.isArray(state) || state.length !== 2) return { ok: false, problem: 'malformed' };
      const [count, xor] = state as unknown[];
      if (!Number.isSafeInteger(count) || (count as number) < 0 || typeof xor !== 'string' || !HEX64.test(xor)) return { ok: false, problem: 'malformed' };
      digests.push({ count: count as number, xor: fromHex(xor) });
    }
    map.set(name, digests);
  }
  if (record['vaultId'] !== vaultId) return { ok: false, problem: 'other-vault' };
  const seal: Seal = { vaultId, counter: counter as number, tables: map };
  const expected = mac(sodium, key, macInput(vaultId, seal.counter, tableEntries(seal)));
  // Both are hex of a MAC over public data; a timing difference tells nothing a forger could use twice.
  if (!sodium.memcmp(sodium.from_string(expected), sodium.from_string(sealedMac))) return { ok: false, problem: 'mac' };
  return { ok: true, seal };
}
