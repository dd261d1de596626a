/**
 * Importing a `.caravan` bundle, in the order the format requires: the signature is verified and
 * the content decrypted by the codec (all or nothing), the content is checked and the import
 * planned against this vault (import-plan.ts), and only then, after the person has seen the
 * preview and the guard has allowed it, is the plan applied: one transaction that merges the
 * bundle's changes by HLC exactly as sync merges another device's, logged as this vault's own so
 * that sync carries them to its other devices. Importing the same bundle again changes nothing.
 */
import { toPolicyWire } from '../locality/locality-session.ts';
import { applyRemoteChanges } from '../sync/engine/apply-remote.ts';
import { PartitionStates } from '../sync/engine/partition-states.ts';
import { canonicalJson } from '../sync/segment/canonical-json.ts';
import type { WriteClock } from '../vault/repos/context.ts';
import type { VaultKeyRing } from '../vault/store/key-ring.ts';
import type { VaultDb } from '../vault/store/schema.ts';
import { decryptBundle, type BundleInfo, type BundleKey, type BundleProgress } from './codec/index.ts';
import { planImport, type ImportPlan } from './content/import-plan.ts';
import { BundleContentError, decodeProjectContent, type ProjectContent } from './content/project-content.ts';
import type { MergeState } from '../sync/merge/merge-state.ts';
import type { EntityTableName } from '../vault/store/rows.ts';

export interface DecryptedBundle {
  info: BundleInfo;
  content: ProjectContent;
}

/** Verifies, decrypts and parses. Throws BundleError (the file) or BundleContentError (what is inside). */
export async function decryptProjectBundle(bytes: Uint8Array, key: BundleKey, onProgress?: BundleProgress): Promise<DecryptedBundle> {
  const { info, content: plain } = await decryptBundle(bytes, key, onProgress);
  const content = await decodeProjectContent(plain);
  if (content.variant !== info.meta.variant) {
    throw new BundleContentError(`The bundle's header says "${info.meta.variant}" but its content is "${content.variant}". Nothing was imported.`);
  }
  return { info, content };
}

/**
 * The bundle's records that this vault holds outside the client's partition (another client's, or
 * under another table): found by their ids, keys only, so nothing of another client is decrypted.
 */
async function foreignIds(db: VaultDb, content: ProjectContent, state: MergeState): Promise<Set<string>> {
  const wanted = new Map<EntityTableName, Set<string>>();
  for (const c of content.changes) {
    if (state.tables.get(c.table)?.has(c.id)) continue;
    // A bundle holds this version's tables only (project-content.ts validates them strictly).
    const table = c.table as EntityTableName;
    let ids = wanted.get(table);
    if (!ids) wanted.set(table, (ids = new Set()));
    ids.add(c.id);
  }
  const foreign = new Set<string>();
  for (const [table, ids] of wanted) {
    const found = await db
      .table(table)
      .where(':id')
      .anyOf([...ids])
      .primaryKeys();
    for (const id of found) foreign.add(`${table}|${String(id)}`);
  }
  return foreign;
}

/** Plans the import against this vault; checks that the signed header's residency is the one of the client inside. */
export async function prepareImport(db: VaultDb, bundle: DecryptedBundle, now: number): Promise<ImportPlan> {
  const state = await new PartitionStates().forPartition(db, `client:${bundle.content.clientId}`);
  const plan = planImport(state, bundle.content, now, await foreignIds(db, bundle.content, state));
  if (canonicalJson(toPolicyWire(plan.bundleClient.residency)) !== canonicalJson(bundle.info.meta.residency)) {
    throw new BundleContentError(
      "The residency policy in the bundle's header is not the policy of the client inside it. The bundle was not made by Caravan as it claims; nothing was imported.",
    );
  }
  return plan;
}

export interface ImportTarget {
  db: VaultDb;
  keyRing: VaultKeyRing;
  clock: WriteClock;
}

/**
 * Writes a planned import. A client new to this vault gets a data key first; if the merge then
 * fails, the new key is destroyed again so nothing of the attempt is left.
 */
export async function applyImport(target: ImportTarget, plan: ImportPlan): Promise<{ records: number }> {
  const { db, keyRing, clock } = target;
  const { clientId } = plan.content;
  if (plan.effective.length === 0) return { records: 0 };
  let created = false;
  if (!keyRing.hasClientKey(clientId)) {
    if (await db.clientKeys.get(clientId)) {
      throw new BundleContentError("This client's key in the vault does not open, so nothing can be added to it. Nothing was imported.");
    }
    await keyRing.createClientKey(db, clientId);
    created = true;
  }
  try {
    const outcome = await applyRemoteChanges({
      db,
      partition: `client:${clientId}`,
      states: new PartitionStates(),
      changes: plan.effective,
      origin: undefined,
      clock,
    });
    return { records: outcome.records };
  } catch (error) {
    if (created) await keyRing.destroyClientKey(db, clientId).catch(() => undefined);
    throw error;
  }
}
