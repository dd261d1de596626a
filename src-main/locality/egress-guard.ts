/**
 * The egress guard: the one place in main that says whether data may leave
 * the device, for which client, to which target. Sync uploads, bundle exports
 * and any other request main makes ask `decide`; the network backstop asks
 * `approvedHosts`. Every answer comes from the pure `check`, so the guard adds
 * only what `check` cannot know: which policy belongs to which client (given
 * by the open vault, ids only), which targets exist, and the audit log.
 *
 * What is audited: every change of a client's policy, every target added (with
 * the decision it implies for each client: "held back" or "allowed", and why)
 * or removed, every change of decision after a locality data update, and every
 * transfer decision that differs from the last one recorded for the same
 * partition and target in this session. So a sync every minute does not flood
 * the log, and a refusal is always in it, at the latest when it first applies.
 * Without an open vault there is no policy and no audit key, and every
 * partition, the workspace's included, is refused (fail closed).
 */
import { check, type CheckResult } from './check.ts';
import { mapYielding } from './cooperative-loop.ts';
import { bundleExportDecision, bundleImportDecision, type ImportPlace } from './bundle-decisions.ts';
import type { AuditDraft, AuditKind } from './audit-chain.ts';
import type { AuditReason } from './audit-reason.ts';
import type { ImportResult, LocalityDataStore } from './locality-data-store.ts';
import { comparePolicies } from './policy-compare.ts';
import { policySummary, type Operation } from './policy.ts';
import { residencyPolicySchema, type PolicyReading, type ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { resolveLocation } from './resolve-location.ts';
import { targetHost, type TargetConfig, type TargetRegistry } from './target-registry.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { ClientPlacement, LocalityOpened, PolicyPreview } from '../../src-preload/contract/locality.ts';
import type { ExportKind } from '../../src-preload/contract/files.ts';

/** The shared partition: settings and other records under no client's key. */
export const WORKSPACE_PARTITION = 'workspace';

export interface AuditSink {
  append(draft: AuditDraft): Promise<unknown>;
}

export interface GuardDeps {
  targets: TargetRegistry;
  data: LocalityDataStore;
  now: () => number;
  log: (message: string, detail?: unknown) => void;
}

interface OpenVault {
  vaultId: string;
  audit: AuditSink;
  policies: Map<string, ResidencyPolicy>;
  /** Last decision audited per `partition|target|operation`, so repeats are not written again. */
  audited: Map<string, string>;
}

export class EgressGuard {
  private vault: OpenVault | null = null;

  private readonly deps: GuardDeps;

  constructor(deps: GuardDeps) {
    this.deps = deps;
  }

  get isOpen(): boolean {
    return this.vault !== null;
  }

  /**
   * The vault was unlocked: main learns each client's policy (ids only) and where to write the
   * audit log. Called again while open when clients arrived by sync: a client new to main, or a
   * policy changed on another device, is recorded and its decisions re-made, like a change here.
   * A policy that could not be read holds back that client only (its data is refused like any
   * unknown client's) and is named in the answer; the other clients are opened as usual.
   */
  async open(vaultId: string, audit: AuditSink, policies: readonly { clientId: string; policy: PolicyReading }[]): Promise<LocalityOpened> {
    const map = new Map<string, ResidencyPolicy>();
    const heldBack: LocalityOpened['heldBack'] = [];
    for (const { clientId, policy } of policies) {
      if (policy.readable) {
        map.set(clientId, policy.policy);
        continue;
      }
      heldBack.push({ clientId, problem: policy.problem });
      this.deps.log(`locality: client ${clientId.slice(0, 8)} has an unreadable policy (${policy.problem}); its data stays on this device`);
    }
    const previous = this.vault?.vaultId === vaultId ? this.vault : null;
    this.vault = { vaultId, audit, policies: map, audited: previous?.audited ?? new Map() };
    if (!previous) return { heldBack };
    const ctx = { data: this.deps.data.current(), now: this.deps.now() };
    for (const [clientId, policy] of map) {
      const old = previous.policies.get(clientId);
      if (old && JSON.stringify(old) === JSON.stringify(policy)) continue;
      const { change } = comparePolicies(old, policy, ctx);
      if (old && change === 'same') continue;
      const params = { ...(old ? { from: policySummary(old) } : {}), to: policySummary(policy) };
      const kind: AuditKind = !old ? 'policy-set' : change === 'weaker' ? 'policy-weakened' : 'policy-strengthened';
      // Confirmed (if weaker) on the device where it was made; here it arrived by sync.
      await this.record(kind, { code: change === 'weaker' && old ? 'user-confirmed' : 'user-action', params }, { clientId });
      await this.reconcile(this.deps.targets.list(), [clientId]);
    }
    return { heldBack };
  }

  /** The vault was locked: policies and the audit key are forgotten; nothing of a client may leave. */
  close(): void {
    this.vault = null;
  }

  private requireVault(): OpenVault {
    if (!this.vault) throw new UserFacingError('refused', 'Unlock the vault first: the locality guard knows no client policies while it is locked.');
    return this.vault;
  }

  private async record(kind: AuditKind, reason: AuditReason, ids: { clientId?: string; targetId?: string; partition?: string }): Promise<void> {
    const vault = this.requireVault();
    await vault.audit.append({ at: this.deps.now(), kind, reason, ...ids });
  }

  /** The raw decision for one partition and target, not audited. */
  evaluate(partition: string, target: TargetConfig | undefined, operation: Operation, clientLabel?: string): CheckResult {
    if (!target) {
      return { allowed: false, code: 'invalid-location', reason: 'Blocked: this target no longer exists.', audit: { code: 'invalid-location', params: { operation } } };
    }
    const location = resolveLocation(target.location, this.deps.data.current());
    if (partition === WORKSPACE_PARTITION) {
      const base = check({ kind: 'zone', zone: 'EEA' }, location, operation, undefined, { data: this.deps.data.current() });
      const { policy: _ignored, ...params } = base.audit.params;
      return { allowed: true, code: 'no-client-data', reason: `Allowed: the workspace partition holds no client data; ${location.description}.`, audit: { code: 'no-client-data', params } };
    }
    const policy = this.vault?.policies.get(partition);
    return check(policy ?? null, location, operation, clientLabel, { data: this.deps.data.current(), now: this.deps.now() });
  }

  /**
   * The chokepoint. Every transfer of a partition to a target calls this first
   * and sends nothing unless `allowed`. Refusals are audited; so is the first
   * allow in a session and any change of decision.
   */
  async decide(partition: string, targetId: string, operation: Operation, clientLabel?: string): Promise<CheckResult> {
    if (!this.vault) {
      return { allowed: false, code: 'invalid-policy', reason: 'Blocked: the vault is locked, so Caravan knows no policy and sends nothing.', audit: { code: 'invalid-policy', params: { operation } } };
    }
    const result = this.evaluate(partition, this.deps.targets.get(targetId), operation, clientLabel);
    await this.auditDecision(partition, targetId, operation, result, false);
    return result;
  }

  /**
   * Travel mode: which clients' policies exclude the country the person is in (`excluded`), and
   * among them the device-only ones, which have no copy anywhere else and so block the trip.
   * Clients marked safe for travel are left out.
   */
  async travelPlan(country: string, safeForTravel: readonly string[]): Promise<{ excluded: string[]; deviceOnly: string[] }> {
    const vault = this.requireVault();
    const safe = new Set(safeForTravel);
    const excluded: string[] = [];
    const deviceOnly: string[] = [];
    const here = { country, guarantee: 'region', description: country };
    const ctx = { data: this.deps.data.current(), now: this.deps.now() };
    // One check per client: yield between slices, the list is as long as the renderer makes it.
    await mapYielding([...vault.policies], ([clientId, policy]) => {
      if (safe.has(clientId) || check(policy, here, 'request', undefined, ctx).allowed) return;
      excluded.push(clientId);
      if (policy.kind === 'device-only') deviceOnly.push(clientId);
    });
    return { excluded: excluded.sort(), deviceOnly: deviceOnly.sort() };
  }

  /** Records a travel-mode step; a removed client's policy is forgotten until it comes back. */
  async recordTravel(event: 'start' | 'end' | 'removed' | 'restored', country: string | null, clientId: string | null): Promise<void> {
    const kind = (`travel-${event}` as const) satisfies AuditKind;
    const code = event === 'removed' ? 'travel-excluded' : event === 'restored' ? 'travel-allowed' : 'user-action';
    await this.record(kind, { code, params: country ? { country } : {} }, clientId ? { clientId } : {});
    if (event === 'removed' && clientId) this.forgetClient(clientId);
  }

  /** A client's objects were deleted from a target (policy strengthened, or erasure). */
  async remoteCopiesDeleted(clientId: string, targetId: string): Promise<void> {
    await this.record('remote-copies-deleted', { code: 'user-action', params: {} }, { clientId, targetId });
  }

  /** A target was removed: recorded, so the log says why nothing more goes there. */
  async targetRemoved(targetId: string): Promise<void> {
    if (this.vault) await this.record('target-removed', { code: 'user-action', params: {} }, { targetId });
  }

  private async auditDecision(partition: string, targetId: string, operation: Operation, result: CheckResult, force: boolean): Promise<void> {
    const vault = this.requireVault();
    const key = `${partition}|${targetId}|${operation}`;
    if (!force && vault.audited.get(key) === result.code) return;
    const ids = { targetId, partition, ...(partition !== WORKSPACE_PARTITION ? { clientId: partition } : {}) };
    await this.record(result.allowed ? 'egress-allowed' : 'egress-denied', result.audit, ids);
    // Only once it is in the log: a failed append means the next identical decision is logged again.
    vault.audited.set(key, result.code);
  }

  /** Decides and audits every given client against the given targets: what sync will send where, and what it holds back. */
  private async reconcile(targets: readonly TargetConfig[], clientIds: readonly string[]): Promise<void> {
    for (const target of targets) {
      for (const clientId of clientIds) {
        await this.auditDecision(clientId, target.id, 'sync-upload', this.evaluate(clientId, target, 'sync-upload'), true);
      }
    }
  }

  /** "Where is my data": for each client, every target with the decision and whether it already holds data. */
  placement(clients: readonly { id: string; label?: string }[]): Promise<ClientPlacement[]> {
    // A decision per client and target: yield between slices, the list is as long as the renderer makes it.
    return mapYielding(clients, ({ id, label }) => ({
      clientId: id,
      known: this.vault?.policies.has(id) ?? false,
      decisions: this.deps.targets.list().map((target) => {
        const result = this.evaluate(id, target, 'sync-upload', label);
        return { targetId: target.id, allowed: result.allowed, code: result.code, reason: result.reason, holds: Object.hasOwn(target.holds, id) };
      }),
    }));
  }

  /** What a policy change would do, before anything is saved. */
  preview(clientId: string, next: unknown): PolicyPreview {
    const vault = this.requireVault();
    const policy = residencyPolicySchema.parse(next);
    const old = vault.policies.get(clientId);
    const ctx = { data: this.deps.data.current(), now: this.deps.now() };
    const { change, added, removed } = comparePolicies(old, policy, ctx);
    const heldOnDisallowed = this.deps.targets
      .list()
      .filter((t) => Object.hasOwn(t.holds, clientId))
      .filter((t) => !check(policy, resolveLocation(t.location, ctx.data), 'sync-upload', undefined, ctx).allowed)
      .map((t) => t.id);
    return { change: old ? change : 'new', added, removed, heldOnDisallowed };
  }

  /**
   * Applies a client's policy. A weakening is refused unless the person
   * confirmed it; a stronger policy applies at once. Audited either way, with
   * what each target may now receive.
   */
  async setPolicy(clientId: string, next: unknown, confirmedWeakening: boolean): Promise<PolicyPreview> {
    const vault = this.requireVault();
    const preview = this.preview(clientId, next);
    if (preview.change === 'weaker' && !confirmedWeakening) {
      throw new UserFacingError('refused', `This change allows data to go to ${preview.added.length} more ${preview.added.length === 1 ? 'country' : 'countries'} (${preview.added.slice(0, 8).join(', ')}${preview.added.length > 8 ? ', ...' : ''}); confirm it to apply.`);
    }
    const old = vault.policies.get(clientId);
    const policy = residencyPolicySchema.parse(next);
    vault.policies.set(clientId, policy);
    if (preview.change === 'same') return preview;
    const params = { ...(old ? { from: policySummary(old) } : {}), to: policySummary(policy) };
    const kind: AuditKind = preview.change === 'new' ? 'policy-set' : preview.change === 'weaker' ? 'policy-weakened' : 'policy-strengthened';
    await this.record(kind, { code: preview.change === 'weaker' ? 'user-confirmed' : 'user-action', params }, { clientId });
    await this.recordAttestations(clientId, old, policy);
    await this.reconcile(this.deps.targets.list(), [clientId]);
    return preview;
  }

  private async recordAttestations(clientId: string, old: ResidencyPolicy | undefined, next: ResidencyPolicy): Promise<void> {
    const list = (p: ResidencyPolicy | undefined) => (p && p.kind !== 'device-only' ? (p.attestations ?? []) : []);
    const before = new Set(list(old).map((a) => a.country));
    const after = new Set(list(next).map((a) => a.country));
    for (const country of after) if (!before.has(country)) await this.record('attestation-recorded', { code: 'user-action', params: { country } }, { clientId });
    for (const country of before) if (!after.has(country)) await this.record('attestation-revoked', { code: 'user-action', params: { country } }, { clientId });
  }

  /** A client was deleted or erased: main forgets its policy, so nothing of it can be sent. */
  forgetClient(clientId: string): void {
    this.vault?.policies.delete(clientId);
  }

  /**
   * A GDPR action on a client's data, recorded: an access export, or an erasure (after which
   * main forgets the policy). Returns the targets that still hold the client's data, which the
   * erasure receipt lists: deleting copies there is sync's part.
   */
  async recordClientAction(kind: 'client-exported' | 'client-erased', clientId: string): Promise<{ at: number; heldOn: string[] }> {
    const at = this.deps.now();
    await this.record(kind, { code: 'user-action', params: {} }, { clientId });
    if (kind === 'client-erased') this.forgetClient(clientId);
    return { at, heldOn: this.deps.targets.list().filter((t) => Object.hasOwn(t.holds, clientId)).map((t) => t.id) };
  }

  /** The clients among these kept on this device only, or with no policy main can read: a file holding their data is audited. */
  deviceOnlyAmong(clientIds: readonly string[]): string[] {
    const vault = this.requireVault();
    return clientIds.filter((id) => (vault.policies.get(id)?.kind ?? 'device-only') === 'device-only');
  }

  /** A device-only client's data went into a file the person saved, after they were told so. */
  async deviceOnlyExported(clientId: string, exportKind: ExportKind): Promise<void> {
    await this.record('device-only-exported', { code: 'user-confirmed', params: { exportKind } }, { clientId });
  }

  /** May this client's project leave as a bundle? Not audited: the UI asks before it encodes; `bundleSaved` and `bundleExportRefused` record the outcome. */
  bundleExportDecision(clientId: string, clientLabel?: string): CheckResult {
    const vault = this.requireVault();
    return bundleExportDecision(vault.policies.get(clientId) ?? null, clientLabel, { data: this.deps.data.current(), now: this.deps.now() });
  }

  /** A refused bundle export, recorded with its reason. */
  async bundleExportRefused(clientId: string, result: CheckResult): Promise<void> {
    await this.record('bundle-export-refused', result.audit, { clientId });
  }

  /** A bundle was written to a file the person chose. */
  async bundleSaved(clientId: string, result: CheckResult): Promise<void> {
    await this.record('bundle-exported', result.audit, { clientId });
  }

  /** May a bundle with this policy be imported where the person is? A refusal is recorded. */
  async decideBundleImport(clientId: string, policy: unknown, place: ImportPlace, clientLabel?: string): Promise<CheckResult> {
    this.requireVault();
    const result = bundleImportDecision(policy, place, clientLabel, { data: this.deps.data.current(), now: this.deps.now() });
    if (!result.allowed) await this.record('bundle-import-refused', result.audit, { clientId });
    return result;
  }

  /** A bundle's records were merged into the vault (after an allowed `decideBundleImport`). */
  async bundleImported(clientId: string, result: CheckResult): Promise<void> {
    await this.record('bundle-imported', result.audit, { clientId });
  }

  /** A target was added: audits what it may receive from each client. */
  async targetAdded(target: TargetConfig): Promise<void> {
    if (this.vault) await this.reconcile([target], [...this.vault.policies.keys()]);
  }

  /**
   * Imports a newer locality data file the person chose. Audited, with every
   * client-target decision that the new facts change. Refused while locked, so
   * the change cannot escape the log.
   */
  async importData(text: string): Promise<ImportResult> {
    const vault = this.requireVault();
    const targets = this.deps.targets.list();
    const clients = [...vault.policies.keys()];
    const before = new Map(targets.flatMap((t) => clients.map((c) => [`${c}|${t.id}`, this.evaluate(c, t, 'sync-upload').code] as const)));
    const result = await this.deps.data.import(text);
    if (!result.ok) return result;
    const dataKind = result.file.kind.endsWith('zones') ? 'zones' : 'regions';
    await this.record('locality-data-updated', { code: 'data-file-imported', params: { dataKind, asOf: result.file.asOf } }, {});
    for (const target of targets) {
      for (const clientId of clients) {
        const now = this.evaluate(clientId, target, 'sync-upload');
        if (before.get(`${clientId}|${target.id}`) !== now.code) await this.auditDecision(clientId, target.id, 'sync-upload', now, true);
      }
    }
    return result;
  }

  /**
   * Hosts the network backstop lets through: those of targets that may
   * receive at least one partition. Empty while locked.
   */
  approvedHosts(): ReadonlySet<string> {
    const hosts = new Set<string>();
    if (!this.vault) return hosts;
    for (const target of this.deps.targets.list()) {
      const host = targetHost(target);
      if (!host) continue;
      const partitions = [WORKSPACE_PARTITION, ...this.vault.policies.keys()];
      if (partitions.some((p) => this.evaluate(p, target, 'request').allowed)) hosts.add(host);
    }
    return hosts;
  }
}
