/**
 * The app's side of an import, step by step, for the import dialog: read the picked file and
 * verify its signature (before any key is asked for), decrypt and plan against the open vault with
 * the checks that need the app (an erased client, travel mode through main's guard), then commit
 * the plan and tell main, the screens and the guard what arrived.
 */
import { useStore } from '../app/store.ts';
import { contactBySignKey, type Contact } from '../identity/contacts.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { openLocality, toPolicyWire } from '../locality/locality-session.ts';
import { loadTravel } from '../locality/travel.ts';
import { canonicalJson } from '../sync/segment/canonical-json.ts';
import { readProgress } from '../sync/engine/sync-progress.ts';
import { currentSession, currentWorkspace, metaStore, repoContext } from '../vault/session/runtime.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { BundleImportRequest } from '../../src-preload/contract/bundle.ts';
import { inspectBundle, verifyBundle, type BundleInfo, type BundleKey, type BundleProgress } from './codec/index.ts';
import { bundleFromBase64 } from './bundle-transfer.ts';
import type { ImportPlan } from './content/import-plan.ts';
import { BundleContentError } from './content/project-content.ts';
import { applyImport, decryptProjectBundle, prepareImport } from './import-project.ts';
import { errorMessage } from '../ui/error-message.ts';
import { formatDay } from '../ui/format/dates.ts';

export interface VerifiedFile {
  name: string;
  bytes: Uint8Array;
  info: BundleInfo;
  /** The saved contact who signed it, or undefined for an unknown signer. */
  signer: Contact | undefined;
  /** Signed by this vault itself. */
  ownSignature: boolean;
}

/** Asks main for a file and verifies it; null when the person cancelled. Throws BundleError. */
export async function pickAndVerify(contacts: readonly Contact[]): Promise<VerifiedFile | null> {
  const file = await unwrap(caravan().bundle.open());
  if (!file) return null;
  const bytes = bundleFromBase64(file.bytesBase64);
  inspectBundle(bytes);
  const info = await verifyBundle(bytes);
  const own = currentWorkspace()?.keyRing.identity().signPublicKey;
  const ownSignature = own !== undefined && own.every((b, i) => b === info.signer.signPublicKey[i]);
  return { name: file.name, bytes, info, signer: contactBySignKey(contacts, info.signer.signPublicKey), ownSignature };
}

/** This vault's own key, for a bundle sealed to it. */
export function ownRecipientKey(): BundleKey {
  const ring = currentWorkspace()?.keyRing;
  if (!ring) throw new Error('The vault is locked. Unlock it and import again.');
  const id = ring.identity();
  return { kind: 'recipient', publicKey: id.boxPublicKey, privateKey: id.boxSecretKey };
}

function importRequest(plan: ImportPlan, policy: ResidencyPolicy, place: BundleImportRequest['place']): BundleImportRequest {
  return { clientId: plan.content.clientId, clientLabel: plan.client.name, policy, place };
}

/** The policies an import must satisfy: the header's, and this vault's if it holds a newer, different one. */
function policiesOf(plan: ImportPlan, header: ResidencyPolicy): ResidencyPolicy[] {
  const merged = toPolicyWire(plan.client.residency);
  return canonicalJson(merged) === canonicalJson(header) ? [header] : [header, merged];
}

/**
 * Where the person is. "Safe for travel" counts only as this vault already has it: an import never
 * changes an existing client's policy fields (import-plan.ts), and a new client's mark comes from
 * the file, which must not be able to exempt itself.
 */
async function placeNow(plan: ImportPlan): Promise<BundleImportRequest['place']> {
  const vaultId = currentSession()?.vaultId;
  const travel = vaultId ? await loadTravel(vaultId) : null;
  return { country: travel?.country ? travel.country : null, safeForTravel: !plan.newClient && plan.client.safeForTravel === true };
}

