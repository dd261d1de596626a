/**
 * What travel mode and the GDPR actions ask of locality. Travel: which clients the country the
 * person is in excludes (the guard's decision), and each step of a trip recorded; a client removed
 * from the device has its policy forgotten until it comes back. GDPR: an access export or an
 * erasure recorded (an erased client's policy is forgotten), with the targets that still hold
 * the client's data for the erasure receipt. Each entry is written before the policy is forgotten.
 */
import type { EgressGuard } from './egress-guard.ts';
import type { ClientAction, LocalityAudit, TravelEvent } from './locality-audit.ts';
import type { PolicyBook } from './policy-book.ts';

export interface ClientGateDeps {
  guard: EgressGuard;
  audit: LocalityAudit;
  book: Pick<PolicyBook, 'forget'>;
  now: () => number;
}

export class ClientGate {
  readonly #deps: ClientGateDeps;

  constructor(deps: ClientGateDeps) {
    this.#deps = deps;
  }

  /** Which clients' policies exclude `country`, and among them the device-only ones (which block the trip). */
  travelPlan(country: string, safeForTravel: readonly string[]): Promise<{ excluded: string[]; deviceOnly: string[] }> {
    return this.#deps.guard.travelPlan(country, safeForTravel);
  }

  /** Records a travel-mode step; a removed client's policy is forgotten until it comes back. */
  async recordTravel(event: TravelEvent, country: string | null, clientId: string | null): Promise<void> {
    await this.#deps.audit.travel(event, country, clientId);
    if (event === 'removed' && clientId) this.#deps.book.forget(clientId);
  }

  /** An access export or an erasure, recorded; returns the targets that still hold the client's data (deleting copies there is sync's part). */
  async recordClientAction(kind: ClientAction, clientId: string): Promise<{ at: number; heldOn: string[] }> {
    const at = this.#deps.now();
    await this.#deps.audit.clientAction(kind, clientId);
    if (kind === 'client-erased') this.#deps.book.forget(clientId);
    return { at, heldOn: this.#deps.guard.holdersOf(clientId) };
  }
}
