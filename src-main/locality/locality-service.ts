/**
 * Main's locality feature assembled: the target registry, the locality data, the policy book of
 * the open vault, its audit recorder and the egress guard that decides over them; and the gates
 * other features call (sync, bundles, file exports, travel and GDPR), each a decision of the
 * guard with the record it needs. This service is what the locality handlers call: the open and
 * close of a vault, targets, policies, the audit log and the locality data. No Electron import:
 * the app and the browser test host build it the same way, with their own data folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../files/atomic-file.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import type { AuditLines } from '../../src-preload/contract/audit.ts';
import type {
  ClientPlacement,
  LocalityDataSummary,
  ProspectiveDecision,
  LocalityOpened,
  PolicyPreview,
  PolicySource,
} from '../../src-preload/contract/locality.ts';
import type { RegionChoices, ResolvedLocation, TargetList, TargetLocation, TargetView } from '../../src-preload/contract/target.ts';
import { AuditLogStore } from './audit-log-store.ts';
import { BundleGate } from './bundle-gate.ts';
import { ClientGate } from './client-gate.ts';
import { importLocalityData } from './data-import.ts';
import { EgressGuard } from './egress-guard.ts';
import { ExportGate } from './export-gate.ts';
import { LocalityAudit, type AuditSink } from './locality-audit.ts';
import { LocalityDataStore } from './locality-data-store.ts';
import { PolicyBaseline } from './policy-baseline.ts';
import { PolicyBook } from './policy-book.ts';
import type { IncomingPolicy } from './policy-changes.ts';
import { SyncGate } from './sync-gate.ts';
import { regionChoices, resolvedLocation, targetView } from './target-views.ts';
import { TargetRegistry, type AddableTarget, type JsonStore, type TargetConfig } from './target-registry.ts';
import type { Location } from './policy.ts';
import { locationOf } from './resolve-location.ts';

export interface LocalityServiceOptions {
  /** Main's data folder; targets, imported data and audit logs live under it. */
  dataDir: string;
  newId: () => string;
  now: () => number;
  log: (message: string, detail?: unknown) => void;
  /** Main's own question to the person: a weaker policy, new locality data. Without one, every such question is answered no. */
  confirm?: ConfirmDialog;
}

/** No one to ask: main never takes a yes it did not get from the person. */
const NO_DIALOG: ConfirmDialog = { confirm: async () => false };

function jsonStore(path: string): JsonStore {
  return { read: () => readJsonFile(path), write: (value) => writeJsonFileAtomic(path, value) };
}

/** Like `jsonStore`, but a file that is there and does not parse is an error, not "no file": the baseline must tell the two apart. */
function strictJsonStore(path: string): JsonStore {
  return {
    read: async () => {
      const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return text === null ? null : (JSON.parse(text) as unknown);
    },
    write: (value) => writeJsonFileAtomic(path, value),
  };
}

/** The parts `LocalityService.create` builds, each with one concern. */
interface LocalityParts {
  targets: TargetRegistry;
  data: LocalityDataStore;
  book: PolicyBook;
  audit: LocalityAudit;
  guard: EgressGuard;
}

export class LocalityService {
  /** The open vault's audit log on disk, and whose it is. */
  private log: { vaultId: string; store: AuditLogStore } | null = null;
  private readonly options: LocalityServiceOptions;
  private readonly audit: LocalityAudit;
  readonly targets: TargetRegistry;
  readonly data: LocalityDataStore;
  /** The policies of the open vault. */
  readonly book: PolicyBook;
  /** The decisions, unrecorded. */
  readonly guard: EgressGuard;
  /** For sync: transfer, contact and delete decisions, recorded. */
  readonly syncGate: SyncGate;
  /** For the bundle handlers. */
  readonly bundleGate: BundleGate;
  /** For saving files (`files:saveText`). */
  readonly exportGate: ExportGate;
  /** For travel mode and the GDPR actions. */
  readonly clientGate: ClientGate;

  private constructor(options: LocalityServiceOptions, parts: LocalityParts) {
    this.options = options;
    ({ targets: this.targets, data: this.data, book: this.book, audit: this.audit, guard: this.guard } = parts);
    this.syncGate = new SyncGate(parts.guard, parts.audit);
    this.bundleGate = new BundleGate(parts.guard, parts.audit);
    this.exportGate = new ExportGate(parts.guard, parts.audit);
    this.clientGate = new ClientGate({ guard: parts.guard, audit: parts.audit, book: parts.book, now: options.now });
  }

  static async create(options: LocalityServiceOptions): Promise<LocalityService> {
    const dir = join(options.dataDir, 'locality');
    const targets = await TargetRegistry.load(jsonStore(join(dir, 'targets.json')), options.newId, options.now);
    const data = new LocalityDataStore(
      { zones: jsonStore(join(dir, 'imported-zones.json')), regions: jsonStore(join(dir, 'imported-regions.json')) },
      options.now,
    );
    await data.load();
    const baseline = await PolicyBaseline.load(strictJsonStore(join(dir, 'policies-in-force.json')), options.log);
    const audit = new LocalityAudit(options.now);
    const book: PolicyBook = new PolicyBook({
      baseline,
      audit,
      confirm: options.confirm ?? NO_DIALOG,
      checkContext: () => ({ data: data.current(), now: options.now() }),
      targets: () => targets.list(),
      reconcile: (clientId): Promise<void> => service.reconcile(targets.list(), [clientId]),
      log: options.log,
    });
    const guard = new EgressGuard({ book, targets, data, now: options.now });
    const service: LocalityService = new LocalityService(options, { targets, data, book, audit, guard });
    return service;
  }

