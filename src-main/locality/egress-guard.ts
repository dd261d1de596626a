/**
 * The egress guard: the one place in main that says whether data may leave
 * the device, for which client, to which target. Sync uploads, bundle exports
 * and any other request main makes ask `decide`; the network backstop asks
 * `approvedHosts`. Every answer comes from the pure `check`, so the guard adds
 * only what `check` cannot know: which policy belongs to which client (given
 * by the open vault, ids only), which targets exist, and the audit log.
 *
 * What is audited: every change of a client's policy (and every weakening refused;
 * see policy-changes.ts for when a weaker policy waits for the person), every target added (with
 * the decision it implies for each client: "held back" or "allowed", and why)
 * or removed, every change of decision after a locality data update, and every
 * transfer decision that differs from the last one recorded for the same
 * partition and target in this session. So a sync every minute does not flood
 * the log, and a refusal is always in it, at the latest when it first applies.
 * Without an open vault there is no policy and no audit key, and every
 * partition, the workspace's included, is refused (fail closed).
 *
 * Entries are written before the state they record changes: a refused append
 * leaves policies, targets and locality data as they were.
 */
import { check, type CheckResult } from './check.ts';
import { mapYielding } from './cooperative-loop.ts';
import { bundleExportDecision, bundleImportDecision, type ImportPlace } from './bundle-decisions.ts';
import type { AuditDraft, AuditKind } from './audit-chain.ts';
import type { AuditReason } from './audit-reason.ts';
import type { ImportResult, LocalityDataStore } from './locality-data-store.ts';
import type { LocalityData } from './locality-data.ts';
import { dataUpdateQuestion } from './locality-data-changes.ts';
import type { PolicyBaseline } from './policy-baseline.ts';
import { changePolicy, intakePolicies, policiesToHonour, previewPolicy, type IncomingPolicy, type PolicyChangeDeps, type PolicyState } from './policy-changes.ts';
import { policySummary, type Operation } from './policy.ts';
import { residencyPolicySchema } from '../../src-preload/contract/residency.ts';
import { locationOf } from './resolve-location.ts';
import { targetHost, type TargetConfig, type TargetRegistry } from './target-registry.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import type { ClientPlacement, LocalityOpened, PolicyPreview, PolicySource } from '../../src-preload/contract/locality.ts';
import type { ExportKind } from '../../src-preload/contract/files.ts';

/** The shared partition: settings and other records under no client's key. */
export const WORKSPACE_PARTITION = 'workspace';

export interface AuditSink {
  append(draft: AuditDraft): Promise<unknown>;
}

export interface GuardDeps {
  targets: TargetRegistry;
  data: LocalityDataStore;
  /** The policies main last put in force, per client, kept across restarts. */
  baseline: PolicyBaseline;
  /** Main's own question to the person (a weaker policy, new locality data); the renderer cannot answer it. */
  confirm: ConfirmDialog;
  now: () => number;
  log: (message: string, detail?: unknown) => void;
}

interface OpenVault {
  vaultId: string;
  audit: AuditSink;
  state: PolicyState;
  /** Last decision audited per `partition|target|operation`, so repeats are not written again. */
  audited: Map<string, string>;
}

export class EgressGuard {
  private vault: OpenVault | null = null;
  /** Policy changes, re-opens and data imports run one at a time (a question to the person may be open in one). */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly deps: GuardDeps;

  constructor(deps: GuardDeps) {
    this.deps = deps;
  }

