/**
 * Saving a client and its residency policy, ordered so that a failure leaves no half state.
 *
 * A policy that lets the data go further is main's to allow, in its own dialog (the page may only
 * ask main to put the question): so main is asked first, and the record is saved only after the
 * person said yes there. If the record then does not save, main is given the old policy back (a
 * narrowing, which applies at once). Any other change (a first, an equal or a narrower policy) is
 * saved first and then applied in main, as before: until main has it, main refuses the client's
 * egress, which is the safe side.
 */
import type { IpcResult } from '../../src-preload/contract/errors.ts';
import type { PolicyPreview } from '../../src-preload/contract/locality.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { Client } from '../domain/client.ts';
import { toPolicyWire } from '../locality/locality-session.ts';
import type { NewClient } from '../vault/repos/clients.ts';
import { errorMessage } from '../ui/error-message.ts';

export interface SaveClientDeps {
  saveClient(input: NewClient, id?: string): Promise<Client>;
  locality: {
    previewPolicy(clientId: string, policy: ResidencyPolicy): Promise<IpcResult<PolicyPreview>>;
    setPolicy(clientId: string, policy: ResidencyPolicy, ask: boolean, label?: string): Promise<IpcResult<PolicyPreview>>;
  };
}

export type SaveClientOutcome =
  /** Saved. `policyProblem`: main did not take the policy (it refuses the client's egress until it does). */
  | { ok: true; saved: Client; heldOnDisallowed: string[]; policyProblem?: string }
  /** Nothing saved, with why (main's words when the person did not allow a wider policy). */
  | { ok: false; message: string };


export async function saveClientWithPolicy(deps: SaveClientDeps, existing: Client | undefined, input: NewClient): Promise<SaveClientOutcome> {
  let widened = false;
  if (existing) {
    const wire = toPolicyWire(input.residency);
    const preview = await deps.locality.previewPolicy(existing.id, wire);
    if (!preview.ok) return { ok: false, message: `The policy change could not be checked: ${preview.error.message}` };
    if (preview.value.change === 'weaker') {
      const allowed = await deps.locality.setPolicy(existing.id, wire, true, input.name);
      if (!allowed.ok) return { ok: false, message: allowed.error.message };
      widened = true;
    }
  }
  let saved: Client;
  try {
    saved = await deps.saveClient(input, existing?.id);
  } catch (error) {
    // The wider policy main took is put back: the vault still has the old one.
    if (existing && widened) await deps.locality.setPolicy(existing.id, toPolicyWire(existing.residency), false).catch(() => undefined);
    return { ok: false, message: errorMessage(error) };
  }
  const applied = await deps.locality.setPolicy(saved.id, toPolicyWire(saved.residency), false);
  if (!applied.ok) return { ok: true, saved, heldOnDisallowed: [], policyProblem: applied.error.message };
  return { ok: true, saved, heldOnDisallowed: applied.value.heldOnDisallowed };
}
