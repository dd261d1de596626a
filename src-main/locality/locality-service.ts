/**
 * Main's locality feature assembled: the target registry, the locality data,
 * the audit log of the open vault and the egress guard over them. No Electron
 * import: the app and the browser test host build it the same way, with their
 * own data folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../files/atomic-file.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import type { AuditLines } from '../../src-preload/contract/audit.ts';
import type { ClientPlacement, LocalityDataSummary, LocalityOpened, PolicyPreview, PolicySource } from '../../src-preload/contract/locality.ts';
import type { RegionChoices, ResolvedLocation, TargetList, TargetView } from '../../src-preload/contract/target.ts';
import { AuditLogStore } from './audit-log-store.ts';
import { EgressGuard } from './egress-guard.ts';
import { LocalityDataStore } from './locality-data-store.ts';
import { PolicyBaseline } from './policy-baseline.ts';
import type { IncomingPolicy } from './policy-changes.ts';
import { PROVIDER_NAMES } from './policy.ts';
import { locationOf, resolveLocation } from './resolve-location.ts';
import { TargetRegistry, type JsonStore, type TargetConfig } from './target-registry.ts';

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

function resolved(target: TargetConfig, data: LocalityDataStore): ResolvedLocation {
  const l = locationOf(target, data.current());
  return { description: l.description, guarantee: l.guarantee, ...(l.country ? { country: l.country } : {}), ...(l.zone ? { zone: l.zone } : {}) };
}

export class LocalityService {
  private audit: AuditLogStore | null = null;
  private openVaultId: string | null = null;

  private readonly options: LocalityServiceOptions;
  readonly targets: TargetRegistry;
  readonly data: LocalityDataStore;
  readonly guard: EgressGuard;

  private constructor(options: LocalityServiceOptions, targets: TargetRegistry, data: LocalityDataStore, guard: EgressGuard) {
    this.options = options;
    this.targets = targets;
    this.data = data;
    this.guard = guard;
  }

  static async create(options: LocalityServiceOptions): Promise<LocalityService> {
    const dir = join(options.dataDir, 'locality');
    const targets = await TargetRegistry.load(jsonStore(join(dir, 'targets.json')), options.newId, options.now);
    const data = new LocalityDataStore({ zones: jsonStore(join(dir, 'imported-zones.json')), regions: jsonStore(join(dir, 'imported-regions.json')) }, options.now);
    await data.load();
    const baseline = await PolicyBaseline.load(strictJsonStore(join(dir, 'policies-in-force.json')), options.log);
    const guard = new EgressGuard({ targets, data, baseline, confirm: options.confirm ?? NO_DIALOG, now: options.now, log: options.log });
    return new LocalityService(options, targets, data, guard);
  }

  /** The vault was unlocked: open its audit log (sealed to its key) and learn its clients' policies; says which clients are held back. */
  async open(vaultId: string, auditPublicKey: string, policies: readonly IncomingPolicy[], source?: PolicySource): Promise<LocalityOpened> {
    // Called again while open to refresh the policies (clients arrived by sync): keep the log's queue.
    if (!this.audit || this.openVaultId !== vaultId) {
      this.audit = await AuditLogStore.open(join(this.options.dataDir, 'locality', 'audit'), vaultId, auditPublicKey, this.options.log);
      this.openVaultId = vaultId;
    }
    return this.guard.open(vaultId, this.audit, policies, source);
  }

  close(): void {
    this.guard.close();
    this.audit = null;
    this.openVaultId = null;
  }

  private view(target: TargetConfig): TargetView {
    const { holds, ...rest } = target;
    return { ...rest, resolved: resolved(target, this.data), holds: Object.keys(holds) };
  }

  listTargets(): TargetList {
    return { targets: this.targets.list().map((t) => this.view(t)), ...(this.targets.problem ? { problem: this.targets.problem } : {}) };
  }

  async addTarget(input: unknown): Promise<TargetView> {
    if (!this.guard.isOpen) throw new UserFacingError('refused', 'Unlock the vault to add a target: what it may receive is decided, and logged, per client.');
    // Audited before it is saved: a refused append leaves no target behind.
    const target = await this.targets.add(input, (t) => this.guard.targetAdded(t));
    return this.view(target);
  }

  async removeTarget(id: string): Promise<void> {
    if (!this.guard.isOpen) throw new UserFacingError('refused', 'Unlock the vault to remove a target: the removal is recorded in its audit log.');
    await this.targets.remove(id, () => this.guard.targetRemoved(id));
  }

  /** Where these settings put the data; `endpoint` as typed in the form (absent: the provider's own). */
  resolve(input: unknown, endpoint?: string): ResolvedLocation {
    const l = resolveLocation(input, this.data.current(), endpoint);
    return { description: l.description, guarantee: l.guarantee, ...(l.country ? { country: l.country } : {}), ...(l.zone ? { zone: l.zone } : {}) };
  }

  placement(clients: readonly { id: string; label?: string }[]): Promise<ClientPlacement[]> {
    return this.guard.placement(clients);
  }

  preview(clientId: string, policy: unknown): PolicyPreview {
    return this.guard.preview(clientId, policy);
  }

  setPolicy(clientId: string, policy: unknown, ask: boolean, label?: string): Promise<PolicyPreview> {
    return this.guard.setPolicy(clientId, policy, ask, label);
  }

  async auditLines(): Promise<AuditLines> {
    if (!this.audit) throw new UserFacingError('refused', 'Unlock the vault to read its audit log.');
    return { lines: await this.audit.lines() };
  }

  dataSummary(): LocalityDataSummary {
    return this.data.summary();
  }

  async importData(text: string): Promise<LocalityDataSummary> {
    const result = await this.guard.importData(text);
    if (!result.ok) {
      const issues = result.error.issues.slice(0, 3).join('; ');
      throw new UserFacingError('invalid-argument', `${result.error.message}${issues ? ` ${issues}` : ''}`);
    }
    return result.summary;
  }

  regionChoices(): RegionChoices {
    const data = this.data.current();
    const r2 = data.regions.providers.find((p) => p.id === 'r2');
    return {
      providers: data.regions.providers
        .filter((p) => p.id !== 'r2')
        .map((p) => ({
          id: p.id,
          name: p.name ?? PROVIDER_NAMES[p.id],
          regions: p.regions.map((r) => ({ code: r.code, country: r.country, confirmed: r.confidence === 'confirmed', ...(r.place ? { place: r.place } : {}) })),
        })),
      r2Jurisdictions: (r2?.jurisdictions ?? []).map((j) => ({ code: j.code, label: j.country ? `${j.code.toUpperCase()} (${j.country})` : `${j.code.toUpperCase()} (somewhere in the EU)` })),
      r2LocationHints: (r2?.locationHints ?? []).map((h) => ({ code: h.code, label: h.label })),
    };
  }
}
