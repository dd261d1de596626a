/**
 * The store harness page: the vault's real store and repositories (src-renderer/vault), bundled
 * for the browser and run in Chromium on real IndexedDB. It exposes `window.storeHarness`
 * (protocol.ts) for the Node side to call with `page.evaluate`; see harness.ts.
 */
import { Dexie } from 'dexie';
import { generateKey } from '../../src-renderer/vault/crypto/keys.ts';
import { decryptRecord, encryptRecord } from '../../src-renderer/vault/crypto/record-cipher.ts';
import { getSodium } from '../../src-renderer/vault/crypto/sodium.ts';
import { createClient, removeClient, updateClient } from '../../src-renderer/vault/repos/clients.ts';
import type { RepoContext } from '../../src-renderer/vault/repos/context.ts';
import { createExpense } from '../../src-renderer/vault/repos/expenses.ts';
import { createExperiment } from '../../src-renderer/vault/repos/experiments.ts';
import { createKillSwitch } from '../../src-renderer/vault/repos/kill-switches.ts';
import { createDraft } from '../../src-renderer/vault/repos/invoices.ts';
import { createPhase } from '../../src-renderer/vault/repos/phases.ts';
import { createProject } from '../../src-renderer/vault/repos/projects.ts';
import { setSetting } from '../../src-renderer/vault/repos/settings.ts';
import { createTimeBlock, createTimeBlocks, listTimeBlocks } from '../../src-renderer/vault/repos/time-blocks.ts';
import type { UnreadableRow } from '../../src-renderer/vault/store/encryption-middleware.ts';
import { VaultKeyRing } from '../../src-renderer/vault/store/key-ring.ts';
import { IntegrityTracker } from '../../src-renderer/vault/integrity/tracker.ts';
import { writeSeal } from '../../src-renderer/vault/integrity/seal.ts';
import { closeVaultStore, defineVaultSchema, openVaultStore } from '../../src-renderer/vault/store/open-store.ts';
import { openRow, type SealedRow, sealRow } from '../../src-renderer/vault/store/row-codec.ts';
import { ENCRYPTED_TABLES, type VaultDb } from '../../src-renderer/vault/store/schema.ts';
import { createClock, encode, newNodeId, tick } from '../../src-renderer/sync/hlc/hlc.ts';
import { HARNESS_GLOBAL, type CanaryWriteResult, type MonthRange, type StoreHarness, type StoreMode } from './protocol.ts';
import { CLIENT_IDS, type Dataset, datasetMonths, makeDataset, PROJECTS } from './store-dataset.dom.ts';

/** An open store (encrypted or plain) with a repository context on it. */
interface OpenStore {
  db: VaultDb;
  keyRing: VaultKeyRing;
  ctx: RepoContext;
  unreadable: UnreadableRow[];
  /** Closes the database and wipes the keys. */
  close(): void;
}

/**
 * Opens `name` encrypted (`vault`) or plain, in `factory` (a storage bucket's IndexedDB) or in the
 * page's default IndexedDB.
 */
async function openStore(mode: StoreMode, name: string, factory?: IDBFactory): Promise<OpenStore> {
  const keyRing = await VaultKeyRing.create(generateKey(), 'harness-vault');
  const unreadable: UnreadableRow[] = [];
  const deps = factory === undefined ? {} : { indexedDB: factory, IDBKeyRange };
  let db: VaultDb;
  if (mode === 'vault') {
    // As the app opens it: the integrity tracker below the encryption, every seal made (JSON and
    // MAC; the app then posts it to main, which the bench leaves out).
    const tracker = new IntegrityTracker(await getSodium(), keyRing.integrityKey(), 'harness-vault');
    db = await openVaultStore(name, keyRing, { ...deps, onUnreadable: (row) => unreadable.push(row), middleware: [tracker.middleware()] });
    await tracker.scan(db);
    const sodium = await getSodium();
    tracker.onSeal((seal) => void writeSeal(sodium, keyRing.integrityKey(), seal));
  } else {
    const plain = new Dexie(name, { ...deps, autoOpen: false });
    defineVaultSchema(plain);
    await plain.open();
    db = plain as VaultDb;
  }
  await keyRing.loadClientKeys(db);
  const clock = createClock(newNodeId());
  const ctx: RepoContext = { db, keyRing, clock: { next: () => encode(tick(clock)) }, now: () => Date.now() };
  return {
    db,
    keyRing,
    ctx,
    unreadable,
    close: () => {
      closeVaultStore(db);
      keyRing.wipe();
    },
  };
}