  get isOpen(): boolean {
    return this.vault !== null;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private policyDeps(vault: OpenVault): PolicyChangeDeps {
    return {
      state: vault.state,
      checkContext: () => ({ data: this.deps.data.current(), now: this.deps.now() }),
      targets: () => this.deps.targets.list(),
      record: async (kind, reason, ids) => void (await vault.audit.append({ at: this.deps.now(), kind, reason, ...ids })),
      reconcile: (clientId) => this.reconcile(this.deps.targets.list(), [clientId]),
      confirm: this.deps.confirm,
      stillOpen: () => this.vault === vault,
    };
  }

  /**
   * The vault was unlocked, or records arrived: main learns each client's policy (ids only) and
   * where to write the audit log, and compares each policy with the one it last put in force
   * (policy-changes.ts): stronger or new ones apply and are recorded with how they came
   * (`source`, and the device when the renderer names it); a weaker one is held, and named in the
   * answer's `awaiting`, until the person allows it here. A policy that could not be read holds
   * back that client only and is named in `heldBack`; the other clients are opened as usual.
   * If the first open of a vault fails half-way (an audit append refused), the guard stays locked.
   */
  open(vaultId: string, audit: AuditSink, policies: readonly IncomingPolicy[], source: PolicySource = 'unlock'): Promise<LocalityOpened> {
    return this.serial(async () => {
      const heldBack: LocalityOpened['heldBack'] = [];
      for (const { clientId, policy } of policies) {
        if (policy.readable) continue;
        heldBack.push({ clientId, problem: policy.problem });
        this.deps.log(`locality: client ${clientId.slice(0, 8)} has an unreadable policy (${policy.problem}); its data stays on this device`);
      }
      const previous = this.vault?.vaultId === vaultId ? this.vault : null;
      const vault: OpenVault = previous
        ? { ...previous, audit }
        : { vaultId, audit, state: { policies: new Map(), held: new Map(), baseline: this.deps.baseline }, audited: new Map() };
      this.vault = vault;
      try {
        const awaiting = await intakePolicies(this.policyDeps(vault), policies, source);
        return { heldBack, awaiting };
      } catch (error) {
        if (!previous && this.vault === vault) this.vault = null;
        throw error;
      }
    });
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
  evaluate(partition: string, target: TargetConfig | undefined, operation: Operation, clientLabel?: string, data: LocalityData = this.deps.data.current()): CheckResult {
    if (!target) {
      return { allowed: false, code: 'invalid-location', reason: 'Blocked: this target no longer exists.', audit: { code: 'invalid-location', params: { operation } } };
    }
    const location = locationOf(target, data);
    if (partition === WORKSPACE_PARTITION) {
      const base = check({ kind: 'zone', zone: 'EEA' }, location, operation, undefined, { data });
      const { policy: _ignored, ...params } = base.audit.params;
      // No client data, yet not anywhere: a place Caravan cannot name gets nothing, not even the
      // vault header or the roster, and is not contacted at all (reads, listings and tests ask this too).
      if (location.guarantee === 'unknown' || location.guarantee === 'best-effort') {
        const code = location.guarantee === 'unknown' ? 'unknown-location' : 'best-effort-location';
        return { allowed: false, code, reason: `Blocked: Caravan sends nothing to a target, and reads nothing from it, until it can name where it stores data; ${location.description}.`, audit: { code, params } };
      }
      return { allowed: true, code: 'no-client-data', reason: `Allowed: the workspace partition holds no client data; ${location.description}.`, audit: { code: 'no-client-data', params } };
    }
    const held = this.heldDecision(partition, operation, clientLabel);
    if (held) return held;
    const policy = this.vault?.state.policies.get(partition);
    return check(policy ?? null, location, operation, clientLabel, { data, now: this.deps.now() });
  }

  /** The refusal for a client whose wider policy waits for the person; null for any other. */
  private heldDecision(clientId: string, operation: Operation, clientLabel?: string): CheckResult | null {
    const held = this.vault?.state.held.get(clientId);
    if (!held) return null;
    const who = clientLabel ? `client ${clientLabel}` : 'this client';
    return {
      allowed: false,
      code: 'awaiting-confirmation',
      reason: `Held back: a wider residency policy for ${who} was made elsewhere (another device, or a bundle) and waits for your confirmation on this device, in Clients. Nothing of ${who} leaves this device meanwhile.`,
      audit: { code: 'awaiting-confirmation', params: { operation, to: policySummary(held.policy) } },
    };
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
   * May main contact this target at all (read, list, test, delete)? Only while the vault is open,
   * and only a target whose location the guard can name: the workspace's rule, with no data sent.
   * A refusal is audited (once per session, like any decision); an allow is not, as a read takes
   * nothing off the device.
   */
  async decideContact(targetId: string): Promise<CheckResult> {
    if (!this.vault) {
      return { allowed: false, code: 'invalid-policy', reason: 'Unlock the vault first: Caravan contacts no sync target while it is locked.', audit: { code: 'invalid-policy', params: { operation: 'request' } } };
    }
    const result = this.evaluate(WORKSPACE_PARTITION, this.deps.targets.get(targetId), 'request');
    if (!result.allowed) await this.auditDecision(WORKSPACE_PARTITION, targetId, 'request', result, false);
    return result;
  }

  /** An object is about to be deleted from a target at the sync engine's request (compaction): recorded first. */
  async objectDeleted(partition: string, targetId: string, objectKind: 'segment' | 'snapshot' | 'ack'): Promise<void> {
    const ids = { targetId, partition, ...(partition !== WORKSPACE_PARTITION ? { clientId: partition } : {}) };
    await this.record('remote-object-deleted', { code: 'sync-delete', params: { objectKind } }, ids);
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
    // A client whose wider policy waits is judged by both: excluded where either excludes.
    // One check per client: yield between slices, the list is as long as the renderer makes it.
    await mapYielding([...policiesToHonour(vault.state)], ([clientId, policies]) => {
      if (safe.has(clientId)) return;
      if (policies.every((policy) => check(policy, here, 'request', undefined, ctx).allowed)) return;
      excluded.push(clientId);
      if (policies.some((policy) => policy.kind === 'device-only')) deviceOnly.push(clientId);
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
      known: this.vault?.state.policies.has(id) ?? false,
      decisions: this.deps.targets.list().map((target) => {
        const result = this.evaluate(id, target, 'sync-upload', label);
        return { targetId: target.id, allowed: result.allowed, code: result.code, reason: result.reason, holds: Object.hasOwn(target.holds, id) };
      }),
    }));
  }

  /** What a policy change would do, compared with the policy in force, before anything is saved. */
  preview(clientId: string, next: unknown): PolicyPreview {
    const vault = this.requireVault();
    return previewPolicy(this.policyDeps(vault), clientId, residencyPolicySchema.parse(next));
  }

  /**
   * Applies a change of a client's policy made on this device. A stronger or first policy applies
   * at once; a weaker one only on the person's yes in main's own dialog, which `ask` requests
   * (policy-changes.ts). Audited before it applies, then each target's decision.
   */
  setPolicy(clientId: string, next: unknown, ask: boolean, label?: string): Promise<PolicyPreview> {
    return this.serial(async () => {
      const vault = this.requireVault();
      return changePolicy(this.policyDeps(vault), clientId, residencyPolicySchema.parse(next), ask, label);
    });
  }

  /** A client was deleted or erased: main forgets its policy, so nothing of it can be sent (its last policy stays in the baseline). */
  forgetClient(clientId: string): void {
    this.vault?.state.policies.delete(clientId);
    this.vault?.state.held.delete(clientId);
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
    return clientIds.filter((id) => (vault.state.policies.get(id)?.kind ?? 'device-only') === 'device-only');
  }

  /** A device-only client's data went into a file the person saved, after they were told so. */
  async deviceOnlyExported(clientId: string, exportKind: ExportKind): Promise<void> {
    await this.record('device-only-exported', { code: 'user-confirmed', params: { exportKind } }, { clientId });
  }

  /** May this client's project leave as a bundle? Not audited: the UI asks before it encodes; `bundleSaved` and `bundleExportRefused` record the outcome. */
  bundleExportDecision(clientId: string, clientLabel?: string): CheckResult {
    const vault = this.requireVault();
    const held = this.heldDecision(clientId, 'bundle-export', clientLabel);
    if (held) return held;
    return bundleExportDecision(vault.state.policies.get(clientId) ?? null, clientLabel, { data: this.deps.data.current(), now: this.deps.now() });
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

  /** A target is being added (called before it is saved): audits what it may receive from each client, so a refused append saves nothing. */
  async targetAdded(target: TargetConfig): Promise<void> {
    if (this.vault) await this.reconcile([target], [...this.vault.state.policies.keys()]);
  }

  /**
   * Imports a newer locality data file the person chose: checked (valid, not older, not dated
   * after today), then shown to the person in main's own dialog with what it changes, and used
   * only on their yes. Audited before it is used, then every client-target decision it changes.
   * Refused while locked, so the change cannot escape the log.
   */
  importData(text: string): Promise<ImportResult> {
    return this.serial(async () => {
      const vault = this.requireVault();
      const prepared = this.deps.data.prepare(text);
      if (!prepared.ok) return prepared;
      const targets = this.deps.targets.list();
      const clients = [...vault.state.policies.keys()];
      const decide = (data: LocalityData) => new Map(targets.flatMap((t) => clients.map((c) => [`${c}|${t.id}`, this.evaluate(c, t, 'sync-upload', undefined, data).allowed] as const)));
      const before = decide(this.deps.data.current());
      const after = decide(prepared.next);
      const shift = { nowAllowed: 0, nowRefused: 0 };
      for (const [key, allowed] of after) if (before.get(key) !== allowed) shift[allowed ? 'nowAllowed' : 'nowRefused'] += 1;
      const yes = await this.deps.confirm.confirm(dataUpdateQuestion(this.deps.data.current(), prepared.file, shift));
      if (this.vault !== vault) throw new UserFacingError('refused', 'The vault was locked while the question was open, so the locality data did not change. Unlock it and import the file again.');
      const current = prepared.kind === 'zones' ? this.deps.data.current().zones : this.deps.data.current().regions;
      if (!yes) throw new UserFacingError('refused', `You did not accept the ${prepared.kind} file as of ${prepared.file.asOf}, so nothing changed: the data as of ${current.asOf} is still in use.`);
      const codes = new Map(targets.flatMap((t) => clients.map((c) => [`${c}|${t.id}`, this.evaluate(c, t, 'sync-upload').code] as const)));
      await this.record('locality-data-updated', { code: 'data-file-imported', params: { dataKind: prepared.kind, asOf: prepared.file.asOf } }, {});
      const result = await this.deps.data.commit(prepared);
      for (const target of targets) {
        for (const clientId of clients) {
          const now = this.evaluate(clientId, target, 'sync-upload');
          if (codes.get(`${clientId}|${target.id}`) !== now.code) await this.auditDecision(clientId, target.id, 'sync-upload', now, true);
        }
      }
      return result;
    });
  }

  /**
   * Hosts the network backstop lets through: those of targets that may
   * receive at least one partition. Empty while locked, and never a host
   * whose location the guard cannot name (the workspace's rule says no there).
   */
  approvedHosts(): ReadonlySet<string> {
    const hosts = new Set<string>();
    if (!this.vault) return hosts;
    for (const target of this.deps.targets.list()) {
      const host = targetHost(target);
      if (!host) continue;
      const { guarantee } = locationOf(target, this.deps.data.current());
      if (guarantee === 'unknown' || guarantee === 'best-effort') continue;
      const partitions = [WORKSPACE_PARTITION, ...this.vault.state.policies.keys()];
      if (partitions.some((p) => this.evaluate(p, target, 'request').allowed)) hosts.add(host);
    }
    return hosts;
  }
}
