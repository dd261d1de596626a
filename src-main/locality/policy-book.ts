/**
 * The policy book: which residency policy main decides with for each client of the open vault,
 * which wider ones wait for the person (held), and the record of policies in force kept across
 * restarts (the baseline). It opens with the vault (learning each client's policy, ids only, and
 * where the session's audit entries go) and closes with it; policies arriving later by sync or in
 * a bundle are reconciled with the baseline here (policy-changes.ts says how).
 *
 * Changes run one at a time (a question to the person may be open in one); `exclusive` lets
 * other changes that depend on the policies (a locality data import) take the same turn.
 * Entries are written before the state they record changes; the book leaves the decisions to
 * the guard and asks, through `reconcile`, that the decisions a change implies be recorded.
 */
import type { LocalityOpened, PolicyPreview, PolicySource } from '../../src-preload/contract/locality.ts';
import { residencyPolicySchema, type ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { CheckContext } from './check.ts';
import type { AuditSink, LocalityAudit } from './locality-audit.ts';
import type { HeldPolicy, PolicyBaseline } from './policy-baseline.ts';
import {
  changePolicy,
  intakePolicies,
  policiesToHonour,
  previewPolicy,
  type IncomingPolicy,
  type PolicyChangeDeps,
  type PolicyState,
} from './policy-changes.ts';
import type { TargetConfig } from './target-registry.ts';

export interface PolicyBookDeps {
  /** The policies main last put in force, per client, kept across restarts. */
  baseline: PolicyBaseline;
  /** Where policy changes are recorded; opened and closed with the book. */
  audit: LocalityAudit;
  /** Main's own question to the person (a weaker policy); the renderer cannot answer it. */
  confirm: ConfirmDialog;
  checkContext: () => Required<CheckContext>;
  targets: () => readonly TargetConfig[];
  /** Records what each target may now receive from this client (after its policy changed). */
  reconcile: (clientId: string) => Promise<void>;
  log: (message: string, detail?: unknown) => void;
}

/** One open vault's policies. A new object per open: a change that waited on a question can tell the vault was locked meanwhile. */
export interface BookSession {
  readonly vaultId: string;
  readonly state: PolicyState;
}

export class PolicyBook {
  private session: BookSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly deps: PolicyBookDeps;

  constructor(deps: PolicyBookDeps) {
    this.deps = deps;
  }

  get isOpen(): boolean {
    return this.session !== null;
  }

  /** The open session, to compare with after a question: `current === before` means no lock came between. */
  get current(): BookSession | null {
    return this.session;
  }

  /** Runs `work` after every change already queued, and before any queued after it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private changeDeps(session: BookSession): PolicyChangeDeps {
    return {
      state: session.state,
      checkContext: this.deps.checkContext,
      targets: this.deps.targets,
      record: (kind, reason, ids) => this.deps.audit.record(kind, reason, ids),
      reconcile: this.deps.reconcile,
      confirm: this.deps.confirm,
      stillOpen: () => this.session === session,
    };
  }

  private require(): BookSession {
    if (!this.session) throw new UserFacingError('refused', 'Unlock the vault first: the locality guard knows no client policies while it is locked.');
    return this.session;
  }

  /**
   * The vault was unlocked, or records arrived: the book learns each client's policy (ids only)
   * and where to write the audit log, and compares each policy with the one it last put in force
   * (policy-changes.ts): stronger or new ones apply and are recorded with how they came
   * (`source`, and the device when the renderer names it); a weaker one is held, and named in the
   * answer's `awaiting`, until the person allows it here. A policy that could not be read holds
   * back that client only and is named in `heldBack`; the other clients are opened as usual.
   * If the first open of a vault fails half-way (an audit append refused), the book stays closed.
   */
  open(vaultId: string, sink: AuditSink, policies: readonly IncomingPolicy[], source: PolicySource = 'unlock'): Promise<LocalityOpened> {
    return this.exclusive(async () => {
      const heldBack: LocalityOpened['heldBack'] = [];
      for (const { clientId, policy } of policies) {
        if (policy.readable) continue;
        heldBack.push({ clientId, problem: policy.problem });
        this.deps.log(`locality: client ${clientId.slice(0, 8)} has an unreadable policy (${policy.problem}); its data stays on this device`);
      }
      const previous = this.session?.vaultId === vaultId ? this.session : null;
      const session: BookSession = previous ? { ...previous } : { vaultId, state: { policies: new Map(), held: new Map(), baseline: this.deps.baseline } };
      this.session = session;
      this.deps.audit.open(vaultId, sink);
      try {
        const awaiting = await intakePolicies(this.changeDeps(session), policies, source);
        return { heldBack, awaiting };
      } catch (error) {
        if (!previous && this.session === session) this.close();
        throw error;
      }
    });
  }

  /** The vault was locked: policies and the audit key are forgotten; nothing of a client may leave. */
  close(): void {
    this.session = null;
    this.deps.audit.close();
  }

  /** The policy in force for a client; undefined for one main does not know (refused everything). */
  policyOf(clientId: string): ResidencyPolicy | undefined {
    return this.session?.state.policies.get(clientId);
  }

  /** The wider policy waiting for the person's yes, if any (the client is refused meanwhile). */
  heldOf(clientId: string): HeldPolicy | undefined {
    return this.session?.state.held.get(clientId);
  }

  /** Whether a policy is in force for this client. */
  knows(clientId: string): boolean {
    return this.session?.state.policies.has(clientId) ?? false;
  }

  /** The clients with a policy in force. */
  clients(): string[] {
    return this.session ? [...this.session.state.policies.keys()] : [];
  }

  /** For travel mode: every policy each client must honour (a held client: both the one in force and the held one). */
  toHonour(): [string, ResidencyPolicy[]][] {
    return policiesToHonour(this.require().state);
  }

  /** What a policy change would do, compared with the policy in force, before anything is saved. */
  preview(clientId: string, next: unknown): PolicyPreview {
    return previewPolicy(this.changeDeps(this.require()), clientId, residencyPolicySchema.parse(next));
  }

  /**
   * Applies a change of a client's policy made on this device. A stronger or first policy applies
   * at once; a weaker one only on the person's yes in main's own dialog, which `ask` requests
   * (policy-changes.ts). Audited before it applies, then each target's decision.
   */
  setPolicy(clientId: string, next: unknown, ask: boolean, label?: string): Promise<PolicyPreview> {
    return this.exclusive(() => changePolicy(this.changeDeps(this.require()), clientId, residencyPolicySchema.parse(next), ask, label));
  }

  /** A client was deleted, erased or left on a trip: its policy is forgotten, so nothing of it can be sent (its last policy stays in the baseline). */
  forget(clientId: string): void {
    this.session?.state.policies.delete(clientId);
    this.session?.state.held.delete(clientId);
  }
}
