/**
 * Clients. Each client owns a data key (created with the client, destroyed by `eraseClient`); the
 * client row, its projects and everything under them, and its change log partition are encrypted
 * with it.
 */
import { Dexie } from 'dexie';
import { type Client, clientFields } from '../../domain/client.ts';
import { clientDef } from './defs.ts';
import type { EntityTableName } from '../store/rows.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from './errors.ts';
import { getOne, insertOne, liveRecords, newId, parsePatch, parseRecord, patchOne, readTx, removeOne, writeTx } from './entity-repo.ts';

/** Input of {@link createClient}: a client without bookkeeping; `id` only when importing. */
export type NewClient = Omit<Client, 'id' | 'createdAt' | 'updatedAt' | 'notes' | 'archived' | 'contact'> &
  Partial<Pick<Client, 'id' | 'notes' | 'archived' | 'contact'>>;

/** Input of {@link updateClient}: the fields to change; `undefined` removes an optional field. */
export type ClientPatch = Partial<Omit<Client, 'id' | 'createdAt' | 'updatedAt'>>;

const patchSchema = clientFields.omit({ id: true, createdAt: true, updatedAt: true }).partial();

/** Tables whose rows belong to a client, through `clientId` (erasing the client deletes them). */
export const CLIENT_OWNED_TABLES: readonly EntityTableName[] = ['projects', 'phases', 'timeBlocks', 'experiments', 'expenses', 'killSwitches', 'invoices'];

/** Creates a client and its data key. */
export async function createClient(ctx: RepoContext, input: NewClient): Promise<Client> {
  const now = ctx.now();
  const client = parseRecord(clientDef, {
    notes: '',
    archived: false,
    contact: {},
    ...input,
    id: input.id ?? newId(),
    createdAt: now,
    updatedAt: now,
  });
  // The key must exist before the row can be encrypted; wrapping is async, so it is made first
  // and destroyed again if the row is not written.
  await ctx.keyRing.createClientKey(ctx.db, client.id).catch((error: unknown) => {
    throw error instanceof Error && error.name === 'ConstraintError'
      ? new RepoError('already-exists', `A client with id ${client.id} already exists; nothing was saved.`, { cause: error })
      : error;
  });
  try {
    return await writeTx(ctx, clientDef.what, ['clients'], (log) => insertOne(ctx, clientDef, log, client));
  } catch (error) {
    await ctx.keyRing.destroyClientKey(ctx.db, client.id);
    throw error;
  }
}

/** Changes some fields of a client. */
export function updateClient(ctx: RepoContext, id: string, patch: ClientPatch): Promise<Client> {
  return writeTx(ctx, clientDef.what, ['clients'], (log) => patchOne(ctx, clientDef, log, id, parsePatch('client', patchSchema, patch)));
}

/**
 * Deletes a client (a tombstone stays for sync). Refused with 'has-dependents' while it has
 * projects; archiving is the usual way to hide a client, `eraseClient` the way to destroy its data.
 */
export function removeClient(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, clientDef.what, ['clients', 'projects'], async (log) => {
    const projects = liveRecords(await ctx.db.projects.where('clientId').equals(id).toArray());
    if (projects.length > 0) {
      throw new RepoError('has-dependents', `This client still has ${projects.length} project(s). Delete them first, or archive the client instead.`);
    }
    await removeOne(ctx, clientDef, log, id);
  });
}

/**
 * Erases a client for good (crypto-shredding): destroys its data key first, which makes every row
 * and change of this client unreadable at once, then deletes those rows and the client's change
 * log partition. Works on rows that no longer decrypt, since deleting by index needs only keys.
 * No tombstone is logged: the partition's key is gone; telling other devices is sync's job.
 */
export async function eraseClient(ctx: RepoContext, id: string): Promise<void> {
  await ctx.keyRing.destroyClientKey(ctx.db, id);
  const { db } = ctx;
  const partition = `client:${id}`;
  await db.transaction('rw', ['clients', ...CLIENT_OWNED_TABLES, 'changes'], async () => {
    await db.clients.delete(id);
    for (const table of CLIENT_OWNED_TABLES) await db[table].where('clientId').equals(id).delete();
    await db.changes.where('[partition+seq]').between([partition, Dexie.minKey], [partition, Dexie.maxKey]).delete();
  });
}

/** The client `id`; RepoError 'not-found' or 'unreadable'. */
export function getClient(ctx: RepoContext, id: string): Promise<Client> {
  return getOne(ctx, clientDef, id);
}

/** Filters of {@link listClients}. */
export interface ClientFilter {
  /** Only archived (true) or only active (false) clients; both when absent. */
  archived?: boolean;
}

/** Clients sorted by name (unreadable ones are reported, not listed). */
export function listClients(ctx: RepoContext, filter: ClientFilter = {}): Promise<Client[]> {
  return readTx(clientDef.what, async () => {
    const clients = liveRecords(await ctx.db.clients.toArray());
    return clients
      .filter((c) => filter.archived === undefined || c.archived === filter.archived)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  });
}