  /** Records each given client's decision for each given target: what sync will send where, and what it holds back. */
  private async reconcile(targets: readonly TargetConfig[], clientIds: readonly string[]): Promise<void> {
    for (const { clientId, targetId, result } of this.guard.uploadDecisions(targets, clientIds)) {
      await this.audit.decision(clientId, targetId, 'sync-upload', result, true);
    }
  }

  get isOpen(): boolean {
    return this.book.isOpen;
  }

  /** The vault whose policies the guard holds (its audit key matched the pinned one), or null. */
  get openVaultId(): string | null {
    return this.book.current?.vaultId ?? null;
  }

  /** The vault was unlocked: open its audit log (sealed to its key) and learn its clients' policies; says which clients are held back. */
  async open(vaultId: string, auditPublicKey: string, policies: readonly IncomingPolicy[], source?: PolicySource): Promise<LocalityOpened> {
    // Called again while open to refresh the policies (clients arrived by sync): keep the log's queue.
    if (!this.log || this.log.vaultId !== vaultId) {
      this.log = { vaultId, store: await AuditLogStore.open(join(this.options.dataDir, 'locality', 'audit'), vaultId, auditPublicKey, this.options.log) };
    }
    return this.openSession(vaultId, this.log.store, policies, source);
  }

  /** `open` with the audit sink given (a test's refusing log, say): the policy book opens with it. */
  openSession(vaultId: string, sink: AuditSink, policies: readonly IncomingPolicy[], source?: PolicySource): Promise<LocalityOpened> {
    return this.book.open(vaultId, sink, policies, source);
  }

  close(): void {
    this.book.close();
    this.log = null;
  }

  /** The targets main keeps, as main keeps them (paths and holdings included): for main's own features, never for the renderer. */
  targetConfigs(): readonly TargetConfig[] {
    return this.targets.list();
  }

  /** Where a target (added or proposed) puts the data, under the locality data in use. */
  locate(target: AddableTarget): Location {
    return locationOf(target, this.data.current());
  }

  listTargets(): TargetList {
    const data = this.data.current();
    return { targets: this.targets.list().map((t) => targetView(t, data)), ...(this.targets.problem ? { problem: this.targets.problem } : {}) };
  }

  async addTarget(input: unknown): Promise<TargetView> {
    if (!this.book.isOpen) throw new UserFacingError('refused', 'Unlock the vault to add a target: what it may receive is decided, and logged, per client.');
    // Audited before it is saved (what it may receive from each client): a refused append leaves no target behind.
    const target = await this.targets.add(input, (t) => (this.book.isOpen ? this.reconcile([t], this.book.clients()) : Promise.resolve()));
    return targetView(target, this.data.current());
  }

  async removeTarget(id: string): Promise<void> {
    if (!this.book.isOpen) throw new UserFacingError('refused', 'Unlock the vault to remove a target: the removal is recorded in its audit log.');
    await this.targets.remove(id, () => this.audit.targetRemoved(id));
  }

  /** Where these settings put the data; `endpoint` as typed in the form (absent: the provider's own). */
  resolve(input: unknown, endpoint?: string): ResolvedLocation {
    return resolvedLocation(input, this.data.current(), endpoint);
  }

  /** The guard's decisions for these clients on a target with these settings, before it exists. */
  previewPlacement(location: TargetLocation, endpoint: string | undefined, clients: readonly { id: string; label?: string }[]): Promise<ProspectiveDecision[]> {
    return this.guard.prospectivePlacement({ location, ...(endpoint !== undefined ? { endpoint } : {}) }, clients);
  }

  regionChoices(): RegionChoices {
    return regionChoices(this.data.current());
  }

  placement(clients: readonly { id: string; label?: string }[]): Promise<ClientPlacement[]> {
    return this.guard.placement(clients);
  }

  preview(clientId: string, policy: unknown): PolicyPreview {
    return this.book.preview(clientId, policy);
  }

  setPolicy(clientId: string, policy: unknown, ask: boolean, label?: string): Promise<PolicyPreview> {
    return this.book.setPolicy(clientId, policy, ask, label);
  }

  /** Hosts the network backstop lets through (`egress-guard.ts`). */
  approvedHosts(): ReadonlySet<string> {
    return this.guard.approvedHosts();
  }

  async auditLines(): Promise<AuditLines> {
    if (!this.log) throw new UserFacingError('refused', 'Unlock the vault to read its audit log.');
    return { lines: await this.log.store.lines() };
  }

  dataSummary(): LocalityDataSummary {
    return this.data.summary();
  }

  async importData(text: string): Promise<LocalityDataSummary> {
    const { book, guard, audit, data, targets } = this;
    const result = await importLocalityData({ book, guard, audit, data, targets, confirm: this.options.confirm ?? NO_DIALOG }, text);
    if (!result.ok) {
      const issues = result.error.issues.slice(0, 3).join('; ');
      throw new UserFacingError('invalid-argument', `${result.error.message}${issues ? ` ${issues}` : ''}`);
    }
    return result.summary;
  }
}