/** The Storage Buckets API (Chromium), which TypeScript's DOM library does not describe yet. */
interface StorageBucketManager {
  open(name: string, options?: { durability?: 'strict' | 'relaxed'; persisted?: boolean }): Promise<{ indexedDB: IDBFactory }>;
  delete(name: string): Promise<void>;
}

/** A storage bucket for one sample; `remove()` deletes it with everything in it. */
interface Bucket {
  indexedDB: IDBFactory;
  remove(): Promise<void>;
}

/**
 * A fresh storage bucket. Each bucket has its own IndexedDB backing store (its own LevelDB folder),
 * so a sample does not pay for the compaction that deleting an earlier sample's 100 000 rows sets
 * off in a shared store (measured: later samples up to 10x slower), and removing the bucket removes
 * the folder instead of deleting keys.
 */
async function freshBucket(label: string): Promise<Bucket> {
  const buckets = (navigator as Navigator & { storageBuckets?: StorageBucketManager }).storageBuckets;
  if (buckets === undefined) throw new Error('this browser has no Storage Buckets API (navigator.storageBuckets)');
  const name = freshName(label);
  // Default options: durability makes no measurable difference to one bulkAdd (one commit).
  const bucket = await buckets.open(name);
  return { indexedDB: bucket.indexedDB, remove: () => buckets.delete(name) };
}

const datasets = new Map<number, Dataset>();
let databases = 0;

function dataset(n: number): Dataset {
  const found = datasets.get(n);
  if (found === undefined) throw new Error(`prepare(${n}) first`);
  return found;
}

/** A database or bucket name (bucket names: lower case, digits, '-' and '_', at most 64 characters). */
function freshName(label: string): string {
  return `harness-${label}-${++databases}-${Date.now()}`.toLowerCase();
}

