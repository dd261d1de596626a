/**
 * Adding a sync target with its credentials: both land, or neither does.
 *
 * Main takes the target (after the person confirms it in main's own dialog) and its credentials
 * on two channels, `locality:addTarget` and `sync:setCredentials`. So the target is added first,
 * then its credentials; if they are refused, the target is removed again, so no target is left
 * without credentials and a retry does not meet a half-added one ("a target called … exists
 * already"). Should that removal fail as well, the outcome carries the target, and a retry with it
 * as `pending` sends only the credentials instead of adding a second target.
 */
import type { IpcResult } from '../../src-preload/contract/errors.ts';
import type { CredentialsInput, CredentialsSaved } from '../../src-preload/contract/sync.ts';
import type { NewTargetInput, TargetView } from '../../src-preload/contract/target.ts';

export interface AddTargetDeps {
  locality: {
    addTarget(target: NewTargetInput): Promise<IpcResult<TargetView>>;
    removeTarget(id: string): Promise<IpcResult<void>>;
  };
  sync: {
    setCredentials(id: string, credentials: CredentialsInput): Promise<IpcResult<CredentialsSaved>>;
    test(id: string): Promise<IpcResult<void>>;
  };
}

export type AddTargetOutcome =
  /** Added with its credentials. `credentialsNote`: they are kept for this run only, and why; `testProblem`: the connection test failed. */
  | { kind: 'added'; target: TargetView; credentialsNote?: string; testProblem?: string }
  /** Nothing was added (main refused, the person cancelled, or the credentials were refused and the target removed again). */
  | { kind: 'not-added'; message: string }
  /** The credentials were refused and the target could not be removed: retry with it as `pending`. */
  | { kind: 'incomplete'; message: string; target: TargetView };

export async function addTargetWithCredentials(
  deps: AddTargetDeps,
  target: NewTargetInput,
  credentials: CredentialsInput | null,
  pending?: TargetView,
): Promise<AddTargetOutcome> {
  let added = pending;
  if (!added) {
    const result = await deps.locality.addTarget(target);
    if (!result.ok) return { kind: 'not-added', message: result.error.message };
    added = result.value;
  }
  let credentialsNote: string | undefined;
  if (credentials) {
    const saved = await deps.sync.setCredentials(added.id, credentials);
    if (!saved.ok) {
      const removed = await deps.locality.removeTarget(added.id);
      if (removed.ok) return { kind: 'not-added', message: `The credentials were refused, so the target was not added: ${saved.error.message}` };
      return {
        kind: 'incomplete',
        message: `The credentials were refused (${saved.error.message}), and the target could not be removed (${removed.error.message}). Correct the credentials and add again: the target already added is used.`,
        target: added,
      };
    }
    if (!saved.value.persisted) credentialsNote = saved.value.reason;
  }
  const tested = await deps.sync.test(added.id);
  return {
    kind: 'added',
    target: added,
    ...(credentialsNote ? { credentialsNote } : {}),
    ...(tested.ok ? {} : { testProblem: tested.error.message }),
  };
}
