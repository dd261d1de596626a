/**
 * Adding a sync target with its credentials: both land, or neither does.
 *
 * Main takes the target (after the person confirms it in main's own dialog) and its credentials
 * on two channels, `locality:addTarget` and `sync:setCredentials`. So the target is added first,
 * then its credentials; if they are refused, the target is removed again, so no target is left
 * without credentials and a retry does not meet a half-added one ("a target called … exists
 * already"). Should that removal fail as well, the outcome carries the target with the values it
 * was added from, and a retry with it as `pending` sends only the credentials instead of adding a
 * second target, as long as the form still says the same target; if the person changed the
 * target meanwhile (another kind, endpoint or bucket), the one left behind is removed first and
 * the new one added, so the outcome is always about what the form says now.
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

/** A target main holds without the credentials that were refused, and the values it was added from. */
export interface PendingTarget {
  target: TargetView;
  input: NewTargetInput;
}

export type AddTargetOutcome =
  /** Added with its credentials. `credentialsNote`: they are kept for this run only, and why; `testProblem`: the connection test failed. */
  | { kind: 'added'; target: TargetView; credentialsNote?: string; testProblem?: string }
  /** Nothing was added (main refused, the person cancelled, or the credentials were refused and the target removed again). */
  | { kind: 'not-added'; message: string }
  /** A target is left in main without credentials (it could not be removed): retry with `pending`, or `abandonPending`. */
  | { kind: 'incomplete'; message: string; pending: PendingTarget };

export async function addTargetWithCredentials(
  deps: AddTargetDeps,
  target: NewTargetInput,
  credentials: CredentialsInput | null,
  pending?: PendingTarget,
): Promise<AddTargetOutcome> {
  let added: TargetView | undefined;
  if (pending && sameTarget(pending.input, target)) added = pending.target;
  else if (pending) {
    const problem = await abandonPending(deps, pending);
    if (problem) return { kind: 'incomplete', message: `${problem} The changed target was not added.`, pending };
  }
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
        pending: { target: added, input: target },
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

/** Removes a target left without its credentials; the problem in words if main could not. */
export async function abandonPending(deps: Pick<AddTargetDeps, 'locality'>, pending: PendingTarget): Promise<string | null> {
  const removed = await deps.locality.removeTarget(pending.target.id);
  if (removed.ok) return null;
  return `The target “${pending.target.label}” added earlier without its credentials could not be removed (${removed.error.message}): remove it in the list of sync targets.`;
}

/** The same target, whatever order its fields were built in. */
function sameTarget(a: NewTargetInput, b: NewTargetInput): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}
