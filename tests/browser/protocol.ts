/**
 * What the store harness page (store-page.dom.ts) exposes on `window.storeHarness`, and what its
 * functions return. Shared by the page and by the Node side that drives it (harness.ts); every
 * argument and result crosses `page.evaluate`, so all of it is plain JSON.
 */

/** Name of the global the page defines once its bundle ran. */
export const HARNESS_GLOBAL = 'storeHarness';

/** Which way time blocks are written and read in the bench. */
export type StoreMode =
  /** openVaultStore: the encryption middleware on a Dexie with the vault schema. */
  | 'vault'
  /** The same schema on a plain Dexie (defineVaultSchema), no middleware: the baseline. */
  | 'plain';

/** One month of the dataset, as the Today/time views ask for it: [from, to) in UTC epoch ms. */
export interface MonthRange {
  from: number;
  to: number;
}

/** A bulk write then a full read of `rows` time blocks in a fresh database. */
export interface WriteReadSample {
  writeMs: number;
  readMs: number;
  /** Rows `toArray()` returned (checked against the dataset size). */
  rows: number;
  /** One figure per month range given: the month query's time and the rows it returned. */
  listMs: number[];
  listed: number[];
}

/** The repository path: createTimeBlocks (validation, change log) then listTimeBlocks per month. */
export interface RepoSample {
  writeMs: number;
  /** Change log entries written (one per block). */
  changes: number;
  listMs: number[];
  listed: number[];
}

/**
 * Where the encrypted path spends its time, measured piece by piece on the same dataset
 * (milliseconds for all N records).
 */
export interface StoreBreakdown {
  n: number;
  /** Write side, no IndexedDB: JSON.stringify, UTF-8 encoding, XChaCha20-Poly1305 of the bytes. */
  json: number;
  utf8: number;
  encrypt: number;
  /** sealRow for every record: all of the above plus clear fields, key lookup and associated data. */
  seal: number;
  /** Plain Dexie bulkAdd of the already sealed rows (IndexedDB cost of the stored shape). */
  idbWriteSealed: number;
  /** Plain Dexie bulkAdd of the plaintext rows (the baseline's IndexedDB cost). */
  idbWritePlain: number;
  /** Through the middleware end to end (seal + IndexedDB + Dexie), for comparison. */
  vaultWrite: number;
  /** Read side: plain Dexie toArray of the sealed rows, then openRow for each. */
  idbReadSealed: number;
  idbReadPlain: number;
  decrypt: number;
  parse: number;
  open: number;
  vaultRead: number;
  /**
   * The same sealed rows with `ct` as a binary string (one char per byte) instead of a Uint8Array:
   * IndexedDB write and read, and the conversion each way. An experiment, not what the vault stores.
   */
  idbWriteSealedText: number;
  idbReadSealedText: number;
  bytesToText: number;
  textToBytes: number;
  /** Mean stored sizes: the serialised JSON record, and the ciphertext (JSON + 41 bytes). */
  jsonBytes: number;
  ctBytes: number;
}

/** What the canary writer saw, in the page, before the profile was closed. */
export interface CanaryWriteResult {
  /** Rows per table as stored (read without the middleware). */
  storedRows: Record<string, number>;
  /** Tables whose records, read back through the repositories/middleware, hold the canary. */
  tablesWithCanary: string[];
  /** Change log entries holding the canary (decrypted). */
  changesWithCanary: number;
  /** The canary found in the stored rows as the page reads them (clear fields, bytes as Latin-1). */
  canaryInStoredRows: boolean;
  /**
   * Hex of some stored ciphertexts (vault) or nothing (plain): the Node side checks that these bytes
   * are in the profile's files, which proves the data reached the disk before the scan.
   */
  ciphertextSamples: string[];
}

/** The page's API. */
export interface StoreHarness {
  /** Loads libsodium; every other call assumes it resolved. */
  ready(): Promise<void>;
  /** Builds (once) the dataset of `n` time blocks from `seed`; returns the month ranges it covers. */
  prepare(n: number, seed: number): Promise<MonthRange[]>;
  /**
   * Bulk write and full read of the prepared `n` blocks in a fresh database (in a fresh storage
   * bucket, removed afterwards), then listTimeBlocks per month range.
   */
  writeRead(mode: StoreMode, n: number, months: MonthRange[]): Promise<WriteReadSample>;
  /** createTimeBlocks of the prepared `n` blocks in a fresh vault (fresh bucket), then listTimeBlocks per month. */
  repoWrite(n: number, months: MonthRange[]): Promise<RepoSample>;
  /** Piece-by-piece timing of the encrypted path on the prepared `n` blocks. */
  breakdown(n: number): Promise<StoreBreakdown>;
  /**
   * Writes one record of every kind, with `canary` in every sensitive field, through the real
   * repositories into the database `dbName`, encrypted (`vault`) or on a plain Dexie (`plain`,
   * the control), plus an update and a delete; then closes the database.
   */
  writeCanary(mode: StoreMode, dbName: string, canary: string): Promise<CanaryWriteResult>;
}
