/**
 * Saving a client and its residency policy, ordered so that a failure leaves no half state.
 *
 * Main takes the policy first, the vault is written after. A wider policy is main's to allow, in
 * its own dialog (the page may only ask main to put the question); a policy main cannot read is
 * refused. Either way nothing is written, and the vault stays as it was. Only a vault write that
 * fails after main took the policy needs undoing:
 * - main took a wider policy: it gets the old one back (a narrowing, which applies at once);
 * - main took a narrower one: it keeps it (undoing would widen, which only the person may allow):
 *   main is then stricter than the vault, the safe side, and saving again settles it;
 * - a new client: main keeps a policy for an id no record has, which lets nothing leave.
 *
 * While main's guard is not open (right after unlock it waits for the guard to finish opening;
 * after the guard failed to open it stays closed), the record is written without main: a closed
 * guard lets nothing of any client leave, and the next `locality:open` compares the record's policy
 * with the one main last put in force (src-main/locality/policy-changes.ts, `intakePolicies`): a
 * stronger or first one applies, a wider one is held, nothing of that client leaving, until the
 * person allows it in main's dialog. (On a device where main never put a policy in force, the
 * first open takes the vault's as they are: there is nothing in force to widen.)
 */
import type { IpcResult } from '../../src-preload/contract/errors.ts';
import type { PolicyPreview } from '../../src-preload/contract/locality.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { policyProblem } from './policy-problem.ts';
import type { Client } from '../domain/client.ts';
import { toPolicyWire } from '../locality/locality-session.ts';
import type { NewClient } from '../vault/repos/clients.ts';
import { errorMessage } from '../ui/error-message.ts';

export interface SaveClientDeps {
  /** Writes the record (`id` given: an update; or the id a new client is created with). */
  saveClient(input: NewClient, id?: string): Promise<Client>;
  /** The id of a new client, chosen here so main can take its policy before the record exists. */
  newId(): string;
  /** Whether main's guard holds this session's policies, once an open under way settled (session lifecycle). */
  guardOpen(): Promise<boolean>;
  locality: {
    previewPolicy(clientId: string, policy: ResidencyPolicy): Promise<IpcResult<PolicyPreview>>;
    setPolicy(clientId: string, policy: ResidencyPolicy, ask: boolean, label?: string): Promise<IpcResult<PolicyPreview>>;
  };
}

export type SaveClientOutcome =
  /**
   * Saved. `inForce`: main applies its policy now (false: the guard is closed, and takes it when it
   * opens). `heldOnDisallowed`: targets holding data the policy no longer allows.
   */
  | { kind: 'saved'; saved: Client; inForce: boolean; heldOnDisallowed: string[] }
  /** Main did not take the policy (or the person said no there): nothing was saved. */
  | { kind: 'policy-refused'; message: string }
  /** Main took the policy, the vault did not take the record: main was put back where it could be (see above). */
  | { kind: 'not-saved'; message: string };

/** Main's refusal in words for the form: a policy main cannot read is named in the field's words. */
function refusal(error: { code: string; message: string }, wire: ResidencyPolicy, prefix: string): string {
  if (error.code === 'invalid-argument') return `${policyProblem(wire)} Nothing was saved.`;
  return error.code === 'refused' ? error.message : `${prefix}${error.message}`;
}

export async function saveClientWithPolicy(deps: SaveClientDeps, existing: Client | undefined, input: NewClient): Promise<SaveClientOutcome> {
  const wire = toPolicyWire(input.residency);
  const id = existing?.id ?? input.id ?? deps.newId();
  const write = () => (existing ? deps.saveClient(input, id) : deps.saveClient({ ...input, id }));
  let change: PolicyPreview['change'] = 'new';
  if (existing || !(await deps.guardOpen())) {
    const preview = await deps.locality.previewPolicy(id, wire);
    if (!preview.ok && preview.error.code === 'refused' && !(await deps.guardOpen())) {
      // Main's guard is closed (see the module comment): the record alone is safe to write.
      try {
        return { kind: 'saved', saved: await write(), inForce: false, heldOnDisallowed: [] };
      } catch (error) {
        return { kind: 'not-saved', message: `The client was not saved: ${errorMessage(error)}` };
      }
    }
    if (!preview.ok) return { kind: 'policy-refused', message: refusal(preview.error, wire, 'The policy change could not be checked, so nothing was saved: ') };
    if (existing) change = preview.value.change;
  }
  const taken = await deps.locality.setPolicy(id, wire, change === 'weaker', input.name);
  if (!taken.ok) return { kind: 'policy-refused', message: refusal(taken.error, wire, 'The locality guard did not take the policy, so nothing was saved: ') };
  let saved: Client;
  try {
    saved = await write();
  } catch (error) {
    if (existing && change === 'weaker') {
      // The vault still has the old policy: main gets it back (narrower, so it applies without a question).
      await deps.locality.setPolicy(id, toPolicyWire(existing.residency), false).catch(() => undefined);
    }
    const stricter =
      existing && change === 'stronger' ? ' The locality guard already applies the stricter policy; save again to keep it in the record too.' : '';
    return { kind: 'not-saved', message: `The client was not saved: ${errorMessage(error)}${stricter}` };
  }
  return { kind: 'saved', saved, inForce: true, heldOnDisallowed: taken.value.heldOnDisallowed };
}