/** The repository's month query, timed, per range. */
async function timeMonths(ctx: RepoContext, months: MonthRange[]): Promise<{ listMs: number[]; listed: number[] }> {
  const listMs: number[] = [];
  const listed: number[] = [];
  for (const month of months) {
    const started = performance.now();
    const blocks = await listTimeBlocks(ctx, month);
    listMs.push(performance.now() - started);
    listed.push(blocks.length);
  }
  return { listMs, listed };
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// Canary: one record of every kind with the marker in every sensitive field.

/** Writes the marked records through the repositories (the same calls for vault and control). */
async function writeMarkedRecords(ctx: RepoContext, canary: string): Promise<void> {
  const c = (field: string) => `${canary}-${field}`;
  const client = await createClient(ctx, {
    name: c('name'),
    company: c('company'),
    contact: { email: `${c('email')}@example.org`, phone: c('phone'), address: c('address') },
    country: 'PT',
    timeZone: 'Europe/Lisbon',
    currency: 'EUR',
    defaultRateMinor: 12_000,
    residency: { kind: 'countries', countries: ['PT'] },
    // Not Latin-1 ("—", "✓"): V8 stores such a string as UTF-16LE, which the scan must catch too.
    notes: `${c('notes')} — follow up ✓`,
  });
  const project = await createProject(ctx, {
    clientId: client.id,
    name: c('project-name'),
    status: 'active',
    billing: { kind: 'value', feeMinor: 900_000, basis: c('basis') },
    notes: c('project-notes'),
  });
  const phase = await createPhase(ctx, { projectId: project.id, name: c('phase-name'), order: 0, budgetHours: 40, exitCriteria: c('exit') });
  const experiment = await createExperiment(ctx, {
    projectId: project.id,
    phaseId: phase.id,
    hypothesis: c('hypothesis'),
    setup: c('setup'),
    metricName: c('metric'),
    metricUnit: c('unit').slice(0, 40),
    baseline: 2.5,
    target: 4,
    links: [`https://example.org/${c('link')}`],
    notes: c('experiment-notes'),
  });
  const start = Date.UTC(2025, 5, 15, 9, 30);
  await createTimeBlock(ctx, {
    projectId: project.id,
    phaseId: phase.id,
    experimentId: experiment.id,
    start,
    end: start + 5_400_000,
    zone: 'Europe/Lisbon',
    kind: 'deep',
    billable: true,
    note: c('block-note'),
  });
  await createExpense(ctx, {
    projectId: project.id,
    date: '2025-06-15',
    amountMinor: 4_250,
    currency: 'EUR',
    category: 'travel',
    receiptNote: c('receipt'),
  });
  await createKillSwitch(ctx, {
    projectId: project.id,
    trigger: { kind: 'metric', experimentId: experiment.id, comparator: '<', threshold: 2 },
    consequence: c('consequence'),
    notes: c('switch-notes'),
  });
  // An invoice document: the buyer, the lines and the note are the client's data.
  await createDraft(ctx, {
    clientId: client.id,
    kind: 'invoice',
    series: 'RE-',
    issueDate: '2025-06-30',
    dueDate: '2025-07-14',
    selection: { from: '2025-06-01', to: '2025-06-30', projectIds: [project.id] },
    currency: 'EUR',
    seller: { legalName: 'Anna Nowak Data Consulting', address: 'Berlin', country: 'DE' },
    buyer: { legalName: c('buyer'), address: c('buyer-address'), country: 'PT', isBusiness: true },
    hourStyle: 'h:mm',
    lines: [
      {
        id: 'l1',
        kind: 'manual',
        description: c('invoice-line'),
        quantity: { unit: 'item', milli: 1_000 },
        unitPriceMinor: 900_000,
        netMinor: 900_000,
        vat: { kind: 'domestic', rateBp: 2300 },
        blockIds: [],
        expenseIds: [],
      },
    ],
    note: c('invoice-note'),
  });
  await setSetting(ctx, 'invoice.signature', { text: c('setting'), footer: c('setting-footer') });
  // An update and a delete too: old values live on in the change log, and the tombstone must be opaque.
  const gone = await createClient(ctx, {
    name: c('deleted-client'),
    country: 'DE',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    defaultRateMinor: 9_500,
    residency: { kind: 'zone', zone: 'EEA' },
  });
  await updateClient(ctx, gone.id, { notes: c('updated-notes') });
  await removeClient(ctx, gone.id);
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** One char per byte (0-255); V8 keeps it as a one-byte string. */
function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

function stringBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

async function writeCanary(mode: StoreMode, dbName: string, canary: string): Promise<CanaryWriteResult> {
  const store = await openStore(mode, dbName);
  let raw: Dexie | undefined;
  try {
    await writeMarkedRecords(store.ctx, canary);
    // What the application reads back (decrypted for the vault).
    const tablesWithCanary: string[] = [];
    for (const table of store.db.tables) {
      if (table.name === 'changes' || table.name === 'clientKeys') continue;
      if (JSON.stringify(await table.toArray()).includes(canary)) tablesWithCanary.push(table.name);
    }
    const changes = await store.db.changes.toArray();
    const changesWithCanary = changes.filter((entry) => JSON.stringify(entry).includes(canary)).length;
    check(store.unreadable.length === 0, `${store.unreadable.length} unreadable rows`);

    // What IndexedDB holds: the same database without the middleware.
    raw = new Dexie(dbName, { autoOpen: false });
    defineVaultSchema(raw);
    await raw.open();
    const storedRows: Record<string, number> = {};
    const ciphertextSamples: string[] = [];
    let canaryInStoredRows = false;
    for (const table of raw.tables) {
      const rows = (await table.toArray()) as Array<Record<string, unknown>>;
      storedRows[table.name] = rows.length;
      const text = JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? binaryString(value) : value));
      if (text.includes(canary)) canaryInStoredRows = true;
      // 32 bytes from the middle of the table's first ciphertext (or wrapped key): random, so unique.
      const first = rows[0];
      const bytes = first?.['ct'] ?? first?.['wrapped'];
      if (mode === 'vault' && bytes instanceof Uint8Array && bytes.length >= 64) {
        const middle = Math.floor(bytes.length / 2) - 16;
        ciphertextSamples.push(hex(bytes.subarray(middle, middle + 32)));
      }
    }
    return { storedRows, tablesWithCanary: tablesWithCanary.sort(), changesWithCanary, canaryInStoredRows, ciphertextSamples };
  } finally {
    raw?.close();
    store.close();
  }
}

