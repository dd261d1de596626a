/**
 * The seed page's script: fills the vault of this origin with a realistic workspace through the
 * app's own code, as the app would write it. The vault header comes from the meta store, the key
 * from the passphrase (Argon2id on this page's thread: `directKeyOps`, the same operations the
 * app's key worker runs), the records go through openWorkspace and the repositories (validation,
 * encryption, change log). Nothing in the app knows about this page: it is served by the bench
 * (seed-route.ts) at a path of the app's origin, which is what makes the IndexedDB the app's.
 *
 * The workspace: three clients, seven projects, `blocks` time blocks spread evenly over 2023-2025
 * in working hours (Europe/Berlin), 15 minutes to 3 hours each, a note of about 30 characters,
 * kinds mixed. At 100 000 blocks that is ~90 a day, so blocks overlap; the table does not care.
 */
import { parseHeader } from '../../../src-renderer/vault/crypto/header.ts';
import type { BlockKind } from '../../../src-renderer/domain/time-block.ts';
import type { NewClient } from '../../../src-renderer/vault/repos/clients.ts';
import { createClient } from '../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlocks, listTimeBlocks, type NewTimeBlock } from '../../../src-renderer/vault/repos/time-blocks.ts';
import { directKeyOps } from '../../../src-renderer/vault/session/key-ops.ts';
import { MetaStore } from '../../../src-renderer/vault/session/meta-store.ts';
import { openWorkspace, type Workspace } from '../../../src-renderer/vault/session/workspace.ts';
import { type ListAllResult, SEED_GLOBAL, type SeedApi, type SeedClient, type SeedRequest, type SeedResult } from './protocol.ts';

const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const FIRST_DAY = Date.UTC(2023, 0, 1) / DAY_MS;
const DAYS = Date.UTC(2026, 0, 1) / DAY_MS - FIRST_DAY;
const ZONE = 'Europe/Berlin';

const CLIENTS: ReadonlyArray<NewClient & { projects: string[] }> = [
  {
    name: 'Atelier Lumen',
    country: 'DE',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    defaultRateMinor: 9_500,
    residency: { kind: 'zone', zone: 'EU' },
    projects: ['Website relaunch', 'Brand retainer', 'Shop migration'],
  },
  {
    name: 'Nordwind Labs',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
    currency: 'EUR',
    defaultRateMinor: 11_000,
    residency: { kind: 'zone', zone: 'EEA' },
    projects: ['API redesign', 'Security audit'],
  },
  {
    name: 'Kumo Systems',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    defaultRateMinor: 14_000,
    residency: { kind: 'zone', zone: 'EEA+adequacy' },
    projects: ['Data pipeline', 'Dashboard'],
  },
];

const KINDS: readonly BlockKind[] = ['deep', 'deep', 'deep', 'shallow', 'shallow', 'meeting', 'break'];
const VERBS = ['draft', 'fix', 'review', 'plan', 'test', 'ship', 'refine', 'sketch'];
/** SEARCH_WORD is one of these, so about one note in eight contains it. */
const OBJECTS = ['layout', 'invoice', 'schema', 'copy', 'tests', 'deploy', 'backlog', 'assets'];
const SEARCH_WORD = 'invoice';
const DETAILS = ['with client', 'after call', 'for demo', 'edge cases', 'second pass', 'pre-launch'];

/** mulberry32: small, fast, good enough to spread bench data. */
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

/** Unlocks the vault of this origin as the app does (header from the meta store, passphrase, this device's node id). */
async function open(passphrase: string): Promise<{ workspace: Workspace; vaultKey: Uint8Array; unlockMs: number }> {
  const meta = new MetaStore();
  const headerText = await meta.headerText();
  if (headerText === undefined) throw new Error('no vault on this origin: create one through the app first');
  const nodeId = await meta.nodeId();
  const started = performance.now();
  const opened = await directKeyOps.unlock(headerText, passphrase);
  const vaultKey = opened.root;
  const unlockMs = performance.now() - started;
  const header = parseHeader(headerText);
  // As the app: the epoch from the header, or (a version 1 header) the migration (the meta store stays open for it).
  const migration = header.version === 1 && opened.kek ? { migration: { header, kek: opened.kek, kdf: header.kdf, recoveryPublicKey: null } } : {};
  try {
    const session = { vaultId: header.vaultId, vaultKey: vaultKey.slice(), epoch: opened.epoch, ...migration };
    return { workspace: await openWorkspace(session, { nodeId, meta, deriveKek: directKeyOps.deriveKek }), vaultKey, unlockMs };
  } catch (error) {
    vaultKey.fill(0);
    throw error;
  }
}

async function listAll(passphrase: string, runs: number): Promise<ListAllResult> {
  const { workspace, vaultKey } = await open(passphrase);
  try {
    const listMs: number[] = [];
    let blocks = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      blocks = (await listTimeBlocks(workspace.ctx)).length;
      listMs.push(performance.now() - started);
    }
    return { listMs, blocks };
  } finally {
    workspace.close();
    vaultKey.fill(0);
  }
}

async function seed(request: SeedRequest): Promise<SeedResult> {
  const { passphrase, blocks, chunk } = request;
  const random = prng(request.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const { workspace, vaultKey, unlockMs } = await open(passphrase);
  try {
    const { ctx } = workspace;
    const clients: SeedClient[] = [];
    const projects: Array<{ id: string; client: SeedClient }> = [];
    for (const { projects: names, ...input } of CLIENTS) {
      const created = await createClient(ctx, input);
      const client: SeedClient = { id: created.id, name: created.name, blocks: 0, totalMs: 0 };
      clients.push(client);
      for (const name of names) {
        const project = await createProject(ctx, { clientId: created.id, name, status: 'active' });
        projects.push({ id: project.id, client });
      }
    }

    let writeMs = 0;
    let chunks = 0;
    let searchMatches = 0;
    for (let first = 0; first < blocks; first += chunk) {
      const inputs: NewTimeBlock[] = [];
      for (let i = first; i < Math.min(blocks, first + chunk); i++) {
        const project = pick(projects);
        const day = FIRST_DAY + Math.floor((i * DAYS) / blocks);
        // 06:00-17:00 UTC: 07:00-19:00 in Berlin, summer or winter.
        const start = day * DAY_MS + (6 * 60 + Math.floor(random() * 133) * 5) * MINUTE;
        const end = start + (15 + Math.floor(random() * 34) * 5) * MINUTE;
        const kind = pick(KINDS);
        const billable = kind !== 'break' && random() < 0.85;
        const billed = billable && day < FIRST_DAY + DAYS - 60 && random() < 0.7;
        const note = `${pick(VERBS)} ${pick(OBJECTS)} ${pick(DETAILS)} #${i % 1000}`;
        if (note.includes(SEARCH_WORD)) searchMatches++;
        inputs.push({ projectId: project.id, start, end, zone: ZONE, kind, billable, billed, note });
        project.client.blocks++;
        project.client.totalMs += end - start;
      }
      const started = performance.now();
      await createTimeBlocks(ctx, inputs);
      writeMs += performance.now() - started;
      chunks++;
    }
    return { clients, projects: projects.length, blocks, unlockMs, writeMs, chunks, searchWord: SEARCH_WORD, searchMatches };
  } finally {
    workspace.close();
    vaultKey.fill(0);
  }
}

const api: SeedApi = { seed, listAll };
(window as unknown as Record<string, SeedApi>)[SEED_GLOBAL] = api;
