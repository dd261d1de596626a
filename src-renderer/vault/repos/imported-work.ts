/**
 * An import of work from another tool, written whole or not at all: the clients and projects it
 * creates and its time blocks in one transaction (time-import/). New clients get their data keys
 * first (wrapping is asynchronous, so it cannot happen inside the transaction) and lose them again
 * if the transaction fails. Blocks already imported (same `imported` source and key, found among
 * the blocks of the days the import covers, inside the transaction) are skipped, so two imports of
 * one file racing each other still add each row once.
 */
import { DAY_MS, utcDay } from '../../domain/common.ts';
import { MAX_BLOCK_MS, type TimeBlock } from '../../domain/time-block.ts';
import type { Client } from '../../domain/client.ts';
import type { Project } from '../../domain/project.ts';
import type { RepoContext } from './context.ts';
import { clientDef, projectDef, timeBlockDef } from './defs.ts';
import { checkRefs, insertOne, liveRecords, newId, Parents, parseRecord, stageInsert, tableOf, writeTx } from './entity-repo.ts';
import type { NewClient } from './clients.ts';
import type { NewProject } from './projects.ts';
import type { NewTimeBlock } from './time-blocks.ts';

/** A client, project or block of the import, with the id the others point to it by. */
export type WithId<T> = T & { readonly id: string };

export interface ImportedWork {
  readonly clients: ReadonlyArray<WithId<NewClient>>;
  readonly projects: ReadonlyArray<WithId<NewProject>>;
  /** Each with `imported` set; `projectId` an existing project's or one of `projects`. */
  readonly blocks: readonly NewTimeBlock[];
}

export interface ImportedWorkResult {
  readonly clients: Client[];
  readonly projects: Project[];
  readonly blocks: TimeBlock[];
  /** Blocks found already imported, not written again. */
  readonly skipped: number;
}

/** The `source|key` of every block already imported in the days `blocks` cover. */
async function importedKeys(ctx: RepoContext, blocks: readonly NewTimeBlock[]): Promise<Set<string>> {
  const keys = new Set<string>();
  if (blocks.length === 0) return keys;
  let from = Infinity;
  let to = -Infinity;
  for (const b of blocks) {
    from = Math.min(from, b.start);
    to = Math.max(to, b.start);
  }
  const rows = await ctx.db.timeBlocks
    .where('day')
    .between(utcDay(from - MAX_BLOCK_MS), utcDay(to + DAY_MS), true, true)
    .toArray();
  for (const b of liveRecords(rows)) if (b.imported) keys.add(`${b.imported.source}|${b.imported.key}`);
  return keys;
}

export async function writeImportedWork(ctx: RepoContext, work: ImportedWork): Promise<ImportedWorkResult> {
  const now = ctx.now();
  const stamp = { createdAt: now, updatedAt: now };
  // Every record is validated before anything is written: a bad one refuses the whole import.
  const clients = work.clients.map((c) => parseRecord(clientDef, { notes: '', archived: false, contact: {}, ...c, ...stamp }));
  const created: string[] = [];
  try {
    for (const c of clients) {
      await ctx.keyRing.createClientKey(ctx.db, c.id);
      created.push(c.id);
    }
    return await writeTx(ctx, 'import', ['clients', 'projects', 'phases', 'experiments', 'timeBlocks'], async (log) => {
      const clientById = new Map(clients.map((c) => [c.id, c]));
      const parents = new Parents(ctx);
      const projects: Project[] = [];
      for (const p of work.projects) {
        const client = clientById.get(p.clientId) ?? (await parents.get(clientDef, p.clientId));
        projects.push(
          parseRecord(projectDef, {
            status: 'active',
            notes: '',
            currency: client.currency,
            billing: { kind: 'hourly', rateMinor: client.defaultRateMinor },
            ...p,
            ...stamp,
          }),
        );
      }
      const projectById = new Map<string, Project>(projects.map((p) => [p.id, p]));
      // Awaited once per existing project, never per block (see checkRefs).
      for (const id of new Set(work.blocks.map((b) => b.projectId))) if (!projectById.has(id)) projectById.set(id, await parents.get(projectDef, id));
      const done = await importedKeys(ctx, work.blocks);
      const blocks: TimeBlock[] = [];
      let skipped = 0;
      for (const b of work.blocks) {
        if (b.imported && done.has(`${b.imported.source}|${b.imported.key}`)) {
          skipped++;
          continue;
        }
        if (b.imported) done.add(`${b.imported.source}|${b.imported.key}`);
        const clientId = projectById.get(b.projectId)?.clientId;
        blocks.push(parseRecord(timeBlockDef, { note: '', billed: false, ...b, id: b.id ?? newId(), clientId, ...stamp }));
      }
      await checkRefs(timeBlockDef, blocks, parents);
      for (const c of clients) await insertOne(ctx, clientDef, log, c);
      for (const p of projects) await insertOne(ctx, projectDef, log, p);
      await tableOf(ctx, timeBlockDef).bulkAdd(blocks.map((record) => stageInsert(ctx, timeBlockDef, log, record)));
      return { clients, projects, blocks, skipped };
    });
  } catch (error) {
    for (const id of created) await ctx.keyRing.destroyClientKey(ctx.db, id).catch(() => undefined);
    throw error;
  }
}
