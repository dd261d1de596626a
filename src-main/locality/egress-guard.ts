/**
 * The egress guard: the one place in main that says whether data may leave the device, for which
 * client, to which target, in which file, on which trip. Sync uploads, reads and deletes, bundle
 * exports and imports, file exports and travel plans all ask it; the network backstop asks
 * `approvedHosts`. Every answer comes from the pure `check`, so the guard adds only what `check`
 * cannot know: which policy belongs to which client (the policy book of the open vault, ids
 * only), which targets exist, and the locality data in use.
 *
 * It decides and records nothing: the callers that act on a decision record it first
 * (`locality-audit.ts`, through the gates: sync-gate.ts, bundle-gate.ts, export-gate.ts,
 * travel-gate.ts). Without an open vault there is no policy, and every partition, the
 * workspace's included, is refused (fail closed).
 */
import { check, type CheckResult } from './check.ts';
import { mapYielding } from './cooperative-loop.ts';
import { bundleExportDecision, bundleImportDecision, type ImportPlace } from './bundle-decisions.ts';
import type { LocalityDataStore } from './locality-data-store.ts';
import type { LocalityData } from './locality-data.ts';
import { WORKSPACE_PARTITION } from './locality-audit.ts';
import type { PolicyBook } from './policy-book.ts';
import { policySummary, type Operation } from './policy.ts';
import { locationOf } from './resolve-location.ts';
import { targetHost, type TargetConfig, type TargetRegistry } from './target-registry.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { ClientPlacement, ProspectiveDecision } from '../../src-preload/contract/locality.ts';

export { WORKSPACE_PARTITION };

/** What the guard reads from the policy book; it never changes a policy. */
export type PolicyView = Pick<PolicyBook, 'isOpen' | 'policyOf' | 'heldOf' | 'knows' | 'clients' | 'toHonour'>;

export interface UploadDecision {
  clientId: string;
  targetId: string;
  result: CheckResult;
}

export interface GuardDeps {
  book: PolicyView;
  targets: TargetRegistry;
  data: LocalityDataStore;
  now: () => number;
}

export class EgressGuard {
  private readonly deps: GuardDeps;

  constructor(deps: GuardDeps) {
    this.deps = deps;
  }

  /** Whether a vault is open: while locked, every decision is a refusal. */
  get isOpen(): boolean {
    return this.deps.book.isOpen;
  }

  private requireOpen(): void {
    if (!this.deps.book.isOpen) throw new UserFacingError('refused', 'Unlock the vault first: the locality guard knows no client policies while it is locked.');
  }

  private context(data: LocalityData = this.deps.data.current()) {
    return { data, now: this.deps.now() };
  }

  /** The raw decision for one partition and target. */
  evaluate(
    partition: string,
    target: TargetConfig | undefined,
    operation: Operation,
    clientLabel?: string,
    data: LocalityData = this.deps.data.current(),
  ): CheckResult {
    if (!target) {
      return {
        allowed: false,
        code: 'invalid-location',
        reason: 'Blocked: this target no longer exists.',
        audit: { code: 'invalid-location', params: { operation } },
      };
    }
    const location = locationOf(target, data);
    if (partition === WORKSPACE_PARTITION) {
      const base = check({ kind: 'zone', zone: 'EEA' }, location, operation, undefined, { data });
      const { policy: _ignored, ...params } = base.audit.params;
      // No client data, yet not anywhere: a place Caravan cannot name gets nothing, not even the
      // vault header or the roster, and is not contacted at all (reads, listings and tests ask this too).
      if (location.guarantee === 'unknown' || location.guarantee === 'best-effort') {
        const code = location.guarantee === 'unknown' ? 'unknown-location' : 'best-effort-location';
        return {
          allowed: false,
          code,
          reason: `Blocked: Caravan sends nothing to a target, and reads nothing from it, until it can name where it stores data; ${location.description}.`,
          audit: { code, params },
        };
      }
      return {
        allowed: true,
        code: 'no-client-data',
        reason: `Allowed: the workspace partition holds no client data; ${location.description}.`,
        audit: { code: 'no-client-data', params },
      };
    }
    const held = this.heldDecision(partition, operation, clientLabel);
    if (held) return held;
    return check(this.deps.book.policyOf(partition) ?? null, location, operation, clientLabel, this.context(data));
  }

  /** The refusal for a client whose wider policy waits for the person; null for any other. */
  private heldDecision(clientId: string, operation: Operation, clientLabel?: string): CheckResult | null {
    const held = this.deps.book.heldOf(clientId);
    if (!held) return null;
    const who = clientLabel ? `client ${clientLabel}` : 'this client';
    return {
      allowed: false,
      code: 'awaiting-confirmation',
      reason: `Held back: a wider residency policy for ${who} was made elsewhere (another device, or a bundle) and waits for your confirmation on this device, in Clients. Nothing of ${who} leaves this device meanwhile.`,
      audit: { code: 'awaiting-confirmation', params: { operation, to: policySummary(held.policy) } },
    };
  }

  /** May this partition go to this target? Refused while locked (the vault's policies are unknown). */
  transfer(partition: string, targetId: string, operation: Operation, clientLabel?: string): CheckResult {
    if (!this.deps.book.isOpen) {
      return {
        allowed: false,
        code: 'invalid-policy',
        reason: 'Blocked: the vault is locked, so Caravan knows no policy and sends nothing.',
        audit: { code: 'invalid-policy', params: { operation } },
      };
    }
    return this.evaluate(partition, this.deps.targets.get(targetId), operation, clientLabel);
  }

