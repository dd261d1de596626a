/**
 * Erasing a client (Art. 17), in an order that leaves no half state a person cannot finish:
 *
 * 1. count its rows (once the key is gone the rows cannot be told apart, and then they are gone),
 *    and check that every invoice of it in the register can be read, so it can be anonymised;
 *    a failure here erases nothing;
 * 2. with sync held: shred it on this device (`shred`: the erasure is recorded for sync first, so
 *    sync never pulls the client back and other devices learn it; then the data key, then the
 *    rows), then anonymise its invoices in the register (erase-invoices.ts: workspace rows the key
 *    does not cover, kept without the client for bookkeeping). Anonymising comes after the shred,
 *    never before: invoices anonymised while the client is still here no longer bill its blocks,
 *    and Reports would offer to unbill them. Sync held, so no round carries anonymised invoices
 *    to another device before the erasure record. A failure here drops nothing from the screens and
 *    tells main nothing; erasing again finishes it (the key may be gone already; anonymising
 *    changes nothing twice), and every workspace load anonymises erased clients' invoices again;
 * 3. drop it from the screens' cache;
 * 4. have main record the erasure (it forgets the policy) and say which targets still hold its
 *    data, and delete the copies there, each deletion audited by main.
 * The erasure on this device is done after step 2: a failure in step 4 is reported on the receipt
 * (no audit entry, or copies left on a target), never as a failed erasure.
 */
import type { IpcResult } from '../../src-preload/contract/errors.ts';
import type { TargetList } from '../../src-preload/contract/target.ts';
import type { Client } from '../domain/client.ts';
import type { ErasedRows, ErasureReceipt, HeldOnTarget } from './erasure-receipt.ts';

export interface EraseClientDeps {
  countRows(clientId: string): Promise<ErasedRows>;
  /** Throws, in words, when an invoice of the client in the register cannot be read (so could not be anonymised). */
  checkInvoices(clientId: string): Promise<void>;
  /** Runs `work` with no sync round running and none starting until it is done (sync/sync-lock.ts). */
  withSyncLock<T>(work: () => Promise<T>): Promise<T>;
  /** Records the erasure for sync, then destroys the client's key and rows. */
  shred(clientId: string): Promise<void>;
  /** Anonymises the client's invoices in the register; returns how many. */
  anonymiseInvoices(clientId: string): Promise<number>;
  dropFromCache(clientId: string): void;
  locality: {
    recordClientAction(kind: 'client-erased', clientId: string): Promise<IpcResult<{ at: number; heldOn: string[] }>>;
    targets(): Promise<IpcResult<TargetList>>;
  };
  sync: { deletePartition(targetId: string, clientId: string): Promise<IpcResult<number>> };
  now(): number;
  appVersion: string;
  /** A person's words for a failure, ending with what was (not) done (gdprErrorMessage in the app). */
  explain(error: unknown, whatHappened: string): string;
}

export type EraseClientOutcome =
  | { kind: 'erased'; receipt: ErasureReceipt }
  /** Nothing was erased (the rows could not be counted, or an invoice of the client cannot be read). */
  | { kind: 'not-erased'; message: string }
  /** The erasure started and did not finish: the key may be gone; erasing again deletes the rest. */
  | { kind: 'unfinished'; message: string };

/** Labels for target ids; a target main no longer lists is named by its id. */
async function targetLabels(deps: EraseClientDeps, ids: readonly string[]): Promise<HeldOnTarget[]> {
  if (ids.length === 0) return [];
  const listed = await deps.locality.targets();
  // Without the list the receipt still names each target, by id, as Sync shows removed targets too.
  const labels = new Map(listed.ok ? listed.value.targets.map((t) => [t.id, t.label]) : []);
  return ids.map((id) => ({ id, label: labels.get(id) ?? `Target ${id}` }));
}

export async function eraseClientEverywhere(deps: EraseClientDeps, client: Pick<Client, 'id' | 'name'>): Promise<EraseClientOutcome> {
  let rows: ErasedRows;
  let invoicesAnonymised: number;
  try {
    rows = await deps.countRows(client.id);
    await deps.checkInvoices(client.id);
  } catch (error) {
    return { kind: 'not-erased', message: deps.explain(error, 'Nothing was erased.') };
  }
  try {
    invoicesAnonymised = await deps.withSyncLock(async () => {
      await deps.shred(client.id);
      return deps.anonymiseInvoices(client.id);
    });
  } catch (error) {
    return {
      kind: 'unfinished',
      message: deps.explain(error, `The erasure did not finish. ${client.name}’s data key may already be destroyed; erase again to finish it.`),
    };
  }
  deps.dropFromCache(client.id);
  const base = { clientId: client.id, clientName: client.name, rows, invoicesAnonymised, appVersion: deps.appVersion };
  const recorded = await deps.locality.recordClientAction('client-erased', client.id);
  if (!recorded.ok) return { kind: 'erased', receipt: { ...base, erasedAt: deps.now(), heldOn: null, auditProblem: recorded.error.message } };
  const heldOn = await Promise.all(
    (await targetLabels(deps, recorded.value.heldOn)).map(async (t): Promise<HeldOnTarget> => {
      const deleted = await deps.sync.deletePartition(t.id, client.id);
      return deleted.ok ? { ...t, deleted: deleted.value } : { ...t, problem: deleted.error.message };
    }),
  );
  return { kind: 'erased', receipt: { ...base, erasedAt: recorded.value.at, heldOn } };
}