/** Asks main's guard about every policy the import must satisfy, where the person is now; throws its reason. */
async function checkAllowed(plan: ImportPlan, header: ResidencyPolicy): Promise<BundleImportRequest['place']> {
  const place = await placeNow(plan);
  for (const policy of policiesOf(plan, header)) {
    const decision = await unwrap(caravan().bundle.checkImport(importRequest(plan, policy, place)));
    if (!decision.allowed) throw new Error(decision.reason);
  }
  return place;
}

/**
 * A client this device does not hold a key for, but that exists in the vault elsewhere (away for a
 * trip, or on a sync target and not arrived yet): importing would make a second, different data
 * key for it. Refused until it is back.
 */
async function refuseIfElsewhere(vaultId: string, clientId: string): Promise<void> {
  if (currentWorkspace()?.keyRing.hasClientKey(clientId)) return;
  const travel = await loadTravel(vaultId);
  if (travel && (travel.removed.includes(clientId) || travel.returning.includes(clientId))) {
    throw new BundleContentError('This client is away from this device for your trip; import the bundle once it is back. Nothing was imported.');
  }
  const { targets } = await unwrap(caravan().locality.targets());
  for (const target of targets) {
    const progress = readProgress(await metaStore().syncProgress(vaultId, target.id));
    if (Object.keys(progress.vectors[clientId] ?? {}).length > 0 || progress.keysPushed[clientId]) {
      throw new BundleContentError(
        `This client is in your vault on ${target.label} but has not arrived on this device yet. Let sync finish, then import. Nothing was imported.`,
      );
    }
  }
}

/**
 * Decrypts, plans, and checks that the import is allowed here. Throws BundleError,
 * BundleContentError, or an Error with the guard's reason; nothing is written.
 */
export async function decryptAndPlan(file: VerifiedFile, key: BundleKey, onProgress: BundleProgress): Promise<ImportPlan> {
  const bundle = await decryptProjectBundle(file.bytes, key, onProgress);
  const vaultId = currentSession()?.vaultId;
  if (!vaultId) throw new Error('The vault is locked. Unlock it and import again.');
  const erased = (await metaStore().syncErasures(vaultId)).find((e) => e.clientId === bundle.content.clientId);
  if (erased) {
    throw new BundleContentError(
      `This client was erased from this vault on ${formatDay(erased.erasedAt)}; importing the bundle would bring erased data back. Nothing was imported.`,
    );
  }
  await refuseIfElsewhere(vaultId, bundle.content.clientId);
  const plan = await prepareImport(repoContext().db, bundle, Date.now());
  await checkAllowed(plan, file.info.meta.residency);
  return plan;
}

/** Writes the plan, records it in main's audit log, and refreshes the screens and the guard. */
export async function commitImport(file: VerifiedFile, plan: ImportPlan): Promise<{ records: number; auditProblem: string | null }> {
  const workspace = currentWorkspace();
  const vaultId = currentSession()?.vaultId;
  if (!workspace || !vaultId) throw new Error('The vault is locked. Unlock it and import again.');
  // Planned and decided again now: sync, travel mode or a policy may have changed while the
  // preview was open, and a stale plan could write records that no longer fit.
  await refuseIfElsewhere(vaultId, plan.content.clientId);
  const fresh = await prepareImport(workspace.ctx.db, { info: file.info, content: plan.content }, Date.now());
  const place = await checkAllowed(fresh, file.info.meta.residency);
  const outcome = await applyImport({ db: workspace.ctx.db, keyRing: workspace.keyRing, clock: workspace.ctx.clock }, fresh);
  let auditProblem: string | null = null;
  try {
    // The guard learns the (possibly new) client's policy, then records the import. A wider policy
    // than main has in force is held there, and listed for the person to review.
    const opened = await openLocality(vaultId, 'bundle');
    useStore.getState().setSyncStatus({ policiesAwaiting: opened.awaiting });
    await unwrap(caravan().bundle.recordImport(importRequest(plan, file.info.meta.residency, place)));
  } catch (error) {
    auditProblem = errorMessage(error);
  }
  await useStore.getState().loadWorkspace();
  return { records: outcome.records, auditProblem };
}