  /**
   * May main contact this target at all (read, list, test, delete)? Only while the vault is open,
   * and only a target whose location the guard can name: the workspace's rule, with no data sent.
   */
  contact(targetId: string): CheckResult {
    if (!this.deps.book.isOpen) {
      return {
        allowed: false,
        code: 'invalid-policy',
        reason: 'Unlock the vault first: Caravan contacts no sync target while it is locked.',
        audit: { code: 'invalid-policy', params: { operation: 'request' } },
      };
    }
    return this.evaluate(WORKSPACE_PARTITION, this.deps.targets.get(targetId), 'request');
  }

  /** Each of these clients against each of these targets (targets first), under `data`: what sync would send where. */
  uploadDecisions(targets: readonly TargetConfig[], clients: readonly string[], data: LocalityData = this.deps.data.current()): UploadDecision[] {
    return targets.flatMap((target) =>
      clients.map((clientId) => ({ clientId, targetId: target.id, result: this.evaluate(clientId, target, 'sync-upload', undefined, data) })),
    );
  }

  /**
   * Travel mode: which clients' policies exclude the country the person is in (`excluded`), and
   * among them the device-only ones, which have no copy anywhere else and so block the trip.
   * Clients marked safe for travel are left out.
   */
  async travelPlan(country: string, safeForTravel: readonly string[]): Promise<{ excluded: string[]; deviceOnly: string[] }> {
    const safe = new Set(safeForTravel);
    const excluded: string[] = [];
    const deviceOnly: string[] = [];
    const here = { country, guarantee: 'region', description: country };
    const honour = this.deps.book.toHonour();
    const ctx = this.context();
    // A client whose wider policy waits is judged by both: excluded where either excludes.
    // One check per client: yield between slices, the list is as long as the renderer makes it.
    await mapYielding(honour, ([clientId, policies]) => {
      if (safe.has(clientId)) return;
      if (policies.every((policy) => check(policy, here, 'request', undefined, ctx).allowed)) return;
      excluded.push(clientId);
      if (policies.some((policy) => policy.kind === 'device-only')) deviceOnly.push(clientId);
    });
    return { excluded: excluded.sort(), deviceOnly: deviceOnly.sort() };
  }

  /** "Where is my data": for each client, every target with the decision and whether it already holds data. */
  placement(clients: readonly { id: string; label?: string }[]): Promise<ClientPlacement[]> {
    // A decision per client and target: yield between slices, the list is as long as the renderer makes it.
    return mapYielding(clients, ({ id, label }) => ({
      clientId: id,
      known: this.deps.book.knows(id),
      decisions: this.deps.targets.list().map((target) => {
        const result = this.evaluate(id, target, 'sync-upload', label);
        return { targetId: target.id, allowed: result.allowed, code: result.code, reason: result.reason, holds: Object.hasOwn(target.holds, id) };
      }),
    }));
  }

  /**
   * The add-target form's preview: each client judged against a target with these settings as
   * sync would judge it once added. Refused while locked (no policy is known then).
   */
  async prospectivePlacement(
    place: Pick<TargetConfig, 'location' | 'endpoint'>,
    clients: readonly { id: string; label?: string }[],
  ): Promise<ProspectiveDecision[]> {
    this.requireOpen();
    const target: TargetConfig = { id: 'prospective', label: '', kind: 's3', createdAt: 0, holds: {}, ...place };
    return mapYielding(clients, ({ id, label }) => {
      const { allowed, code, reason } = this.evaluate(id, target, 'sync-upload', label);
      return { clientId: id, allowed, code, reason };
    });
  }

  /** The targets that hold some of this client's data (an erasure receipt lists them). */
  holdersOf(clientId: string): string[] {
    return this.deps.targets
      .list()
      .filter((t) => Object.hasOwn(t.holds, clientId))
      .map((t) => t.id);
  }

  /** The clients among these kept on this device only, or with no policy main can read: a file holding their data needs the person's yes. */
  deviceOnlyAmong(clientIds: readonly string[]): string[] {
    // Closed while the person may be unlocked (the guard failed to open): say that, not "unlock".
    if (!this.deps.book.isOpen) {
      throw new UserFacingError(
        'refused',
        'Caravan’s locality guard is closed, so it cannot tell which clients keep their data on this device only, nor record this export. Lock Caravan and unlock it again (the guard opens at unlock), then export again.',
      );
    }
    return clientIds.filter((id) => (this.deps.book.policyOf(id)?.kind ?? 'device-only') === 'device-only');
  }

  /** May this client's project leave as a bundle? */
  bundleExport(clientId: string, clientLabel?: string): CheckResult {
    this.requireOpen();
    const held = this.heldDecision(clientId, 'bundle-export', clientLabel);
    if (held) return held;
    return bundleExportDecision(this.deps.book.policyOf(clientId) ?? null, clientLabel, this.context());
  }

  /** May a bundle with this policy be imported where the person is? */
  bundleImport(policy: unknown, place: ImportPlace, clientLabel?: string): CheckResult {
    this.requireOpen();
    return bundleImportDecision(policy, place, clientLabel, this.context());
  }

  /**
   * Hosts the network backstop lets through: those of targets that may
   * receive at least one partition. Empty while locked, and never a host
   * whose location the guard cannot name (the workspace's rule says no there).
   */
  approvedHosts(): ReadonlySet<string> {
    const hosts = new Set<string>();
    if (!this.deps.book.isOpen) return hosts;
    for (const target of this.deps.targets.list()) {
      const host = targetHost(target);
      if (!host) continue;
      const { guarantee } = locationOf(target, this.deps.data.current());
      if (guarantee === 'unknown' || guarantee === 'best-effort') continue;
      const partitions = [WORKSPACE_PARTITION, ...this.deps.book.clients()];
      if (partitions.some((p) => this.evaluate(p, target, 'request').allowed)) hosts.add(host);
    }
    return hosts;
  }
}
