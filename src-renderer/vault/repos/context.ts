/** What every repository function runs against. */
import type { ClientKeyRing } from '../store/key-ring.ts';
import type { VaultDb } from '../store/schema.ts';

/** A source of HLC timestamps for local writes (the sync engine's clock, `encode(tick(clock))`). */
export interface WriteClock {
  /** A new encoded HLC (32 hex characters), greater than every one returned before. */
  next(): string;
  /**
   * Moves the clock past a remote HLC that sync applied, so later local writes sort after it.
   * Throws HlcError('clock-drift') for one too far ahead (sync quarantines those first).
   */
  observe?(hlc: string): void;
}

/** The open vault, its keys, its clock and the wall clock; built once per unlocked session. */
export interface RepoContext {
  db: VaultDb;
  keyRing: ClientKeyRing;
  clock: WriteClock;
  /** Wall-clock time for createdAt/updatedAt, UTC epoch ms. */
  now(): number;
}
