/**
 * The locality audit recorder: every entry main writes about where client data went, or was
 * refused to go. Callers record BEFORE they change the state an entry describes (a policy put in
 * force, a target saved, a file written, an object deleted), so a refused append leaves that state
 * as it was; this recorder only writes, it changes nothing else.
 *
 * What it keeps besides the log: the last decision recorded per `partition|target|operation` in
 * this session, so a sync every minute does not flood the log with the same allow, while a
 * refusal is always in it, at the latest when it first applies. The memory lasts as long as the
 * vault stays open (a re-open of the same vault keeps it; a lock forgets it). Without an open
 * vault there is no audit key, and recording is refused.
 */
import type { ExportKind } from '../../src-preload/contract/files.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { AuditDraft, AuditKind } from './audit-chain.ts';
import type { AuditReason } from './audit-reason.ts';
import type { CheckResult } from './check.ts';
import type { Operation } from './policy.ts';

/** The shared partition: settings and other records under no client's key. */
export const WORKSPACE_PARTITION = 'workspace';

/** Where entries go: the open vault's sealed, hash-chained log (`audit-log-store.ts`), or a test's double. */
export interface AuditSink {
  append(draft: AuditDraft): Promise<unknown>;
}

export interface AuditIds {
  clientId?: string;
  targetId?: string;
  partition?: string;
}

export type TravelEvent = 'start' | 'end' | 'removed' | 'restored';
export type ClientAction = 'client-exported' | 'client-erased';
export type DeletedObject = 'segment' | 'snapshot' | 'ack';

/** A partition's ids in an entry: a client's partition names the client too. */
function partitionIds(partition: string, targetId: string): AuditIds {
  return { targetId, partition, ...(partition !== WORKSPACE_PARTITION ? { clientId: partition } : {}) };
}

export class LocalityAudit {
  private session: { vaultId: string; sink: AuditSink; audited: Map<string, string> } | null = null;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  get isOpen(): boolean {
    return this.session !== null;
  }

  /** The vault was unlocked (or re-opened with a new sink): entries go to `sink`. The same vault keeps what it already recorded. */
  open(vaultId: string, sink: AuditSink): void {
    const audited = this.session?.vaultId === vaultId ? this.session.audited : new Map<string, string>();
    this.session = { vaultId, sink, audited };
  }

  close(): void {
    this.session = null;
  }

  private require() {
    if (!this.session) throw new UserFacingError('refused', 'Unlock the vault first: the locality guard knows no client policies while it is locked.');
    return this.session;
  }

  /** One entry, stamped now. Refused while locked. */
  async record(kind: AuditKind, reason: AuditReason, ids: AuditIds): Promise<void> {
    const { sink } = this.require();
    await sink.append({ at: this.now(), kind, reason, ...ids });
  }

  /**
   * A transfer decision for a partition and target. Written when it differs from the last one
   * recorded in this session for the same partition, target and operation, or always with `force`
   * (a policy, a target or the locality data changed).
   */
  async decision(partition: string, targetId: string, operation: Operation, result: CheckResult, force = false): Promise<void> {
    const { audited } = this.require();
    const key = `${partition}|${targetId}|${operation}`;
    if (!force && audited.get(key) === result.code) return;
    await this.record(result.allowed ? 'egress-allowed' : 'egress-denied', result.audit, partitionIds(partition, targetId));
    // Only once it is in the log: a failed append means the next identical decision is logged again.
    audited.set(key, result.code);
  }

  /** An object is about to be deleted from a target at the sync engine's request (compaction). */
  objectDeleted(partition: string, targetId: string, objectKind: DeletedObject): Promise<void> {
    return this.record('remote-object-deleted', { code: 'sync-delete', params: { objectKind } }, partitionIds(partition, targetId));
  }

  /** A client's objects were deleted from a target (policy strengthened, or erasure). */
  remoteCopiesDeleted(clientId: string, targetId: string): Promise<void> {
    return this.record('remote-copies-deleted', { code: 'user-action', params: {} }, { clientId, targetId });
  }

  /** A target is being removed: recorded first, so the log says why nothing more goes there. Nothing is written while locked. */
  async targetRemoved(targetId: string): Promise<void> {
    if (this.session) await this.record('target-removed', { code: 'user-action', params: {} }, { targetId });
  }

  /** A travel-mode step. */
  travel(event: TravelEvent, country: string | null, clientId: string | null): Promise<void> {
    const kind = `travel-${event}` as const satisfies AuditKind;
    const code = event === 'removed' ? 'travel-excluded' : event === 'restored' ? 'travel-allowed' : 'user-action';
    return this.record(kind, { code, params: country ? { country } : {} }, clientId ? { clientId } : {});
  }

  /** A GDPR action on a client's data: an access export, or an erasure. */
  clientAction(kind: ClientAction, clientId: string): Promise<void> {
    return this.record(kind, { code: 'user-action', params: {} }, { clientId });
  }

  /** A device-only client's data goes into a file the person saves, after they were told so. */
  deviceOnlyExported(clientId: string, exportKind: ExportKind): Promise<void> {
    return this.record('device-only-exported', { code: 'user-confirmed', params: { exportKind } }, { clientId });
  }

  /** A refused bundle export, with its reason. */
  bundleExportRefused(clientId: string, result: CheckResult): Promise<void> {
    return this.record('bundle-export-refused', result.audit, { clientId });
  }

  /** A bundle was written to a file the person chose. */
  bundleExported(clientId: string, result: CheckResult): Promise<void> {
    return this.record('bundle-exported', result.audit, { clientId });
  }

  /** A refused bundle import, with its reason. */
  bundleImportRefused(clientId: string, result: CheckResult): Promise<void> {
    return this.record('bundle-import-refused', result.audit, { clientId });
  }

  /** A bundle's records were merged into the vault. */
  bundleImported(clientId: string, result: CheckResult): Promise<void> {
    return this.record('bundle-imported', result.audit, { clientId });
  }

  /** A locality data file is about to be used. */
  dataUpdated(dataKind: 'zones' | 'regions', asOf: string): Promise<void> {
    return this.record('locality-data-updated', { code: 'data-file-imported', params: { dataKind, asOf } }, {});
  }
}
