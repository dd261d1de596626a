/**
 * This device's part of an erasure, shared by an erasure made here (use-erase-client.ts, in the
 * order erase-client.ts gives) and one learnt from another device through sync
 * (sync/start-on-unlock.ts), and the anonymising again that every workspace load does.
 */
import type { RepoContext } from '../vault/repos/context.ts';
import { eraseClient } from '../vault/repos/clients.ts';
import { anonymiseInvoicesOf } from './erase-invoices.ts';

/** Notes in the meta store that client `clientId` is erased (sync never pulls it back; loads anonymise its invoices again). */
export type RecordErasure = (clientId: string) => Promise<void>;

/** Records the erasure, then destroys the client's key and rows: recorded first, so a failure after it is finished, not forgotten. */
export async function shredHere(ctx: RepoContext, record: RecordErasure, clientId: string): Promise<void> {
  await record(clientId);
  await eraseClient(ctx, clientId);
}

/**
 * Another device erased `clientId`: the same here, and its invoices anonymised here too. The other
 * device anonymised the rows it knew; rows this device wrote while offline (an invoice issued, a
 * void) would otherwise keep the client, and win over the anonymised ones for being later. Called
 * by the sync round, which holds the sync lock. `unreadable` counts entries naming the client that
 * this version cannot read, and so left as they are.
 */
export async function eraseLearntHere(ctx: RepoContext, record: RecordErasure, clientId: string): Promise<{ anonymised: number; unreadable: number }> {
  await shredHere(ctx, record, clientId);
  return anonymiseInvoicesOf(ctx, [clientId]);
}

/** Words for the person when invoices of an erased client could not be read here, or null. */
export function unreadableErasedText(unreadable: number): string | null {
  if (unreadable === 0) return null;
  return `${unreadable} invoice${unreadable === 1 ? '' : 's'} in your register, written by a newer version of Caravan, still name${unreadable === 1 ? 's' : ''} an erased client on this device: update Caravan here so it can anonymise ${unreadable === 1 ? 'it' : 'them'}.`;
}
