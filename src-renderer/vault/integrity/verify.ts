/**
 * The unlock check: the store as scanned against the newest valid seal. Pure; the words a person
 * reads are in report-words.ts.
 */
import type { Sodium } from '../crypto/sodium.ts';
import { sameDigest, type TableDigest } from './digest.ts';
import { readSeal, type Seal, type SealProblem } from './seal.ts';

/** What changed in one table since this device last sealed it. */
export interface TableFinding {
  table: string;
  /** Rows fewer than this device last saw (a table cleared, rows deleted, the change log cut). */
  missing: number;
  /** Rows more than this device last saw (rows put back after this device deleted them). */
  extra: number;
  /** The count may match, but the rows differ: rows put back to an older copy (how many is not known). */
  changed: boolean;
}

export type IntegrityCheck =
  /** The store is as this device last left it. */
  | { kind: 'ok'; counter: number }
  /** No seal yet (the first unlock with this check, or a new vault): nothing to compare; sealed now. */
  | { kind: 'first'; unusable: SealProblem[] }
  /** The store is older than, or missing rows of, what this device last saw. */
  | { kind: 'rolled-back'; counter: number; findings: TableFinding[] };

/** A seal as stored, and where (for the report). */
export interface StoredSeal {
  source: 'main' | 'meta';
  text: string | null;
}

/** The newest seal that verifies, and why the others did not. */
export function newestSeal(sodium: Sodium, key: Uint8Array, vaultId: string, stored: readonly StoredSeal[]): { seal: Seal | null; unusable: SealProblem[] } {
  let seal: Seal | null = null;
  const unusable: SealProblem[] = [];
  for (const { text } of stored) {
    if (text === null) continue;
    const read = readSeal(sodium, key, vaultId, text);
    if (!read.ok) unusable.push(read.problem);
    else if (seal === null || read.seal.counter > seal.counter) seal = read.seal;
  }
  return { seal, unusable };
}

/**
 * Each table's scanned digest must be one of the states the seal accepts for it (committed, or a
 * write in flight at a crash). A table the seal does not name must be empty (new in this version).
 */
export function checkStore(scanned: ReadonlyMap<string, TableDigest>, seal: Seal | null, unusable: SealProblem[] = []): IntegrityCheck {
  if (seal === null) return { kind: 'first', unusable };
  const findings: TableFinding[] = [];
  const names = new Set([...scanned.keys(), ...seal.tables.keys()]);
  for (const table of [...names].sort()) {
    const now = scanned.get(table) ?? { count: 0, xor: new Uint8Array(32) };
    const states = seal.tables.get(table);
    if (states === undefined) {
      if (now.count > 0) findings.push({ table, missing: 0, extra: now.count, changed: false });
      continue;
    }
    if (states.some((state) => sameDigest(state, now))) continue;
    // Measured against the nearest state the seal accepts: a crash mid-write must not inflate the count.
    const counts = states.map((s) => s.count);
    const lowest = Math.min(...counts);
    const highest = Math.max(...counts);
    const missing = now.count < lowest ? lowest - now.count : 0;
    const extra = now.count > highest ? now.count - highest : 0;
    findings.push({ table, missing, extra, changed: missing === 0 && extra === 0 });
  }
  return findings.length === 0 ? { kind: 'ok', counter: seal.counter } : { kind: 'rolled-back', counter: seal.counter, findings };
}
