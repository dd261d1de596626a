/**
 * The encrypted store in Chromium, on real (on-disk) IndexedDB, against plain Dexie with the same
 * schema in the same run: bulk write and full read of 10 000 and 100 000 time blocks, the
 * repository's createTimeBlocks (validation + change log), and listTimeBlocks for one month.
 * Then where the encrypted path spends its time (seal, IndexedDB, open), measured piece by piece.
 *
 * Each write goes to a fresh database in a fresh storage bucket (its own LevelDB, removed after the
 * sample, so no sample pays for an earlier one's deletion); the encrypted and the plain sample
 * alternate in order from run to run. The page is tests/browser/store-page.dom.ts (bundled with
 * rolldown: no electron-vite build needed), opened with a persistent profile so IndexedDB is on disk.
 */
import { openStorePage, startStorePageServer, type StorePage } from '../../browser/harness.ts';
import type { MonthRange, StoreBreakdown, StoreMode, WriteReadSample } from '../../browser/protocol.ts';
import { figure, type Figure } from '../result.ts';
import { summarize } from '../stats.ts';

/**
 * Runs per size; one write of 100 000 blocks takes 12-19 s on the 2-core machine, so fewer there
 * (the suite takes about 3 minutes).
 */
const PLAN = [
  { n: 10_000, runs: 5, repoRuns: 3 },
  { n: 100_000, runs: 3, repoRuns: 1 },
] as const;
/** Month queries per run (different months each run, the same for both stores). */
const MONTHS_PER_RUN = 3;
/**
 * Breakdown runs, at 10 000 blocks. STORE_BREAKDOWN_N=100000 sets the size; STORE_BREAKDOWN_ONLY=1
 * skips the other figures (the 100k breakdown alone takes about 2 minutes).
 */
const BREAKDOWN_RUNS = 3;
const SEED = 20_260_101;
const GOAL = 'within 1.5x of plain Dexie';

const k = (n: number) => `${n / 1000}k`;
const grouped = (n: number) => n.toLocaleString('en').replace(/,/g, ' ');

function monthsFor(run: number, all: MonthRange[]): MonthRange[] {
  return Array.from({ length: MONTHS_PER_RUN }, (_, i) => all[(run * 7 + i * 12 + 2) % all.length] as MonthRange);
}

async function sizeFigures(harness: StorePage, n: number, runs: number, repoRuns: number): Promise<Figure[]> {
  const months = await harness.call('prepare', n, SEED);
  const samples: Record<StoreMode, WriteReadSample[]> = { vault: [], plain: [] };
  const listed: number[] = [];
  for (let run = 0; run < runs; run++) {
    const order: StoreMode[] = run % 2 === 0 ? ['vault', 'plain'] : ['plain', 'vault'];
    for (const mode of order) {
      const sample = await harness.call('writeRead', mode, n, monthsFor(run, months));
      samples[mode].push(sample);
      if (mode === 'vault') listed.push(...sample.listed);
    }
  }
  const repo: number[] = [];
  for (let run = 0; run < repoRuns; run++) repo.push((await harness.call('repoWrite', n, [])).writeMs);

  const pick = (mode: StoreMode, field: 'writeMs' | 'readMs') => summarize(samples[mode].map((s) => s[field]));
  const plainWrite = {
    description: `plain Dexie, same schema (defineVaultSchema), same records plus their clear day, one bulkAdd, fresh database, same run`,
    value: pick('plain', 'writeMs'),
  };
  const meanListed = Math.round(listed.reduce((a, b) => a + b, 0) / Math.max(1, listed.length));
  return [
    figure({
      id: `vault.store.write-${k(n)}`,
      description: `bulk write of ${grouped(n)} time blocks (one bulkAdd, fresh database), encrypted vault (openVaultStore + middleware), Chromium IndexedDB on disk`,
      unit: 'ms',
      value: pick('vault', 'writeMs'),
      baseline: plainWrite,
      goal: GOAL,
    }),
    figure({
      id: `vault.store.read-${k(n)}`,
      description: `full read of ${grouped(n)} time blocks (timeBlocks.toArray()), encrypted vault`,
      unit: 'ms',
      value: pick('vault', 'readMs'),
      baseline: { description: 'plain Dexie toArray of the same rows, same run', value: pick('plain', 'readMs') },
      goal: GOAL,
    }),
    figure({
      id: `vault.store.repo-write-${k(n)}`,
      description: `createTimeBlocks of ${grouped(n)} blocks in one call (zod validation, HLC per block, one encrypted change log entry per block), fresh vault`,
      unit: 'ms',
      value: summarize(repo),
      baseline: plainWrite,
    }),
    figure({
      id: `vault.store.list-month-${k(n)}`,
      description: `listTimeBlocks for one calendar month (~${meanListed} blocks of ${grouped(n)}), encrypted vault; ${MONTHS_PER_RUN} months per run`,
      unit: 'ms',
      value: summarize(samples.vault.flatMap((s) => s.listMs)),
      baseline: {
        description: 'the same listTimeBlocks on plain Dexie (same schema and rows), same months, same run',
        value: summarize(samples.plain.flatMap((s) => s.listMs)),
      },
    }),
  ];
}

