/**
 * A deterministic, realistic set of time blocks for the store bench: a freelancer's three years
 * (2023-2025) with four clients and ten projects, blocks of 15 minutes to 3 hours in working
 * hours, a short note each (~40 characters), the zone the work happened in, kind and billing flags.
 * Same seed, same records, so the encrypted store and its plain baseline write identical data.
 */
import { utcDay } from '../../src-renderer/domain/common.ts';
import type { TimeBlock } from '../../src-renderer/domain/time-block.ts';
import type { NewTimeBlock } from '../../src-renderer/vault/repos/time-blocks.ts';
import { createClock, encode, tick } from '../../src-renderer/sync/hlc/hlc.ts';
import type { MonthRange } from './protocol.ts';

/** 2023-01-01T00:00Z and the number of days covered (three years). */
const FIRST_DAY = utcDay(Date.UTC(2023, 0, 1));
const DAYS = utcDay(Date.UTC(2026, 0, 1)) - FIRST_DAY;
const MINUTE = 60_000;

/** Clients and their projects; project i belongs to client i % 4. */
export const CLIENT_IDS = ['c-atelier-lumen', 'c-nordwind-labs', 'c-casa-verde', 'c-kumo-systems'] as const;
export const PROJECTS: ReadonlyArray<{ id: string; clientId: string; name: string }> = Array.from({ length: 10 }, (_, i) => ({
  id: `p-${String(i).padStart(2, '0')}-${['relaunch', 'api', 'audit', 'migration', 'retainer'][i % 5]}`,
  clientId: CLIENT_IDS[i % CLIENT_IDS.length] as string,
  name: `Project ${i}`,
}));

const ZONES = ['Europe/Lisbon', 'Europe/Berlin', 'Atlantic/Canary', 'America/Mexico_City', 'Asia/Bangkok'];
const KINDS: ReadonlyArray<TimeBlock['kind']> = ['deep', 'deep', 'deep', 'shallow', 'shallow', 'meeting', 'break'];
const VERBS = ['Refactor', 'Review', 'Draft', 'Debug', 'Plan', 'Test', 'Document', 'Pair on', 'Estimate', 'Ship'];
const OBJECTS = ['invoice export', 'onboarding flow', 'search index', 'billing webhook', 'design tokens', 'release notes', 'sync conflicts', 'data model'];
const DETAILS = ['with the client', 'after feedback', 'for the demo', 'edge cases', 'second pass', 'before launch', 'and clean up'];

/** mulberry32: small, fast, good enough to spread test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The stored shape the repositories write: the record plus its HLC. */
export type BlockRow = TimeBlock & { hlc: string };

/** The same records three ways: repository input, vault row, plain row (with the day a plain app indexes). */
export interface Dataset {
  n: number;
  inputs: NewTimeBlock[];
  rows: BlockRow[];
  plainRows: Array<BlockRow & { day: number }>;
}

export function makeDataset(n: number, seed: number): Dataset {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const hex = (length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
    return out;
  };
  // The HLC a row got when it was saved: the clock's wall time is the record's creation time.
  let now = 0;
  const clock = createClock(hex(16), () => now);
  const inputs: NewTimeBlock[] = [];
  const rows: BlockRow[] = [];
  for (let i = 0; i < n; i++) {
    const project = PROJECTS[Math.floor(random() * PROJECTS.length)] as (typeof PROJECTS)[number];
    const day = FIRST_DAY + Math.floor((i * DAYS) / n);
    const start = (day * 1440 + 7 * 60 + Math.floor(random() * 144) * 5) * MINUTE;
    const end = start + (15 + Math.floor(random() * 34) * 5) * MINUTE;
    const kind = pick(KINDS);
    const billable = kind !== 'break' && random() < 0.85;
    const billed = billable && day < FIRST_DAY + DAYS - 60 && random() < 0.7;
    const note = `${pick(VERBS)} ${pick(OBJECTS)} ${pick(DETAILS)} #${i % 1000}`.padEnd(38, '.').slice(0, 44);
    const id = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    const input = { id, projectId: project.id, start, end, zone: pick(ZONES), kind, billable, billed, note };
    inputs.push(input);
    const createdAt = end + Math.floor(random() * 600) * 1000;
    now = createdAt;
    rows.push({ ...input, clientId: project.clientId, createdAt, updatedAt: createdAt, hlc: encode(tick(clock)) });
  }
  return { n, inputs, rows, plainRows: rows.map((row) => ({ ...row, day: utcDay(row.start) })) };
}

/** The 36 calendar months of the dataset, UTC. */
export function datasetMonths(): MonthRange[] {
  return Array.from({ length: 36 }, (_, m) => ({ from: Date.UTC(2023, m, 1), to: Date.UTC(2023, m + 1, 1) }));
}
