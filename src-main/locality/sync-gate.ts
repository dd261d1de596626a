/**
 * What sync asks of locality before it touches a target: the guard's decision, recorded first.
 * An upload's decision is recorded when it differs from the last one recorded for the same
 * partition and target in this session (and always the first time); a refused contact is
 * recorded the same way, an allowed one is not, as a read takes nothing off the device. A delete
 * is recorded before it happens. While the vault is locked every answer is a refusal, and
 * nothing is recorded (there is no audit key).
 */
import type { CheckResult } from './check.ts';
import type { EgressGuard } from './egress-guard.ts';
import { WORKSPACE_PARTITION, type DeletedObject, type LocalityAudit } from './locality-audit.ts';
import type { Operation } from './policy.ts';

export class SyncGate {
  readonly #guard: EgressGuard;
  readonly #audit: LocalityAudit;

  constructor(guard: EgressGuard, audit: LocalityAudit) {
    this.#guard = guard;
    this.#audit = audit;
  }

  /** Whether a vault is open: without one, nothing may be sent, read or deleted. */
  get isOpen(): boolean {
    return this.#guard.isOpen;
  }

  /**
   * The chokepoint. Every transfer of a partition to a target calls this first and sends nothing
   * unless `allowed`. Refusals are audited; so is the first allow in a session and any change of decision.
   */
  async decide(partition: string, targetId: string, operation: Operation, clientLabel?: string): Promise<CheckResult> {
    const result = this.#guard.transfer(partition, targetId, operation, clientLabel);
    if (this.#guard.isOpen) await this.#audit.decision(partition, targetId, operation, result);
    return result;
  }

  /** May main contact this target at all (read, list, test, delete)? A refusal is audited, once per session like any decision. */
  async decideContact(targetId: string): Promise<CheckResult> {
    const result = this.#guard.contact(targetId);
    if (this.#guard.isOpen && !result.allowed) await this.#audit.decision(WORKSPACE_PARTITION, targetId, 'request', result);
    return result;
  }

  /** An object is about to be deleted from a target (compaction): recorded first. */
  objectDeleted(partition: string, targetId: string, objectKind: DeletedObject): Promise<void> {
    return this.#audit.objectDeleted(partition, targetId, objectKind);
  }

  /** A client's objects were deleted from a target (policy strengthened, or erasure). */
  remoteCopiesDeleted(clientId: string, targetId: string): Promise<void> {
    return this.#audit.remoteCopiesDeleted(clientId, targetId);
  }
}