async function breakdownFigures(harness: StorePage, n: number): Promise<Figure[]> {
  await harness.call('prepare', n, SEED);
  const runs: StoreBreakdown[] = [];
  for (let run = 0; run < BREAKDOWN_RUNS; run++) runs.push(await harness.call('breakdown', n));
  const s = (field: keyof StoreBreakdown) => summarize(runs.map((r) => r[field]));
  const first = runs[0] as StoreBreakdown;
  console.log(
    `  breakdown at ${grouped(n)} (medians of ${runs.length}, ms): ` +
      Object.entries(first)
        .filter(([key]) => key !== 'n' && !key.endsWith('Bytes'))
        .map(([key]) => `${key} ${s(key as keyof StoreBreakdown).median}`)
        .join(', ') +
      `; record ${Math.round(first.jsonBytes)} B JSON, ${Math.round(first.ctBytes)} B ciphertext`,
  );
  const what = `${grouped(n)} time blocks`;
  return [
    figure({
      id: `vault.store.profile.seal-${k(n)}`,
      description: `sealRow of ${what} (JSON, UTF-8, XChaCha20-Poly1305, clear fields), no IndexedDB`,
      unit: 'ms',
      value: s('seal'),
      baseline: { description: 'JSON.stringify of the same records', value: s('json') },
    }),
    figure({
      id: `vault.store.profile.idb-write-sealed-${k(n)}`,
      description: `plain Dexie bulkAdd of ${what} already sealed ({id, clientId, projectId, day, v, ct}): IndexedDB's cost of the stored shape`,
      unit: 'ms',
      value: s('idbWriteSealed'),
      baseline: { description: 'plain Dexie bulkAdd of the plaintext rows', value: s('idbWritePlain') },
    }),
    figure({
      id: `vault.store.profile.idb-read-sealed-${k(n)}`,
      description: `plain Dexie toArray of ${what} stored sealed, without decrypting: IndexedDB's cost of the stored shape`,
      unit: 'ms',
      value: s('idbReadSealed'),
      baseline: { description: 'plain Dexie toArray of the plaintext rows', value: s('idbReadPlain') },
    }),
    figure({
      id: `vault.store.profile.open-${k(n)}`,
      description: `openRow of ${what} (decrypt, UTF-8 decode, JSON.parse, clear-field check), no IndexedDB`,
      unit: 'ms',
      value: s('open'),
      baseline: { description: 'UTF-8 decode + JSON.parse of the same plaintexts', value: s('parse') },
    }),
    figure({
      id: `vault.store.profile.idb-read-ct-text-${k(n)}`,
      description: `experiment: the sealed rows with ct stored as a binary string instead of a Uint8Array, toArray + conversion back to bytes`,
      unit: 'ms',
      value: summarize(runs.map((r) => r.idbReadSealedText + r.textToBytes)),
      baseline: { description: 'toArray of the sealed rows as the vault stores them (ct a Uint8Array)', value: s('idbReadSealed') },
    }),
  ];
}

export async function store(): Promise<Figure[]> {
  const server = await startStorePageServer();
  const harness = await openStorePage(server);
  try {
    // Warm-up (JIT, IndexedDB backing store), discarded.
    const warm = await harness.call('prepare', 2_000, SEED);
    for (const mode of ['vault', 'plain'] as const) await harness.call('writeRead', mode, 2_000, warm.slice(0, 2));
    await harness.call('repoWrite', 2_000, []);

    const figures: Figure[] = [];
    if (process.env['STORE_BREAKDOWN_ONLY'] !== '1') {
      for (const { n, runs, repoRuns } of PLAN) figures.push(...(await sizeFigures(harness, n, runs, repoRuns)));
    }
    const breakdownN = Number(process.env['STORE_BREAKDOWN_N'] ?? 10_000);
    figures.push(...(await breakdownFigures(harness, breakdownN)));
    return figures;
  } finally {
    await harness.close();
    await server.close();
  }
}
