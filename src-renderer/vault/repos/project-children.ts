/**
 * What phases, time blocks, experiments, expenses and kill switches have in common: they hang off
 * a project, inherit its `clientId` (the key they are encrypted with), and may point to a phase or
 * an experiment of the same project. `projectId` and `clientId` are fixed at creation.
 */
import type { z } from 'zod';
import type { EntityRecords } from '../store/rows.ts';
import type { RepoContext } from './context.ts';
import { type ChildTable, projectDef } from './defs.ts';
import { checkRefs, type EntityDef, newId, Parents, parsePatch, parseRecord, patchOne, stageInsert, tableOf, writeTx } from './entity-repo.ts';

/** Fields of a child that are set by the repository, not the caller. */
type Managed = 'id' | 'clientId' | 'createdAt' | 'updatedAt';

/** Input of a child's create: the record without bookkeeping and `clientId` (taken from the project). */
export type NewChild<K extends ChildTable> = Omit<EntityRecords[K], Managed> & { id?: string };

/** Input of a child's update: fields other than the fixed ones. */
export type ChildPatch<K extends ChildTable> = Partial<Omit<EntityRecords[K], Managed | 'projectId'>>;

/** Tables every child write reads (parents) besides its own. */
const PARENT_TABLES = ['projects', 'phases', 'experiments'] as const;

/**
 * Creates children in one transaction: each gets its project's `clientId`, a fresh HLC and its own
 * change log entry. All or nothing: one invalid input or missing parent saves none.
 */
export function createChildren<K extends ChildTable>(
  ctx: RepoContext,
  def: EntityDef<K>,
  inputs: ReadonlyArray<NewChild<K>>,
  defaults: Partial<EntityRecords[K]> = {},
): Promise<Array<EntityRecords[K]>> {
  return writeTx(ctx, def.what, [...PARENT_TABLES, def.table], async (log) => {
    // Awaits once per distinct parent, never per input (see checkRefs).
    const parents = new Parents(ctx);
    const projects = new Map<string, EntityRecords['projects']>();
    for (const id of new Set(inputs.map((input) => input.projectId))) projects.set(id, await parents.get(projectDef, id));
    const now = ctx.now();
    const records = inputs.map((input) =>
      parseRecord(def, {
        ...defaults,
        ...input,
        id: input.id ?? newId(),
        clientId: projects.get(input.projectId)?.clientId,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await checkRefs(def, records, parents);
    await tableOf(ctx, def).bulkAdd(records.map((record) => stageInsert(ctx, def, log, record)));
    return records;
  });
}

/** Creates one child. */
export async function createChild<K extends ChildTable>(
  ctx: RepoContext,
  def: EntityDef<K>,
  input: NewChild<K>,
  defaults: Partial<EntityRecords[K]> = {},
): Promise<EntityRecords[K]> {
  const [record] = await createChildren(ctx, def, [input], defaults);
  return record as EntityRecords[K];
}

/** Changes some fields of a child; references it gains are checked. */
export function updateChild<K extends ChildTable>(
  ctx: RepoContext,
  def: EntityDef<K>,
  patchSchema: z.ZodType,
  id: string,
  patch: ChildPatch<K>,
): Promise<EntityRecords[K]> {
  return writeTx(ctx, def.what, [...PARENT_TABLES, def.table], (log) => patchOne(ctx, def, log, id, parsePatch(def.what, patchSchema, patch)));
}
