/**
 * The bench's seed page (seed-page.dom.ts): served at a path of the app's own origin, so it sees
 * the app's IndexedDB, and fills an existing vault through the app's own code (MetaStore, the key
 * operations, openWorkspace, the repositories). Shared by the page and by the Node side
 * (seed-route.ts); everything crossing `page.evaluate` is plain JSON.
 */

/** Name of the global the page defines once its bundle ran. */
export const SEED_GLOBAL = 'caravanBenchSeed';

/** Where the seed page and its script are served, on the app's origin (never by the app). */
export const SEED_PAGE_PATH = '/__bench/seed.html';
export const SEED_SCRIPT_PATH = '/__bench/seed.js';

export interface SeedRequest {
  /** The vault's passphrase (the vault was created through the app's first-run screens). */
  passphrase: string;
  /** Time blocks to write. */
  blocks: number;
  /** Seed of the generator: same seed, same workspace (up to the ids the repositories choose). */
  seed: number;
  /** Blocks per createTimeBlocks call (one transaction each). */
  chunk: number;
}

export interface SeedClient {
  id: string;
  name: string;
  /** Blocks written for this client's projects, and their summed duration. */
  blocks: number;
  totalMs: number;
}

export interface SeedResult {
  clients: SeedClient[];
  projects: number;
  blocks: number;
  /** Argon2id and key unwrap on the seed page's thread. */
  unlockMs: number;
  /** All createTimeBlocks calls together. */
  writeMs: number;
  chunks: number;
  /** A word that occurs in some notes (about one block in eight), for the search figure. */
  searchWord: string;
  /** Blocks whose note contains `searchWord`. */
  searchMatches: number;
}

/** What `listAll` measured: the read the workspace does after unlock, without React. */
export interface ListAllResult {
  /** listTimeBlocks(ctx) of every block (read, decrypt, validate, sort), one figure per run. */
  listMs: number[];
  /** Blocks it returned. */
  blocks: number;
}

/** The page's API. */
export interface SeedApi {
  /** Unlocks the vault stored on this origin, writes clients, projects and blocks, closes it. */
  seed(request: SeedRequest): Promise<SeedResult>;
  /**
   * Unlocks the vault of this origin and times `listTimeBlocks(ctx)` of every block `runs` times
   * (what the app's loadWorkspace waits for), then closes it.
   */
  listAll(passphrase: string, runs: number): Promise<ListAllResult>;
}
