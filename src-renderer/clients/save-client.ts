/**
 * Saving a client and its residency policy, ordered so that a failure leaves no half state.
 *
 * Main takes the policy first, the vault is written after. A wider policy is main's to allow, in
 * its own dialog (the page may only ask main to put the question); a policy main cannot read, or a
 * locked guard, is refused. Either way nothing is written, and the vault stays as it was. Only a
 * vault write that fails after main took the policy needs undoing:
 * - main took a wider policy: it gets the old one back (a narrowing, which applies at once);
 * - main took a narrower one: it keeps it (undoing would widen, which only the person may allow):
 *   main is then stricter than the vault, the safe side, and saving again settles it;
 * - a new client: main keeps a policy for an id no record has, which lets nothing leave.
 */
import type { IpcResult } from '../../src-preload/contract/errors.ts';
import type { PolicyPreview } from '../../src-preload/contract/locality.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { Client } from '../domain/client.ts';
import { toPolicyWire } from '../locality/locality-session.ts';
import type { NewClient } from '../vault/repos/clients.ts';
import { errorMessage } from '../ui/error-message.ts';

export interface SaveClientDeps {
  /** Writes the record (`id` given: an update; or the id a new client is created with). */
  saveClient(input: NewClient, id?: string): Promise<Client>;
  /** The id of a new client, chosen here so main can take its policy before the record exists. */
  newId(): string;
  locality: {
    previewPolicy(clientId: string, policy: ResidencyPolicy): Promise<IpcResult<PolicyPreview>>;
    setPolicy(clientId: string, policy: ResidencyPolicy, ask: boolean, label?: string): Promise<IpcResult<PolicyPreview>>;
  };
}

export type SaveClientOutcome =
  /** Saved, with main applying its policy. `heldOnDisallowed`: targets holding data the policy no longer allows. */
  | { kind: 'saved'; saved: Client; heldOnDisallowed: string[] }
  /** Main did not take the policy (or the person said no there): nothing was saved. */
  | { kind: 'policy-refused'; message: string }
  /** Main took the policy, the vault did not take the record: main was put back where it could be (see above). */
  | { kind: 'not-saved'; message: string };

export async function saveClientWithPolicy(deps: SaveClientDeps, existing: Client | undefined, input: NewClient): Promise<SaveClientOutcome> {
  const wire = toPolicyWire(input.residency);
  const id = existing?.id ?? input.id ?? deps.newId();
  let change: PolicyPreview['change'] = 'new';
  if (existing) {
    const preview = await deps.locality.previewPolicy(id, wire);
    if (!preview.ok) return { kind: 'policy-refused', message: `The policy change could not be checked, so nothing was saved: ${preview.error.message}` };
    change = preview.value.change;
  }
  const taken = await deps.locality.setPolicy(id, wire, change === 'weaker', input.name);
  if (!taken.ok) {
    const why =
      taken.error.code === 'refused' ? taken.error.message : `The locality guard did not take the policy, so nothing was saved: ${taken.error.message}`;
    return { kind: 'policy-refused', message: why };
  }
  let saved: Client;
  try {
    saved = existing ? await deps.saveClient(input, id) : await deps.saveClient({ ...input, id });
  } catch (error) {
    if (existing && change === 'weaker') {
      // The vault still has the old policy: main gets it back (narrower, so it applies without a question).
      await deps.locality.setPolicy(id, toPolicyWire(existing.residency), false).catch(() => undefined);
    }
    const stricter =
      existing && change === 'stronger' ? ' The locality guard already applies the stricter policy; save again to keep it in the record too.' : '';
    return { kind: 'not-saved', message: `The client was not saved: ${errorMessage(error)}${stricter}` };
  }
  return { kind: 'saved', saved, heldOnDisallowed: taken.value.heldOnDisallowed };
}
