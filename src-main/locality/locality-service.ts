/**
 * Main's locality feature assembled: the target registry, the locality data,
 * the audit log of the open vault and the egress guard over them. No Electron
 * import: the app and the browser test host build it the same way, with their
 * own data folder.
 */
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../files/atomic-file.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { AuditLines } from '../../src-preload/contract/audit.ts';
import type { ClientPlacement, LocalityDataSummary, LocalityOpened, PolicyPreview } from '../../src-preload/contract/locality.ts';
import type { PolicyReading } from '../../src-preload/contract/residency.ts';
import type { RegionChoices, ResolvedLocation, TargetList, TargetView } from '../../src-preload/contract/target.ts';
import { AuditLogStore } from './audit-log-store.ts';
import { EgressGuard } from './egress-guard.ts';
import { LocalityDataStore } from './locality-data-store.ts';
import { PROVIDER_NAMES } from './policy.ts';
import { resolveLocation } from './resolve-location.ts';
import { TargetRegistry, type JsonStore, type TargetConfig } from './target-registry.ts';

export interface LocalityServiceOptions {
  /** Main's data folder; targets, imported data and audit logs live under it. */
  dataDir: string;
  newId: () => string;
  now: () => number;
  log: (message: string, detail?: unknown) => void;
}

function jsonStore(path: string): JsonStore {
  return { read: () => readJsonFile(path), write: (value) => writeJsonFileAtomic(path, value) };
}

function resolved(target: TargetConfig, data: LocalityDataStore): ResolvedLocation {
  const l = resolveLocation(target.location, data.current());
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
    const data = new LocalityDataStore({ zones: jsonStore(join(dir, 'imported-zones.json')), regions: jsonStore(join(dir, 'imported-regions.json')) });
    await data.load();
    const guard = new EgressGuard({ targets, data, now: options.now, log: options.log });
    return new LocalityService(options, targets, data, guard);
  }

  /** The vault was unlocked: open its audit log (sealed to its key) and learn its clients' policies; says which clients are held back. */
  async open(vaultId: string, auditPublicKey: string, policies: readonly { clientId: string; policy: PolicyReading }[]): Promise<LocalityOpened> {
    // Called again while open to refresh the policies (clients arrived by sync): keep the log's queue.
    if (!this.audit || this.openVaultId !== vaultId) {
      this.audit = await AuditLogStore.open(join(this.options.dataDir, 'locality', 'audit'), vaultId, auditPublicKey, this.options.log);
      this.openVaultId = vaultId;
    }
    return this.guard.open(vaultId, this.audit, policies);
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
    const target = await this.targets.add(input);
    await this.guard.targetAdded(target);
    return this.view(target);
  }

  async removeTarget(id: string): Promise<void> {
    if (!this.guard.isOpen) throw new UserFacingError('refused', 'Unlock the vault to remove a target: the removal is recorded in its audit log.');
    await this.targets.remove(id);
    await this.guard.targetRemoved(id);
  }

  resolve(input: unknown): ResolvedLocation {
    const l = resolveLocation(input, this.data.current());
    return { description: l.description, guarantee: l.guarantee, ...(l.country ? { country: l.country } : {}), ...(l.zone ? { zone: l.zone } : {}) };
  }

  placement(clients: readonly { id: string; label?: string }[]): Promise<ClientPlacement[]> {
    return this.guard.placement(clients);
  }

  preview(clientId: string, policy: unknown): PolicyPreview {
    return this.guard.preview(clientId, policy);
  }

  setPolicy(clientId: string, policy: unknown, confirmed: boolean): Promise<PolicyPreview> {
    return this.guard.setPolicy(clientId, policy, confirmed);
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
