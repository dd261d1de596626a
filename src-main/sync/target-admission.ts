/**
 * How a place becomes a sync target: only as the person says, in main's own
 * dialog. The renderer proposes a target (a host and a declared location, or a
 * folder by the handle main's picker gave); main resolves the folder to its real
 * path, works out where the bytes would go, and asks the person, naming the host
 * or folder and the place. A cancelled question adds nothing and contacts nothing.
 *
 * A new device joining a vault is its own flow with the same question: main
 * reads at most 64 KiB of `vault.json` from the target the person confirmed and
 * keeps that target pending; once the vault is unlocked, `completeJoin` adds it
 * (the person already said yes) with the credentials given at the join.
 */
import { randomBytes } from 'node:crypto';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import type { FolderGrants } from '../files/folder-grants.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { LocalityService } from '../locality/locality-service.ts';
import type { Location } from '../locality/policy.ts';
import type { AddableTarget } from '../locality/target-registry.ts';
import type { Credentials, JoinRead } from '../../src-preload/contract/sync.ts';
import type { NewTarget, TargetView } from '../../src-preload/contract/target.ts';
import { s3Connection } from './s3-endpoints.ts';
import type { SyncService } from './sync-service.ts';

export interface TargetAdmissionDeps {
  locality: LocalityService;
  sync: SyncService;
  folders: FolderGrants;
  confirm: ConfirmDialog;
  now?: () => number;
}

interface PendingJoin {
  target: AddableTarget;
  credentials: Credentials | null;
  expires: number;
}

/** A join is completed right after the unlock that follows it; an hour is ample. */
const JOIN_LIFETIME_MS = 60 * 60_000;

const GUARANTEE_TEXT: Record<Location['guarantee'], string> = {
  jurisdiction: "the provider's jurisdiction guarantees it",
  region: "the provider's region says so",
  declared: 'only your declaration says so; Caravan cannot verify it',
  'best-effort': 'a best-effort hint, which guarantees nothing',
  unknown: 'Caravan cannot tell',
};

/** Where a target's requests go, in the words the dialog uses: the host (with the bucket), or the folder. */
export function reachedAt(target: AddableTarget): string {
  if (target.kind === 'folder') return `the folder ${target.path ?? '(none)'}`;
  let endpoint = target.endpoint;
  if (!endpoint && target.kind === 's3') {
    const connection = s3Connection(target.location.provider, target.location.region, undefined);
    endpoint = 'endpoint' in connection ? connection.endpoint : undefined;
  }
  let host = 'an address Caravan cannot read';
  try {
    host = endpoint ? new URL(endpoint).host : host;
  } catch {
    // Left as said: the schema already refused an unreadable URL.
  }
  return target.kind === 's3' ? `the bucket ${target.bucket ?? ''} at ${host}` : `the WebDAV server at ${host}`;
}

/** The facts main shows: where the bytes go, where that is, and how sure that is. Plain text. */
export function describeTarget(target: AddableTarget, location: Location): string {
  return [
    `Sends to: ${reachedAt(target)}.`,
    `Where it stores data: ${location.description} (${GUARANTEE_TEXT[location.guarantee]}).`,
    `Name in Caravan: "${target.label}".`,
  ].join('\n');
}

function sameTarget(a: AddableTarget, b: AddableTarget): boolean {
  return (
    a.kind === b.kind && a.path === b.path && a.endpoint === b.endpoint && a.bucket === b.bucket && JSON.stringify(a.location) === JSON.stringify(b.location)
  );
}

export class TargetAdmission {
  readonly #deps: TargetAdmissionDeps;
  readonly #pending = new Map<string, PendingJoin>();

  constructor(deps: TargetAdmissionDeps) {
    this.#deps = deps;
  }

  get #now(): number {
    return (this.#deps.now ?? Date.now)();
  }

  /** The target as main will keep it: a folder's handle resolved to the real path main recorded at the pick. */
  #resolve(input: NewTarget): AddableTarget {
    const { folder, ...rest } = input;
    return folder === undefined ? rest : { ...rest, path: this.#deps.folders.resolve(folder) };
  }

  #location(target: AddableTarget): Location {
    return this.#deps.locality.locate(target);
  }

  /** Adds a target once the person confirms it in main's dialog. */
  async add(input: NewTarget): Promise<TargetView> {
    if (!this.#deps.locality.isOpen)
      throw new UserFacingError('refused', 'Unlock the vault to add a target: what it may receive is decided, and logged, per client.');
    const target = this.#resolve(input);
    if (this.#deps.locality.targetConfigs().some((t) => t.label.toLowerCase() === target.label.toLowerCase())) {
      throw new UserFacingError('invalid-argument', `A target called "${target.label}" exists already; choose another name.`);
    }
    const location = this.#location(target);
    const yes = await this.#deps.confirm.confirm({
      title: 'Add a sync target?',
      message: `Let Caravan send encrypted data to ${reachedAt(target)}?`,
      detail: `${describeTarget(target, location)}\nEach client's data goes there only if its residency policy allows that place.`,
      confirmLabel: 'Add target',
    });
    if (!yes) throw new UserFacingError('refused', `"${target.label}" was not added: you cancelled in Caravan's confirmation.`);
    return this.#deps.locality.addTarget(target);
  }

  /** A new device reads its vault's header from a target the person confirms; nothing else is read. */
  async join(input: NewTarget, credentials: Credentials | null): Promise<JoinRead> {
    const target = this.#resolve(input);
    const location = this.#location(target);
    if (location.guarantee === 'unknown' || location.guarantee === 'best-effort') {
      throw new UserFacingError('refused', `Caravan reads a vault only from a target whose location it can name; ${location.description}.`);
    }
    const yes = await this.#deps.confirm.confirm({
      title: 'Set up this device from a sync target?',
      message: `Read your vault from ${reachedAt(target)}?`,
      detail: `${describeTarget(target, location)}\nCaravan reads only the vault header (vault.json, at most 64 KiB) now; once you unlock the vault with your passphrase or recovery kit, it adds this target and syncs with it.`,
      confirmLabel: 'Read my vault',
    });
    if (!yes) throw new UserFacingError('refused', 'Nothing was read: you cancelled in Caravan’s confirmation.');
    const header = await this.#deps.sync.readVaultHeaderFrom(target, credentials);
    if (header === null) return { found: false };
    for (const [id, join] of this.#pending) if (join.expires <= this.#now) this.#pending.delete(id);
    const joinId = randomBytes(16).toString('hex');
    this.#pending.set(joinId, { target, credentials, expires: this.#now + JOIN_LIFETIME_MS });
    return { found: true, joinId, header };
  }

  /** After the unlock: the confirmed join target becomes a sync target (the same one, if it exists already). */
  async completeJoin(joinId: string): Promise<TargetView> {
    if (!this.#deps.locality.isOpen) throw new UserFacingError('refused', 'Unlock the vault first: the target is added to its audit log.');
    const join = this.#pending.get(joinId);
    if (!join || join.expires <= this.#now)
      throw new UserFacingError('invalid-argument', 'This device is no longer joining from a target; add the target in Sync > Targets.');
    this.#pending.delete(joinId);
    const existing = this.#deps.locality.targetConfigs().find((t) => sameTarget(t, join.target));
    const id = existing?.id ?? (await this.#deps.locality.addTarget(join.target)).id;
    if (join.credentials) await this.#deps.sync.setCredentials(id, join.credentials);
    const view = this.#deps.locality.listTargets().targets.find((t) => t.id === id);
    if (!view) throw new UserFacingError('io-failed', 'The target was added but could not be read back; see Sync > Targets.');
    return view;
  }
}