// ---------------------------------------------------------------------------------------------

const harness: StoreHarness = {
  async ready() {
    await getSodium();
  },

  async prepare(n, seed) {
    if (!datasets.has(n)) datasets.set(n, makeDataset(n, seed));
    return datasetMonths();
  },

  async writeRead(mode, n, months) {
    const data = dataset(n);
    const bucket = await freshBucket(`${mode}-${n}`);
    const store = await openStore(mode, 'caravan-bench', bucket.indexedDB);
    try {
      for (const clientId of CLIENT_IDS) await store.keyRing.createClientKey(store.db, clientId);
      const rows = mode === 'vault' ? data.rows : data.plainRows;
      let started = performance.now();
      await store.db.timeBlocks.bulkAdd(rows);
      const writeMs = performance.now() - started;
      started = performance.now();
      const all = await store.db.timeBlocks.toArray();
      const readMs = performance.now() - started;
      check(all.length === n && store.unreadable.length === 0, `read ${all.length} of ${n} rows, ${store.unreadable.length} unreadable`);
      return { writeMs, readMs, rows: all.length, ...(await timeMonths(store.ctx, months)) };
    } finally {
      store.close();
      await bucket.remove();
    }
  },

  async repoWrite(n, months) {
    const data = dataset(n);
    const bucket = await freshBucket(`repo-${n}`);
    const store = await openStore('vault', 'caravan-bench', bucket.indexedDB);
    try {
      for (const id of CLIENT_IDS) {
        await createClient(store.ctx, {
          id,
          name: `Client ${id}`,
          country: 'PT',
          timeZone: 'Europe/Lisbon',
          currency: 'EUR',
          defaultRateMinor: 9_000,
          residency: { kind: 'zone', zone: 'EEA' },
        });
      }
      for (const project of PROJECTS) await createProject(store.ctx, { ...project, status: 'active' });
      const before = await store.db.changes.count();
      const started = performance.now();
      await createTimeBlocks(store.ctx, data.inputs);
      const writeMs = performance.now() - started;
      const changes = (await store.db.changes.count()) - before;
      check(changes === n, `${changes} change log entries for ${n} blocks`);
      return { writeMs, changes, ...(await timeMonths(store.ctx, months)) };
    } finally {
      store.close();
      await bucket.remove();
    }
  },

  async breakdown(n) {
    const data = dataset(n);
    const spec = ENCRYPTED_TABLES.timeBlocks;
    const encoder = new TextEncoder();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // One bucket per store, as in the other samples.
    const buckets: Bucket[] = [];
    const plainStore = async (label: string) => {
      const bucket = await freshBucket(`breakdown-${label}-${n}`);
      buckets.push(bucket);
      const db = new Dexie('caravan-bench', { indexedDB: bucket.indexedDB, IDBKeyRange, autoOpen: false });
      defineVaultSchema(db);
      await db.open();
      return db;
    };
    const vaultBucket = await freshBucket(`breakdown-vault-${n}`);
    buckets.push(vaultBucket);
    const vault = await openStore('vault', 'caravan-bench', vaultBucket.indexedDB);
    const sealedDb = await plainStore('sealed');
    const plainDb = await plainStore('plain');
    const textDb = await plainStore('text');
    const time = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
      const started = performance.now();
      const result = await work();
      return [result, performance.now() - started];
    };
    try {
      for (const clientId of CLIENT_IDS) await vault.keyRing.createClientKey(vault.db, clientId);
      const { keyRing } = vault;
      const context = (row: { id: string; clientId: string }) => ({
        table: 'timeBlocks',
        id: row.id,
        schema: spec.version,
        keyId: `client:${row.clientId}`,
      });
      // Write side, piece by piece.
      const [strings, json] = await time(() => data.rows.map((row) => JSON.stringify(row)));
      const [bytes, utf8] = await time(() => strings.map((text) => encoder.encode(text)));
      const [, encrypt] = await time(() =>
        data.rows.map((row, i) => encryptRecord(keyRing.keyFor(`client:${row.clientId}`), bytes[i] as Uint8Array, context(row))),
      );
      const [sealed, seal] = await time(() => data.rows.map((row) => sealRow('timeBlocks', spec, row, keyRing)));
      const [, idbWriteSealed] = await time(() => sealedDb.table('timeBlocks').bulkAdd(sealed));
      const [, idbWritePlain] = await time(() => plainDb.table('timeBlocks').bulkAdd(data.plainRows));
      const [, vaultWrite] = await time(() => vault.db.timeBlocks.bulkAdd(data.rows));
      // Read side.
      const [stored, idbReadSealed] = await time(() => sealedDb.table('timeBlocks').toArray() as Promise<SealedRow[]>);
      const [, idbReadPlain] = await time(() => plainDb.table('timeBlocks').toArray());
      const [plaintexts, decrypt] = await time(() =>
        stored.map((row) => {
          const ctx = context(row as unknown as { id: string; clientId: string });
          return decryptRecord(keyRing.keyFor(ctx.keyId), row.ct, ctx);
        }),
      );
      const [, parse] = await time(() => plaintexts.map((plain) => JSON.parse(decoder.decode(plain)) as unknown));
      const [, open] = await time(() => stored.map((row) => openRow('timeBlocks', spec, row, keyRing)));
      const [readBack, vaultRead] = await time(() => vault.db.timeBlocks.toArray());
      check(readBack.length === n && stored.length === n, 'breakdown read back the wrong number of rows');
      // Experiment: the ciphertext as a binary string rather than a Uint8Array (an ArrayBuffer per row).
      const [textRows, bytesToText] = await time(() => sealed.map((row) => ({ ...row, ct: binaryString(row.ct) })));
      const [, idbWriteSealedText] = await time(() => textDb.table('timeBlocks').bulkAdd(textRows));
      const [textStored, idbReadSealedText] = await time(() => textDb.table('timeBlocks').toArray() as Promise<Array<{ ct: string }>>);
      const [, textToBytes] = await time(() => textStored.map((row) => stringBytes(row.ct)));
      const jsonBytes = bytes.reduce((sum, b) => sum + b.length, 0) / n;
      const ctBytes = sealed.reduce((sum, row) => sum + row.ct.length, 0) / n;
      return {
        n,
        json,
        utf8,
        encrypt,
        seal,
        idbWriteSealed,
        idbWritePlain,
        vaultWrite,
        idbReadSealed,
        idbReadPlain,
        decrypt,
        parse,
        open,
        vaultRead,
        idbWriteSealedText,
        idbReadSealedText,
        bytesToText,
        textToBytes,
        jsonBytes,
        ctBytes,
      };
    } finally {
      vault.close();
      for (const db of [sealedDb, plainDb, textDb]) db.close();
      for (const bucket of buckets) await bucket.remove();
    }
  },

  writeCanary,
};

Object.assign(window, { [HARNESS_GLOBAL]: harness });
