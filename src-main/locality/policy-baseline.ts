/**
 * The residency policy main last put in force for each client, kept on main's side of the
 * boundary. Main compares whatever the renderer sends (`locality:open` again, after a lock and
 * unlock, after a restart) with this, never with what the renderer said a moment before, so
 * re-opening the guard cannot widen a policy unasked. Beside each policy: a weaker one that reached
 * this device without the person allowing it here, held until they do.
 *
 * One record per device, keyed by client id, not one per vault: client ids are random UUIDs, and
 * a record per vault would let a page open the guard under a made-up vault id, where every
 * client looks new.
 *
 * What is stored is what the audit log's params hold too: client ids, policy kinds, zones and
 * country codes, and for each attestation its country and date. An attestation's basis (the
 * person's own words) stays in the vault: here it is replaced by a fixed marker, which no
 * comparison reads (`check` asks only whether a country has one). Entries are never removed (an
 * erased client's id keeps its last policy), so a client id cannot come back "new" and unchecked.
 */
import { z } from 'zod';
import { residencyPolicySchema, type ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { canonicalJson } from './audit-chain.ts';
import type { JsonStore } from './target-registry.ts';

/** Stands in for an attestation's basis, which main does not keep. */
export const BASIS_KEPT_IN_VAULT = '(kept in the vault)';

/** A weaker policy waiting for the person's yes on this device. */
export interface HeldPolicy {
  policy: ResidencyPolicy;
  /** When it reached this device (epoch ms). */
  at: number;
  /** The sync device it came from, when known. */
  device?: string;
}

export interface BaselineEntry {
  /** The policy in force (absent for a client main has only ever seen held). */
  policy?: ResidencyPolicy;
  held?: HeldPolicy;
}

const heldSchema = z.strictObject({
  policy: residencyPolicySchema,
  at: z.number().int().nonnegative(),
  device: z
    .string()
    .regex(/^[0-9a-f]{16,64}$/)
    .optional(),
});
const fileSchema = z.strictObject({
  version: z.literal(1),
  clients: z.record(
    z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    z.strictObject({ policy: residencyPolicySchema.optional(), held: heldSchema.optional() }),
  ),
});

/** A policy as main keeps it: attestation bases replaced by the marker. */
export function keptShape(policy: ResidencyPolicy): ResidencyPolicy {
  if (policy.kind === 'device-only' || !policy.attestations) return policy;
  return { ...policy, attestations: policy.attestations.map((a) => ({ country: a.country, basis: BASIS_KEPT_IN_VAULT, recordedAt: a.recordedAt })) };
}

/** True when two policies are the same as main keeps them (bases and list order aside). */
export function sameShape(a: ResidencyPolicy | undefined, b: ResidencyPolicy | undefined): boolean {
  const norm = (p: ResidencyPolicy | undefined) => {
    if (!p || p.kind === 'device-only') return p;
    const kept = keptShape(p);
    const attestations = kept.kind === 'device-only' ? undefined : [...(kept.attestations ?? [])].sort((x, y) => x.country.localeCompare(y.country));
    const base = kept.kind === 'countries' ? { ...kept, countries: [...kept.countries].sort() } : kept;
    return { ...base, attestations: attestations?.length ? attestations : undefined };
  };
  return canonicalJson(norm(a) ?? null) === canonicalJson(norm(b) ?? null);
}

/**
 * - `fresh`: main has kept no policy on this device yet (its first unlock, or the first since this
 *   record exists): the vault's policies are taken as they are, as before there was a record.
 * - `kept`: the record read back.
 * - `damaged`: the record did not read (edited, or a disk fault). It is not trusted and not taken
 *   for a blank either: every policy wider than device-only is held until the person allows it.
 */
export type BaselineState = 'fresh' | 'kept' | 'damaged';

export class PolicyBaseline {
  private entries: Map<string, BaselineEntry>;
  private readonly store: JsonStore;
  state: BaselineState;

  private constructor(store: JsonStore, entries: Map<string, BaselineEntry>, state: BaselineState) {
    this.store = store;
    this.entries = entries;
    this.state = state;
  }

  static async load(store: JsonStore, log: (message: string) => void = () => {}): Promise<PolicyBaseline> {
    const raw = await store.read().catch(() => undefined);
    if (raw === null) return new PolicyBaseline(store, new Map(), 'fresh');
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      log('locality: the record of policies in force could not be read; every policy wider than device-only waits for the person again');
      return new PolicyBaseline(store, new Map(), 'damaged');
    }
    return new PolicyBaseline(store, new Map(Object.entries(parsed.data.clients)), 'kept');
  }

  get(clientId: string): BaselineEntry | undefined {
    return this.entries.get(clientId);
  }

  /** Clients with a policy held for confirmation. */
  held(): [string, HeldPolicy][] {
    return [...this.entries].flatMap(([id, e]) => (e.held ? [[id, e.held] as [string, HeldPolicy]] : []));
  }

  /** Puts policies in force (clearing what was held for them): written to disk first, then kept. */
  async put(changes: readonly { clientId: string; policy: ResidencyPolicy }[]): Promise<void> {
    if (changes.length === 0) return;
    const next = new Map(this.entries);
    for (const { clientId, policy } of changes) next.set(clientId, { policy: keptShape(policy) });
    await this.save(next);
  }

  /**
   * Holds a weaker policy for a client, beside the one it was compared with (recorded too, so a
   * hold made while the record was damaged is still compared with device-only after a restart).
   */
  async hold(clientId: string, held: HeldPolicy, inForce: ResidencyPolicy): Promise<void> {
    const next = new Map(this.entries);
    next.set(clientId, { policy: keptShape(inForce), held: { ...held, policy: keptShape(held.policy) } });
    await this.save(next);
  }

  private async save(next: Map<string, BaselineEntry>): Promise<void> {
    await this.store.write({ version: 1, clients: Object.fromEntries(next) });
    this.entries = next;
    // A damaged record stays distrusted for this run: clients it lost are still compared with device-only.
    if (this.state === 'fresh') this.state = 'kept';
  }
}
