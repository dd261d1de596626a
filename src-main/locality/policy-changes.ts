/**
 * How a client's residency policy changes in main: what is applied at once, what waits for the
 * person, and in which order things are written.
 *
 * The rule: a policy main compares a change with is the one it last put in force (the baseline,
 * kept across restarts), never what the renderer sent a moment before.
 * - A first policy, an equal one, or a stronger one applies at once.
 * - A weaker one applies only when the person says yes in main's own dialog. Through
 *   `locality:setPolicy` the renderer may ask main to put that question; it cannot answer it.
 * - A weaker one that arrives through `locality:open` (merged by sync from another device, brought
 *   by a bundle, or found in the vault at unlock) is held: not in force, and the client is refused
 *   every egress (nothing of it leaves this device) until the person allows it here, or until a
 *   policy no wider than the one in force comes (from this device or another).
 *
 * Every change is audited before it takes effect: the entry first, then the baseline on disk, then
 * the policy main decides with. A refused append leaves all three as they were. The target
 * decisions that follow from a change are audited after it, as decisions under the new policy.
 */
import type { PolicyPreview, AwaitingPolicy, PolicySource } from '../../src-preload/contract/locality.ts';
import type { PolicyReading, ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { AuditKind } from './audit-chain.ts';
import type { AuditReason, ReasonCode, ReasonParams } from './audit-reason.ts';
import { check, type CheckContext } from './check.ts';
import { sameShape, type HeldPolicy, type PolicyBaseline } from './policy-baseline.ts';
import { comparePolicies } from './policy-compare.ts';
import { policySummary } from './policy.ts';
import { declinedWeakening, unaskedWeakening, weakeningQuestion } from './policy-words.ts';
import { locationOf } from './resolve-location.ts';
import type { TargetConfig } from './target-registry.ts';

const DEVICE_ONLY: ResidencyPolicy = { kind: 'device-only' };

/** The policies of the open vault as main decides with them. */
export interface PolicyState {
  /** In force: what `check` decides with. A client absent here is refused every egress. */
  policies: Map<string, ResidencyPolicy>;
  /** Weaker policies waiting for the person's yes on this device; these clients are refused meanwhile. */
  held: Map<string, HeldPolicy>;
  baseline: PolicyBaseline;
}

export interface PolicyChangeDeps {
  state: PolicyState;
  checkContext(): Required<CheckContext>;
  targets(): readonly TargetConfig[];
  record(kind: AuditKind, reason: AuditReason, ids: { clientId: string }): Promise<void>;
  /** Audits what each target may now receive from this client. */
  reconcile(clientId: string): Promise<void>;
  confirm: ConfirmDialog;
  /** False once the vault this state belongs to was locked (while a question was open). */
  stillOpen(): boolean;
}

const SOURCE_CODE: Readonly<Record<PolicySource, ReasonCode>> = { unlock: 'found-at-unlock', sync: 'arrived-by-sync', bundle: 'arrived-in-bundle' };

function params(from: ResidencyPolicy | undefined, to: ResidencyPolicy, device?: string): ReasonParams {
  return { ...(from ? { from: policySummary(from) } : {}), to: policySummary(to), ...(device ? { device } : {}) };
}

function attestationsOf(p: ResidencyPolicy | undefined) {
  return p && p.kind !== 'device-only' ? (p.attestations ?? []) : [];
}

/** Entries for attestations added or removed; written with the policy entry, before the change. */
async function recordAttestations(
  deps: PolicyChangeDeps,
  clientId: string,
  old: ResidencyPolicy | undefined,
  next: ResidencyPolicy,
  code: ReasonCode,
): Promise<void> {
  const before = new Set(attestationsOf(old).map((a) => a.country));
  const after = new Set(attestationsOf(next).map((a) => a.country));
  for (const country of after) if (!before.has(country)) await deps.record('attestation-recorded', { code, params: { country } }, { clientId });
  for (const country of before) if (!after.has(country)) await deps.record('attestation-revoked', { code, params: { country } }, { clientId });
}

/** Puts a policy in force: the baseline on disk first, then main's own map. */
async function apply(deps: PolicyChangeDeps, clientId: string, policy: ResidencyPolicy): Promise<void> {
  await deps.state.baseline.put([{ clientId, policy }]);
  deps.state.policies.set(clientId, policy);
  deps.state.held.delete(clientId);
}

/** The policy a change is compared with. A damaged baseline lost them: device-only then, so nothing wider slips through. */
function inForce(state: PolicyState, clientId: string): ResidencyPolicy | undefined {
  return state.baseline.get(clientId)?.policy ?? (state.baseline.state === 'damaged' ? DEVICE_ONLY : undefined);
}

/** What a policy change would do, before anything is saved: compared with the policy in force. */
export function previewPolicy(deps: Pick<PolicyChangeDeps, 'state' | 'checkContext' | 'targets'>, clientId: string, policy: ResidencyPolicy): PolicyPreview {
  const old = inForce(deps.state, clientId);
  const ctx = deps.checkContext();
  const { change, added, removed } = comparePolicies(old, policy, ctx);
  const heldOnDisallowed = deps
    .targets()
    .filter((t) => Object.hasOwn(t.holds, clientId))
    .filter((t) => !check(policy, locationOf(t, ctx.data), 'sync-upload', undefined, ctx).allowed)
    .map((t) => t.id);
  return { change: old ? change : 'new', added, removed, heldOnDisallowed };
}

/** `locality:setPolicy`: applies a change the person made on this device. */
export async function changePolicy(deps: PolicyChangeDeps, clientId: string, next: ResidencyPolicy, ask: boolean, label?: string): Promise<PolicyPreview> {
  const { state } = deps;
  const preview = previewPolicy(deps, clientId, next);
  const old = inForce(state, clientId);
  const held = state.held.get(clientId);
  if (preview.change === 'same') {
    // Back to the policy in force while a wider one was held: the hold ends, recorded.
    if (held) await deps.record('policy-set', { code: 'user-action', params: params(undefined, next) }, { clientId });
    if (!held && sameShape(old, next)) state.policies.set(clientId, next);
    else await apply(deps, clientId, next);
    if (held) await deps.reconcile(clientId);
    return preview;
  }
  if (preview.change === 'weaker') {
    if (!ask) {
      await deps.record('policy-change-refused', { code: 'needs-confirmation', params: params(old, next) }, { clientId });
      throw new UserFacingError('refused', unaskedWeakening(preview.added));
    }
    const fresh = new Set(attestationsOf(old).map((a) => a.country));
    const arrived = held && sameShape(held.policy, next) ? held : undefined;
    const yes = await deps.confirm.confirm(
      weakeningQuestion({
        clientId,
        ...(label ? { label } : {}),
        from: old,
        to: next,
        added: preview.added,
        removed: preview.removed,
        attestations: attestationsOf(next).filter((a) => !fresh.has(a.country)),
        ...(arrived ? { arrived: arrived.device ? { device: arrived.device } : {} } : {}),
      }),
    );
    if (!deps.stillOpen())
      throw new UserFacingError('refused', 'The vault was locked while the question was open, so nothing changed. Unlock it and save the client again.');
    if (!yes) {
      await deps.record('policy-change-refused', { code: 'user-declined', params: params(old, next) }, { clientId });
      throw new UserFacingError('refused', declinedWeakening({ clientId, ...(label ? { label } : {}), from: old, added: preview.added }));
    }
    await deps.record('policy-weakened', { code: 'user-confirmed', params: params(old, next, arrived?.device) }, { clientId });
  } else {
    await deps.record(preview.change === 'new' ? 'policy-set' : 'policy-strengthened', { code: 'user-action', params: params(old, next) }, { clientId });
  }
  await recordAttestations(deps, clientId, old, next, 'user-action');
  await apply(deps, clientId, next);
  await deps.reconcile(clientId);
  return preview;
}

export interface IncomingPolicy {
  clientId: string;
  policy: PolicyReading;
  fromDevice?: string;
}

/**
 * `locality:open`: the vault's policies, compared one by one with the baseline. Returns the
 * clients whose wider policy waits for the person. Clients not in the list are no longer in force
 * (deleted, erased, away on a trip); the baseline keeps their last policy.
 */
export async function intakePolicies(deps: PolicyChangeDeps, incoming: readonly IncomingPolicy[], source: PolicySource): Promise<AwaitingPolicy[]> {
  const { state } = deps;
  const readable = incoming.flatMap((i) => (i.policy.readable ? [{ clientId: i.clientId, policy: i.policy.policy, fromDevice: i.fromDevice }] : []));
  const listed = new Set(incoming.map((i) => i.clientId));
  for (const id of [...state.policies.keys()]) if (!listed.has(id)) state.policies.delete(id);
  for (const id of [...state.held.keys()]) if (!listed.has(id)) state.held.delete(id);
  for (const i of incoming) if (!i.policy.readable) state.policies.delete(i.clientId);

  if (state.baseline.state === 'fresh') {
    // Main keeps no policy yet on this device: it takes the vault's as they are, as it always did.
    await state.baseline.put(readable);
    for (const { clientId, policy } of readable) state.policies.set(clientId, policy);
    return [];
  }
  const code = SOURCE_CODE[source];
  // Policies that apply are recorded one by one, then kept in one write and put in force together,
  // so a thousand clients arriving by sync cost one write of the record, and a refused append
  // leaves every one of them as it was. Their target decisions are audited after.
  const applies: { clientId: string; policy: ResidencyPolicy }[] = [];
  const decide: string[] = [];
  for (const { clientId, policy, fromDevice } of readable) {
    const old = inForce(state, clientId);
    const kept = state.baseline.get(clientId);
    const at = (p: ResidencyPolicy | undefined, to: ResidencyPolicy) => params(p, to, fromDevice);
    if (old && !kept?.held && sameShape(old, policy)) {
      // The usual case on every unlock and after every round: nothing changed.
      state.policies.set(clientId, policy);
      continue;
    }
    if (!old) {
      await deps.record('policy-set', { code, params: at(undefined, policy) }, { clientId });
      await recordAttestations(deps, clientId, undefined, policy, code);
      applies.push({ clientId, policy });
      decide.push(clientId);
      continue;
    }
    const { change } = comparePolicies(old, policy, deps.checkContext());
    if (change === 'weaker') {
      if (kept?.held && sameShape(kept.held.policy, policy)) {
        // Already held (recorded when it arrived): held again in this session, not recorded twice.
        state.policies.delete(clientId);
        state.held.set(clientId, kept.held);
        continue;
      }
      await deps.record('policy-held', { code, params: at(old, policy) }, { clientId });
      const held: HeldPolicy = { policy, at: deps.checkContext().now, ...(fromDevice ? { device: fromDevice } : {}) };
      await state.baseline.hold(clientId, held, old);
      state.policies.delete(clientId);
      state.held.set(clientId, held);
      await deps.reconcile(clientId);
      continue;
    }
    const wasHeld = kept?.held !== undefined;
    if (change === 'stronger') {
      await deps.record('policy-strengthened', { code, params: at(old, policy) }, { clientId });
      await recordAttestations(deps, clientId, old, policy, code);
    } else if (wasHeld) {
      // Back to the policy in force: the hold ends.
      await deps.record('policy-set', { code, params: at(undefined, policy) }, { clientId });
    }
    applies.push({ clientId, policy });
    if (change === 'stronger' || wasHeld) decide.push(clientId);
  }
  await state.baseline.put(applies);
  for (const { clientId, policy } of applies) {
    state.policies.set(clientId, policy);
    state.held.delete(clientId);
  }
  for (const clientId of decide) await deps.reconcile(clientId);
  return awaiting(deps);
}

/** The clients whose wider policy waits, with what it would open. */
export function awaiting(deps: Pick<PolicyChangeDeps, 'state' | 'checkContext'>): AwaitingPolicy[] {
  const ctx = deps.checkContext();
  return [...deps.state.held].map(([clientId, held]) => ({
    clientId,
    added: comparePolicies(inForce(deps.state, clientId), held.policy, ctx).added,
    ...(held.device ? { fromDevice: held.device } : {}),
  }));
}

/** The stricter reading for travel mode: a held client is excluded where either its policy in force or the held one excludes. */
export function policiesToHonour(state: PolicyState): [string, ResidencyPolicy[]][] {
  const out: [string, ResidencyPolicy[]][] = [...state.policies].map(([id, p]) => [id, [p]]);
  for (const [id, held] of state.held) out.push([id, [held.policy, ...(inForce(state, id) ? [inForce(state, id) as ResidencyPolicy] : [])]]);
  return out;
}
