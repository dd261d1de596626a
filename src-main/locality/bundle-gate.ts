/**
 * What the bundle feature asks of locality: may this client's project leave as a bundle, may a
 * bundle come in where the person is, and the record of each outcome. The decisions are the
 * guard's (bundle-decisions.ts); a refusal and a completed export or import are recorded here.
 * All of it is refused while the vault is locked.
 */
import type { ImportPlace } from './bundle-decisions.ts';
import type { CheckResult } from './check.ts';
import type { EgressGuard } from './egress-guard.ts';
import type { LocalityAudit } from './locality-audit.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';

export class BundleGate {
  readonly #guard: EgressGuard;
  readonly #audit: LocalityAudit;

  constructor(guard: EgressGuard, audit: LocalityAudit) {
    this.#guard = guard;
    this.#audit = audit;
  }

  /** Whether a vault is open: while locked, every decision below throws. */
  get isOpen(): boolean {
    return this.#guard.isOpen;
  }

  /** May this client's project leave as a bundle? Not audited: the UI asks before it encodes. */
  exportDecision(clientId: string, clientLabel?: string): CheckResult {
    return this.#guard.bundleExport(clientId, clientLabel);
  }

  /**
   * The decision again, at the moment of saving: a refusal is recorded before it is returned, so
   * the caller writes nothing and the log says why.
   */
  async decideExport(clientId: string, clientLabel?: string): Promise<CheckResult> {
    const decision = this.#guard.bundleExport(clientId, clientLabel);
    if (!decision.allowed) await this.#audit.bundleExportRefused(clientId, decision);
    return decision;
  }

  /** A bundle is about to be written to a file the person chose (after an allowed `decideExport`); recorded first. */
  exported(clientId: string, decision: CheckResult): Promise<void> {
    return this.#audit.bundleExported(clientId, decision);
  }

  /** May a bundle with this policy be imported where the person is? A refusal is recorded. */
  async decideImport(clientId: string, policy: unknown, place: ImportPlace, clientLabel?: string): Promise<CheckResult> {
    const decision = this.#guard.bundleImport(policy, place, clientLabel);
    if (!decision.allowed) await this.#audit.bundleImportRefused(clientId, decision);
    return decision;
  }

  /**
   * A bundle's records were merged into the vault: decided again (a refusal is recorded and
   * thrown with its reason, so a page cannot record an import main would refuse), then recorded.
   */
  async recordImport(clientId: string, policy: unknown, place: ImportPlace, clientLabel?: string): Promise<void> {
    const decision = await this.decideImport(clientId, policy, place, clientLabel);
    if (!decision.allowed) throw new UserFacingError('refused', decision.reason);
    await this.#audit.bundleImported(clientId, decision);
  }
}
